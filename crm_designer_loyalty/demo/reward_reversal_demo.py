# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Demo of the append-only reward ledger: one paid designer invoice whose
accrual is on last month's draft statement is unreconciled and reconciled
again. Its ledger shows the accrual, its reversal and the accrual written
again; the draft statement keeps the first accrual, the other two wait for the
next statement, where they net to nothing."""


def reversal_demo(env):
    """Unreconcile and reconcile again the payment of one invoice (of the
    first accrual on a draft statement, not reversed), or reset its payments
    without journal entry to draft and confirm them again. Returns the
    invoice (empty when there is none)."""
    accrual = env["designer.reward"].search(
        [
            ("kind", "=", "accrual"),
            ("statement_id.state", "=", "draft"),
            ("move_id.move_type", "=", "out_invoice"),
            ("reversal_ids", "=", False),
        ],
        order="id",
        limit=1,
    )
    invoice = accrual.move_id
    receivable = invoice.line_ids.filtered(
        lambda line: line.account_type == "asset_receivable"
    )
    counterpart = (
        receivable.matched_credit_ids.credit_move_id
        | receivable.matched_debit_ids.debit_move_id
    )
    if counterpart:
        receivable.remove_move_reconcile()
        (receivable | counterpart).reconcile()
    else:
        # payments without journal entry (bank journal without outstanding
        # account): reset to draft and confirmed again
        payments = invoice.matched_payment_ids
        payments.action_draft()
        payments.action_post()
    return invoice
