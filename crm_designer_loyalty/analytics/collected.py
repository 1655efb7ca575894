# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""What was collected for a customer invoice or credit note, in set-based SQL:
the one definition of "settled" (:func:`settled`) of the reward ledger
(``analytics/loyalty.py``), and of what payments without journal entry
collected (:func:`moveless_collected`), which the client finance block
(``analytics/client_finance.py``) and the order schedules
(``analytics/marketing.py``) share, so that both Odoo 18 payment flows count
the same everywhere."""

from odoo.tools import SQL


def moveless_collected(move):
    """SQL: what the payments without journal entry matched to ``move`` (an
    ``account_move`` alias) collected for it, in company currency, signed as
    its ``amount_residual_signed`` (an inbound payment is positive, as an
    invoice's residual; an outbound refund negative, as a credit note's).

    Such payments (bank journal whose payment method has no outstanding
    account) are confirmed (``in_process``, or ``paid`` once matched with a
    bank statement) and linked to their documents by ``matched_payment_ids``
    (table ``account_move__account_payment``) only. Odoo's
    ``_compute_payment_state`` then marks each of those documents paid or in
    payment, whatever the payment's amount, and partial as soon as anything
    is reconciled with it (a credit note): it does not split the amount, so
    it cannot be followed here. A payment of several documents is split in
    proportion to what each had left (``amount_residual_signed``): a grouped
    payment of their residuals pays each its residual, a smaller one pays
    each the same share, never one in full at the expense of the others.

    Such a payment is money on its way to the bank: the bank statement line
    that brings it is then reconciled with the document itself (Odoo 18's
    bank reconciliation of these payments), which lowers its residual. Both
    stand for the same money: of what the payments without journal entry
    collected and what statement lines reconciled with the document, the
    larger counts, never both (a half paid and then matched with the bank
    would be counted paid in full)."""
    return SQL(
        """(SELECT CASE WHEN cdl_ml.collected > 0
                     THEN GREATEST(cdl_ml.collected - %(banked)s, 0)
                     WHEN cdl_ml.collected < 0
                     THEN LEAST(cdl_ml.collected + %(banked)s, 0)
                     ELSE 0 END
          FROM (SELECT COALESCE((
        -- without journal entry, amount_company_currency_signed is the
        -- amount converted, unsigned
        SELECT SUM(CASE WHEN cdl_pay.payment_type = 'outbound' THEN -1 ELSE 1 END
                   * cdl_pay.amount_company_currency_signed
                   * %(move)s.amount_residual_signed / NULLIF(cdl_share.total, 0))
          FROM account_move__account_payment cdl_rel
          JOIN account_payment cdl_pay ON cdl_pay.id = cdl_rel.payment_id
         CROSS JOIN LATERAL (
               SELECT SUM(cdl_doc.amount_residual_signed) AS total
                 FROM account_move__account_payment cdl_docs
                 JOIN account_move cdl_doc ON cdl_doc.id = cdl_docs.invoice_id
                WHERE cdl_docs.payment_id = cdl_pay.id
                  AND cdl_doc.state = 'posted') cdl_share
         WHERE cdl_rel.invoice_id = %(move)s.id AND cdl_pay.move_id IS NULL
           AND cdl_pay.state IN ('in_process', 'paid')), 0) AS collected
          ) cdl_ml)""",
        move=move,
        banked=_bank_reconciled(move),
    )


def _bank_reconciled(move):
    """SQL: what bank statement lines reconciled with the receivable (or
    payable) lines of ``move`` (an ``account_move`` alias), in company
    currency, positive."""
    return SQL(
        """COALESCE((
        SELECT SUM(cdl_part.amount)
          FROM account_move_line cdl_own
          JOIN account_partial_reconcile cdl_part
            ON cdl_part.debit_move_id = cdl_own.id
            OR cdl_part.credit_move_id = cdl_own.id
          JOIN account_move_line cdl_other
            ON cdl_other.id = CASE WHEN cdl_part.debit_move_id = cdl_own.id
                                   THEN cdl_part.credit_move_id
                                   ELSE cdl_part.debit_move_id END
          JOIN account_move cdl_st ON cdl_st.id = cdl_other.move_id
         WHERE cdl_own.move_id = %(move)s.id
           -- (the receivable or payable lines of an invoice)
           AND cdl_own.display_type = 'payment_term'
           AND cdl_st.statement_line_id IS NOT NULL), 0)""",
        move=move,
    )


def _left_to_collect(move, credit_notes=True):
    """SQL: what is left to collect on the customer invoice or credit note
    ``move`` (an ``account_move`` alias), in company currency, positive when
    the client still owes (invoice) or is still owed (credit note):

    - its ``amount_residual_signed``: ``amount_total_signed`` minus what
      ``account_partial_reconcile`` reconciled on its receivable lines
      (payments with journal entries, batch payments, write-offs, credit
      notes reconciled with it, exchange differences), kept by Odoo;
    - minus what its payments without journal entry collected
      (:func:`moveless_collected`);
    - for an invoice (``credit_notes``), minus the open part of its posted
      credit notes (``reversed_entry_id``), not refunded by a payment
      without journal entry either: the client owes that much less. The part
      reconciled with the invoice is in its residual already, the part
      reconciled with a payment or another invoice was paid out or counted
      there: neither is counted twice."""
    sign = SQL(
        "CASE WHEN %(move)s.move_type = 'out_refund' THEN -1 ELSE 1 END", move=move
    )
    left = SQL(
        "%(sign)s * (%(move)s.amount_residual_signed - %(moveless)s)",
        sign=sign,
        move=move,
        moveless=moveless_collected(move),
    )
    if not credit_notes:
        return left
    cn = SQL.identifier("cdl_cn")
    return SQL(
        """(%(left)s - CASE WHEN %(move)s.move_type = 'out_invoice'
        THEN COALESCE((
             -- (the reversals of a customer invoice are its credit notes;
             -- a condition on their type may lead the planner to its index)
             SELECT SUM(GREATEST(-(%(cn_left)s), 0)) FROM account_move cdl_cn
              WHERE cdl_cn.reversed_entry_id = %(move)s.id
                AND cdl_cn.state = 'posted'), 0)
        ELSE 0 END)""",
        left=left,
        move=move,
        # signed as the credit note's residual: negative while it is open
        cn_left=SQL(
            "%(cn)s.amount_residual_signed - %(moveless)s",
            cn=cn,
            moveless=moveless_collected(cn),
        ),
    )


def settled(alias="m"):
    """SQL condition: the posted customer invoice or credit note of the
    ``account_move`` alias ``alias`` is settled, nothing is left to collect on it
    (:func:`_left_to_collect` below half the company currency's rounding, as
    Odoo's ``is_zero``). The one definition of "settled" of the ledger: the
    accrual (:func:`~.loyalty.accrual_query`), the catch-up selections
    (:func:`~.loyalty_reversal.unsettled_moves`,
    :func:`~.loyalty_reversal.unaccrued_count`,
    :func:`~.loyalty_reversal.unaccrued_batch`) and
    ``designer.reward._sync_moves`` (:func:`~.loyalty.settled_moves`) all use
    it.

    Decided from what was collected, not from ``payment_state``: Odoo shows a
    document *Paid* or *In Payment* as soon as a payment without journal
    entry is matched to it, whatever its amount (a half-paid invoice earned
    its whole reward), and *Partial* once a credit note is reconciled with an
    invoice paid so (its accrual was removed although it was collected).

    A credit note is settled by the same rule: nothing is left on it
    (reconciled with its invoice, refunded, used against another invoice), as
    ``payment_state`` said so far but for its payments without journal
    entry; or its invoice covers it: the invoice is settled only thanks to
    the credit note's open part (the client owes that much less, there is
    nothing to refund), so the clawback comes with the accrual. The open
    credit note of an invoice collected in full is a credit the client is
    owed: it waits for its refund, or its use on another invoice."""
    move, invoice = SQL.identifier(alias), SQL.identifier("cdl_inv")
    rounding = SQL(
        "(SELECT cdl_cur.rounding / 2 FROM res_company cdl_co "
        "JOIN res_currency cdl_cur ON cdl_cur.id = cdl_co.currency_id "
        "WHERE cdl_co.id = %s.company_id)",
        move,
    )
    return SQL(
        """(%(move)s.state = 'posted' AND (
        %(left)s < %(rounding)s
        OR (%(move)s.move_type = 'out_refund' AND EXISTS (
            SELECT 1 FROM account_move cdl_inv
             WHERE cdl_inv.id = %(move)s.reversed_entry_id
               AND cdl_inv.move_type = 'out_invoice'
               AND cdl_inv.state = 'posted'
               AND %(invoice_left)s < %(rounding)s
               AND %(invoice_own_left)s >= %(rounding)s))))""",
        move=move,
        left=_left_to_collect(move),
        invoice_left=_left_to_collect(invoice),
        invoice_own_left=_left_to_collect(invoice, credit_notes=False),
        rounding=rounding,
    )
