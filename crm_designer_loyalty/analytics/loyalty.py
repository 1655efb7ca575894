# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Set-based SQL layer of the designer loyalty program (reward ledger, tiers,
statements).

Pure functions of ``(cr, params)`` or ``(cr, ...explicit arguments)``: they
compose SQL with :class:`odoo.tools.SQL` and run it, never loop over invoices,
lines or designers in Python. The models keep the orchestration: access
checks, ``flush_all`` before and cache invalidation after, ORM records (tier
changes, statements), chatter and emails, and the crons' batches and commits.

Pipeline:

1. Accrual (:func:`accrue`, called by ``designer.reward._accrue_moves`` from
   the reconciliation and payment hooks and the catch-up): one
   ``INSERT ... SELECT ... ON CONFLICT DO NOTHING`` writes the entries of the
   settled (:func:`settled`: nothing left to collect) customer invoices and
   credit notes of the earning designers (:data:`EARNING_DESIGNER`). An
   invoice line earns
   the rate of the tier in force on the invoice date (the designer's latest
   ``designer_tier_change`` up to that date, else the base tier), at its
   rate version in force on that date (``designer_loyalty_tier_rate``),
   adjusted by the most specific category rule in force on that date. A line
   is written when it has no live entry (:func:`live`: not reversed); the
   unique key (move line, designer, kind, generation) makes every writer
   exactly-once, also after reversals (see :func:`accrual_query`).
2. Clawback and cap, in the same statement: a credit note line claws back what
   the invoice it reverses earned for the same product (rate and tier of that
   accrual), capped by :func:`capped` at what is left of that accrual after
   the clawbacks of the invoice's other credit notes (running totals of a
   window per invoice, designer and product, lines in id order). A credit note
   waits for its invoice's accrual: :func:`waiting_refunds` finds those to
   accrue once it is written.
3. Reversal: the ledger is append-only, no entry is ever deleted or
   rewritten. The open entries of an invoice that is no longer settled (reset
   to draft, cancelled, unreconciled, payment cancelled) get a reversal entry
   each (:func:`reverse`, called by ``designer.reward._reverse_moves``):
   kind ``reversal``, ``reversed_id`` the entry it reverses, the opposite
   amounts; an entry is reversed at most once (unique index on
   ``reversed_id``). The net of an invoice line is the sum of its entries.
   Entries on a confirmed statement are never reversed (the model refuses a
   reset, an unreconciliation keeps them). :func:`unsettled_moves` finds the
   live open entries a missed hook left.
4. Catch-up (``designer.reward._cron_accrue``): :func:`unaccrued_count` and
   :func:`unaccrued_batch` select the settled invoices and credit notes without
   entry by ranges of ids; the cron accrues and commits per batch.
5. Tier review (``designer.loyalty.tier._tier_review``, per company): with the
   parameters of :func:`tier_review_params`, :func:`tier_review_count` counts
   the designers due and :func:`tier_review_batch` stores the rolling 12-month
   referred sales (or margin, :func:`~.invoice_cost.line_cost`) and review
   date of a batch of them on ``res_partner`` and returns their old and new
   tiers; the model records the changes (history, chatter, emails).
6. Statement generation (``designer.reward.statement._generate``):
   :func:`statement_designers` lists the designers with open entries or a
   carried total, :func:`attach_open_entries` puts the open entries on the
   draft statements the model created; not the entries of a line that is on
   that statement already (reversals and re-accruals): they land on the
   next statement, so that a statement re-prints as it was.
7. Points expiry (``designer.reward._cron_expire_points``):
   :func:`expire_points` writes one expiry entry per designer and company
   whose points saw no activity for the company's period.
"""

import logging

import psycopg2
from dateutil.relativedelta import relativedelta

from odoo.tools import SQL

from .invoice_cost import line_cost

_logger = logging.getLogger(__name__)

# Suspended or left designers earn no accrual (their clawbacks still apply).
EARNING_DESIGNER = SQL(
    """(m.move_type = 'out_refund' OR NOT EXISTS (
        SELECT 1 FROM res_partner d WHERE d.id = m.designer_id
           AND d.designer_program_state IN ('suspended', 'left')))"""
)


def live(alias):
    """SQL condition: the ledger entry ``alias`` (a ``designer_reward`` alias)
    is live, no reversal points at it (index ``designer_reward_reversed_uniq``)."""
    return SQL(
        "NOT EXISTS (SELECT 1 FROM designer_reward cdl_rv "
        "WHERE cdl_rv.reversed_id = %s.id)",
        SQL.identifier(alias),
    )


def has_live(where):
    """SQL condition: the ledger entries matching ``where`` (a condition on
    the alias ``cdl_e``, e.g. an invoice line and designer, or a move) hold a
    live accrual or clawback: they outnumber their reversals (an entry is
    reversed once at most, by a reversal of the same move, line and
    designer). One aggregate per row, probed by index: the planner cannot
    turn it into a loop over the whole ledger, whatever its estimates."""
    return SQL(
        """(SELECT COUNT(*) FILTER (WHERE cdl_e.kind IN ('accrual', 'clawback'))
                 > COUNT(*) FILTER (WHERE cdl_e.kind = 'reversal')
              FROM designer_reward cdl_e WHERE %s)""",
        where,
    )


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
    accrual (:func:`accrual_query`), the catch-up selections
    (:func:`unsettled_moves`, :func:`unaccrued_count`,
    :func:`unaccrued_batch`) and ``designer.reward._sync_moves``
    (:func:`settled_moves`) all use it.

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


def _execute(cr, query, log_exceptions=True):
    """Run ``query``, which decides what is settled (:func:`settled`), without
    JIT compilation: its correlated subqueries raise the planner's estimate
    above ``jit_above_cost``, and compiling them costs far more (hundreds of
    milliseconds to seconds) than running them. ``jit`` is set back as it was
    (a failed query rolls the setting back with its transaction or
    savepoint). Returns the rows of a ``SELECT``, else the row count."""
    cr.execute("SELECT current_setting('jit'), set_config('jit', 'off', true)")
    jit = cr.fetchone()[0]
    cr.execute(query, log_exceptions=log_exceptions)
    result = cr.fetchall() if cr.description else cr.rowcount
    cr.execute(SQL("SELECT set_config('jit', %s, true)", jit))
    return result


def settled_moves(cr, move_ids):
    """Ids of the settled ones (see :func:`settled`) of the customer invoices
    and credit notes ``move_ids``."""
    rows = _execute(
        cr,
        SQL(
            "SELECT m.id FROM account_move m WHERE m.id = ANY(%s) AND %s",
            list(move_ids),
            settled(),
        ),
    )
    return [row[0] for row in rows]


def create_ledger_indexes(cr):
    """Expiry entries have no invoice line: one per designer, company and day.
    An entry is reversed at most once: one reversal per ``reversed_id``."""
    cr.execute(
        """
        CREATE UNIQUE INDEX IF NOT EXISTS designer_reward_expiry_uniq
        ON designer_reward (designer_id, company_id, date) WHERE kind = 'expiry';
        CREATE UNIQUE INDEX IF NOT EXISTS designer_reward_reversed_uniq
        ON designer_reward (reversed_id) WHERE reversed_id IS NOT NULL
        """
    )


def capped(column):
    """SQL of a clawback ``column`` (base_amount, amount, points) capped at what
    is left of the reversed invoice's accrual: the change, by this line, of the
    running total of its product's clawbacks, floored at minus what is left."""
    value, upto, left = (
        SQL.identifier(name) for name in (column, f"{column}_upto", f"cap_{column}")
    )
    return SQL(
        "CASE WHEN capped THEN GREATEST(%(upto)s, -GREATEST(%(left)s, 0)) "
        "- GREATEST(%(upto)s - %(value)s, -GREATEST(%(left)s, 0)) "
        "ELSE %(value)s END",
        value=value,
        upto=upto,
        left=left,
    )


def accrual_query(move_ids, today, uid):
    """The accrual and clawback ``INSERT`` of the customer invoices and credit
    notes ``move_ids`` (see :func:`accrue`), entries written on ``today`` by
    user ``uid``.

    Exactly once, also after reversals: a line gets an entry when it has no
    live one (an entry not reversed, :func:`live`), and the entry's
    ``generation`` is the number of entries of its line, designer and kind
    written before (all reversed). The unique key (move line, designer,
    kind, generation) then admits one entry per generation: two writers of
    the first accrual, or of the accrual after a reversal, compute the same
    generation, and the second does nothing (``ON CONFLICT DO NOTHING``).
    A generation counter rather than a unique index over the live entries
    only: a partial index cannot see the reversal (another row), and a
    "reversed" flag on the entry would rewrite it."""
    return SQL(
        """
        -- the settled moves, decided once per move
        WITH settled_move AS MATERIALIZED (
        SELECT m.id FROM account_move m
         WHERE m.id = ANY(%(move_ids)s) AND %(settled)s
        ),
        line AS MATERIALIZED (
        SELECT m.designer_id, m.commercial_partner_id AS partner_id,
               m.id AS move_id, aml.id AS move_line_id,
               CASE WHEN m.move_type = 'out_invoice'
                    THEN 'accrual' ELSE 'clawback' END AS kind,
               m.invoice_date AS date, -aml.balance AS base_amount, r.rate,
               CASE WHEN r.reward_type = 'money'
                    THEN ROUND(-aml.balance * r.rate / 100 / cur.rounding)
                         * cur.rounding
                    ELSE 0 END AS amount,
               -- points of an accrual that have expired since are gone:
               -- not clawed back a second time
               CASE WHEN r.reward_type = 'points' AND NOT EXISTS (
                         SELECT 1 FROM designer_reward x
                          WHERE x.kind = 'expiry'
                            AND x.designer_id = m.designer_id
                            AND x.company_id = m.company_id
                            AND x.id > src.accrual_id)
                    THEN ROUND(-aml.balance * r.rate / 100, 2)
                    ELSE 0 END AS points,
               t.id AS tier_id, m.company_id, c.currency_id,
               m.reversed_entry_id, aml.product_id, src.accrued AS capped
          FROM account_move m
          JOIN res_company c ON c.id = m.company_id
          JOIN res_currency cur ON cur.id = c.currency_id
          JOIN account_move_line aml
            ON aml.move_id = m.id AND aml.display_type = 'product'
          LEFT JOIN account_move orig ON orig.id = m.reversed_entry_id
          LEFT JOIN product_product pp ON pp.id = aml.product_id
          LEFT JOIN product_template pt ON pt.id = pp.product_tmpl_id
          LEFT JOIN product_category pc ON pc.id = pt.categ_id
          -- credit note: the same product on the invoice it reverses, with
          -- its accrual if any (NULL accrued: product not on that invoice)
          LEFT JOIN LATERAL (
               SELECT oa.rate, oa.tier_id, oa.id AS accrual_id,
                      oa.id IS NOT NULL AS accrued,
                      -- the entry's reward type: the tier's may have changed
                      CASE WHEN oa.points != 0 THEN 'points'
                           ELSE 'money' END AS reward_type
                 FROM account_move_line oal
                 LEFT JOIN designer_reward oa
                   ON oa.move_line_id = oal.id AND oa.kind = 'accrual'
                  AND oa.designer_id = m.designer_id AND %(live_oa)s
                WHERE m.move_type = 'out_refund'
                  AND oal.move_id = m.reversed_entry_id
                  AND oal.display_type = 'product'
                  AND oal.product_id = aml.product_id
                  AND oal.balance != 0
                ORDER BY oa.id IS NULL, oa.id DESC LIMIT 1) src ON TRUE
          JOIN designer_loyalty_tier t ON t.id = COALESCE(
               -- tier of the reversed accrual
               src.tier_id,
               -- tier in force on the (original) invoice date
               (SELECT tc.new_tier_id FROM designer_tier_change tc
                 WHERE tc.designer_id = m.designer_id
                   AND tc.company_id = m.company_id
                   AND tc.date <= COALESCE(orig.invoice_date, m.invoice_date)
                 ORDER BY tc.date DESC, tc.id DESC LIMIT 1),
               -- otherwise the base tier
               (SELECT bt.id FROM designer_loyalty_tier bt
                 WHERE bt.company_id = m.company_id AND bt.active
                 ORDER BY bt.threshold, bt.sequence, bt.id LIMIT 1))
          -- the versions in force on the (original) invoice date: the tier's
          -- rate and reward type, the latest rule of the most specific category
          JOIN LATERAL (
               SELECT tv.rate, tv.reward_type
                 FROM designer_loyalty_tier_rate tv
                WHERE tv.tier_id = t.id
                  AND (tv.date_from IS NULL OR tv.date_from
                       <= COALESCE(orig.invoice_date, m.invoice_date))
                ORDER BY tv.date_from DESC NULLS LAST LIMIT 1) tv ON TRUE
          LEFT JOIN LATERAL (
               SELECT cr.mode, cr.rate, cr.multiplier
                 FROM designer_loyalty_category_rule cr
                 JOIN product_category rc ON rc.id = cr.categ_id
                WHERE cr.company_id = m.company_id AND cr.active
                  AND STARTS_WITH(pc.parent_path, rc.parent_path)
                  AND (cr.date_from IS NULL OR cr.date_from
                       <= COALESCE(orig.invoice_date, m.invoice_date))
                ORDER BY LENGTH(rc.parent_path) DESC,
                         cr.date_from DESC NULLS LAST LIMIT 1) rule ON TRUE
         CROSS JOIN LATERAL (
               SELECT CASE WHEN src.accrued THEN src.rate
                        WHEN rule.mode = 'rate' THEN rule.rate
                        WHEN rule.mode = 'multiplier'
                        THEN tv.rate * rule.multiplier
                        ELSE tv.rate END AS rate,
                      CASE WHEN src.accrued THEN src.reward_type
                           ELSE tv.reward_type END AS reward_type) r
         WHERE m.id IN (SELECT id FROM settled_move)
           AND m.move_type IN ('out_invoice', 'out_refund')
           AND m.designer_id IS NOT NULL
           AND %(earning)s
           -- a credit note claws back only what its invoice earned for its
           -- designer: it waits for the accrual of the invoice it reverses
           AND (m.move_type = 'out_invoice' OR m.reversed_entry_id IS NULL
                -- (designers of its accruals, read by move, see fam_entry)
                OR m.designer_id IN (
                   SELECT oa.designer_id FROM designer_reward oa
                    WHERE oa.move_id = m.reversed_entry_id
                      AND oa.kind = 'accrual' AND %(live_oa)s))
           -- a product the reversed invoice did not reward is not clawed back
           AND COALESCE(src.accrued, rule.mode IS DISTINCT FROM 'excluded')
           AND aml.balance != 0
           -- lines with a live entry are in cap: not to be counted twice
           -- (a line whose entries are all reversed is written again)
           AND NOT %(line_live)s
        ),
        -- invoices (and designers) the capped lines claw back from
        fam AS (
        SELECT DISTINCT reversed_entry_id AS invoice_id, designer_id
          FROM line WHERE capped
        ),
        -- the entries of those invoices and of all their credit notes (with
        -- their reversals: the sums are the nets), read
        -- once by move; their designer is filtered on afterwards: with a
        -- designer condition, the planner may read all of the designer's
        -- entries for each invoice instead
        fam_entry AS MATERIALIZED (
        SELECT fam.invoice_id, fam.designer_id AS fam_designer_id,
               em.id AS move_id, e.id, e.designer_id, e.kind, el.product_id,
               e.base_amount, e.amount, e.points
          FROM fam
         CROSS JOIN LATERAL (
               SELECT fam.invoice_id AS id UNION ALL
               SELECT cn.id FROM account_move cn
                WHERE cn.reversed_entry_id = fam.invoice_id) em
          JOIN designer_reward e ON e.move_id = em.id
          JOIN account_move_line el ON el.id = e.move_line_id
        ),
        -- credit notes of one invoice written by concurrent transactions:
        -- each updates the accruals it caps against, so the second fails to
        -- serialize (and is retried) instead of capping on a stale snapshot
        guard AS (
        -- (ids as arrays: looked up by primary key, whatever the planner
        -- estimates of the ledger, never a loop over it)
        UPDATE designer_reward g SET write_date = g.write_date
         WHERE g.id = ANY(ARRAY(
               SELECT oa.id FROM designer_reward oa
                WHERE oa.id = ANY(ARRAY(
                      SELECT fe.id FROM fam_entry fe
                       WHERE fe.kind = 'accrual' AND fe.move_id = fe.invoice_id
                         AND fe.designer_id = fe.fam_designer_id))
                ORDER BY oa.id FOR UPDATE OF oa))
        ),
        -- per product of an invoice (partition): what is left to claw back,
        -- its accruals minus the clawbacks already written by its credit
        -- notes (written rows), and the running totals of the lines, in line
        -- order. One sort, no join of the CTEs (their estimates are poor)
        running AS (
        SELECT *,
               SUM(base_amount) FILTER (WHERE written) OVER product
                   AS cap_base_amount,
               SUM(amount) FILTER (WHERE written) OVER product AS cap_amount,
               SUM(points) FILTER (WHERE written) OVER product AS cap_points,
               SUM(base_amount) FILTER (WHERE NOT written) OVER upto
                   AS base_amount_upto,
               SUM(amount) FILTER (WHERE NOT written) OVER upto AS amount_upto,
               SUM(points) FILTER (WHERE NOT written) OVER upto AS points_upto
          FROM (SELECT line.*, FALSE AS written FROM line
                UNION ALL
                -- the columns of line
                SELECT fam_designer_id, NULL, NULL, NULL, NULL, NULL,
                       base_amount, NULL, amount, points, NULL, NULL, NULL,
                       invoice_id, product_id, TRUE, TRUE
                  FROM fam_entry
                 WHERE designer_id = fam_designer_id
                   AND product_id IS NOT NULL) lines_and_entries
        WINDOW product AS (
               PARTITION BY reversed_entry_id, designer_id, product_id),
               upto AS (product ORDER BY move_line_id)
        )
        INSERT INTO designer_reward (
            designer_id, partner_id, move_id, move_line_id, kind, generation,
            date, accrued_on, base_amount, rate, amount, points, tier_id,
            company_id, currency_id, state,
            create_uid, write_uid, create_date, write_date)
        SELECT designer_id, partner_id, move_id, move_line_id, kind,
               -- generation: the line's earlier entries of this kind (all
               -- reversed, see line)
               (SELECT COUNT(*) FROM designer_reward gen
                 WHERE gen.move_line_id = running.move_line_id
                   AND gen.designer_id = running.designer_id
                   AND gen.kind = running.kind),
               date, %(today)s, %(base_amount)s, rate, %(amount)s, %(points)s,
               tier_id, company_id, currency_id, 'open',
               %(uid)s, %(uid)s, NOW() AT TIME ZONE 'UTC', NOW() AT TIME ZONE 'UTC'
          FROM running
         WHERE NOT written
         -- ids in invoice line order; concurrent writers lock the keys in
         -- the same order
         ORDER BY move_line_id
        ON CONFLICT DO NOTHING
        """,
        uid=uid,
        today=today,
        earning=EARNING_DESIGNER,
        move_ids=list(move_ids),
        settled=settled(),
        live_oa=live("oa"),
        line_live=has_live(
            SQL("cdl_e.move_line_id = aml.id AND cdl_e.designer_id = m.designer_id")
        ),
        **{column: capped(column) for column in ("base_amount", "amount", "points")},
    )


def accrue(cr, move_ids, today, uid):
    """Write the accrual / clawback entries of the customer invoices and refunds
    ``move_ids`` that are settled (:func:`settled`), set-based.
    Returns the number of entries created.

    An invoice line earns the rate of the tier in force on the invoice date,
    adjusted by the category rules, at their versions in force on that date
    (whenever it is paid). A credit note line claws back what the
    invoice it reverses earned for the same product: the rate and tier (thus
    reward type) of that accrual, or nothing if the product earned nothing;
    so later edits of tiers or category rules cannot create or lose money.
    Such clawbacks are capped at what is left of that product's accrual
    (amount, points and base amount each), after the clawbacks already
    written by credit notes of the same invoice, lines taken in id order: all
    credit notes of an invoice never take back more than it earned. A line
    with nothing left gets a zero entry, which marks it processed. Points
    that expired after their accrual are not clawed back (zero points): the
    expiry took them already. Other credit note lines (product not on the
    invoice, no product, no reversed invoice) use the tier in force on the
    (original) invoice date and the current rules, uncapped (no accrual to
    cap against). A credit note claws back only what its invoice earned for
    its designer: it waits for that accrual (see :func:`waiting_refunds`).

    Idempotent and concurrency-safe: a line already accrued is skipped by the
    unique key (a concurrent insert of the same key waits for the other
    transaction, then does nothing); two transactions capping clawbacks on
    the same invoice update its accruals, so the second waits, then fails to
    serialize and is retried: an expected failure, logged at INFO here, not
    as a "bad query" ERROR by the cursor."""
    try:
        return _execute(cr, accrual_query(move_ids, today, uid), log_exceptions=False)
    except psycopg2.errors.SerializationFailure:
        _logger.info(
            "Designer reward accrual: invoices written by another transaction "
            "at the same time, to be retried"
        )
        raise


def waiting_refunds(cr, invoice_ids):
    """Ids of the credit notes of ``invoice_ids`` without any live entry: they
    wait for the accrual of the invoice they reverse (also when their
    clawbacks were reversed with it)."""
    cr.execute(
        SQL(
            """
            SELECT m.id FROM account_move m
             WHERE m.move_type = 'out_refund'
               AND m.reversed_entry_id = ANY(%s)
               AND NOT EXISTS (SELECT 1 FROM designer_reward r
                                WHERE r.move_id = m.id
                                  AND r.kind != 'reversal' AND %s)
            """,
            list(invoice_ids),
            live("r"),
        )
    )
    return [row[0] for row in cr.fetchall()]


def _reversible(move_ids):
    """SQL: ids and statement states (NULL: on no statement) of the live
    accruals and clawbacks of the customer invoices and credit notes
    ``move_ids``, and of the live clawbacks of the credit notes of those
    invoices, but for a designer that keeps a live accrual of the invoice on
    a confirmed statement (a credit note claws back only what its invoice
    earned, see :func:`accrual_query`)."""
    return SQL(
        """
        SELECT r.id, s.state FROM designer_reward r
          LEFT JOIN designer_reward_statement s ON s.id = r.statement_id
         WHERE r.move_id = ANY(%(moves)s)
           AND r.kind IN ('accrual', 'clawback') AND %(live_r)s
         UNION
        SELECT r.id, s.state FROM account_move cn
          JOIN account_move inv ON inv.id = cn.reversed_entry_id
          JOIN designer_reward r ON r.move_id = cn.id
          LEFT JOIN designer_reward_statement s ON s.id = r.statement_id
         WHERE inv.id = ANY(%(moves)s) AND inv.move_type = 'out_invoice'
           AND cn.move_type = 'out_refund'
           AND r.kind = 'clawback' AND %(live_r)s
           AND NOT EXISTS (
               SELECT 1 FROM designer_reward a
                 JOIN designer_reward_statement sa ON sa.id = a.statement_id
                WHERE a.move_id = inv.id AND a.kind = 'accrual'
                  AND a.designer_id = r.designer_id AND sa.state != 'draft'
                  AND %(live_a)s)
        """,
        moves=list(move_ids),
        live_r=live("r"),
        live_a=live("a"),
    )


def locked_entries(cr, move_ids):
    """Ids of the entries that reversing ``move_ids`` would reverse (see
    :func:`reverse`) which are on a confirmed, paid or carried statement."""
    cr.execute(
        SQL(
            "SELECT id FROM (%s) e WHERE state IS NOT NULL AND state != 'draft' "
            "ORDER BY id",
            _reversible(move_ids),
        )
    )
    return [row[0] for row in cr.fetchall()]


def reverse(cr, move_ids, today, uid):
    """Reverse the live entries of the customer invoices and credit notes
    ``move_ids`` (no longer settled, or being reset), and the live clawbacks of their
    credit notes (see :func:`_reversible`), but those on a confirmed, paid or
    carried statement: one ``INSERT`` of a reversal entry per entry (kind
    ``reversal``, ``reversed_id`` the entry, opposite base amount, amount and
    points, its rate, tier, invoice line and generation, open), on ``today``
    by user ``uid``. It is dated as the entry it reverses: on the statement
    that holds the entry already, if any, it does not land (see
    :func:`attach_open_entries`), but on the next one.

    Exactly once: an entry is reversed at most once (unique index on
    ``reversed_id``): a concurrent writer of the same reversal waits for the
    first, then fails to serialize (logged at INFO here, not as a "bad
    query" ERROR by the cursor) and is retried, and its retry finds the
    entry reversed. Returns the number of entries written."""
    query = SQL(
        """
        INSERT INTO designer_reward (
            designer_id, partner_id, move_id, move_line_id, kind,
            reversed_id, generation, date, accrued_on, base_amount, rate,
            amount, points, tier_id, company_id, currency_id, state,
            create_uid, write_uid, create_date, write_date)
        SELECT o.designer_id, o.partner_id, o.move_id, o.move_line_id,
               'reversal', o.id, o.generation, o.date, %(today)s,
               -o.base_amount, o.rate, -o.amount, -o.points, o.tier_id,
               o.company_id, o.currency_id, 'open', %(uid)s, %(uid)s,
               NOW() AT TIME ZONE 'UTC', NOW() AT TIME ZONE 'UTC'
          FROM designer_reward o
         WHERE o.id IN (SELECT e.id FROM (%(reversible)s) e
                         WHERE e.state IS NULL OR e.state = 'draft')
         -- concurrent writers lock the keys in the same order
         ORDER BY o.id
        ON CONFLICT DO NOTHING
        """,
        today=today,
        uid=uid,
        reversible=_reversible(move_ids),
    )
    try:
        cr.execute(query, log_exceptions=False)
    except psycopg2.errors.SerializationFailure:
        _logger.info(
            "Designer reward reversal: entries reversed by another transaction "
            "at the same time, to be retried"
        )
        raise
    return cr.rowcount


def unsettled_moves(cr):
    """Ids of the invoices and credit notes no longer settled (see
    :func:`settled`) with live open entries (not reversed, not on a
    confirmed or paid statement), and of the invoices without live accrual
    whose credit notes have live open clawbacks."""
    rows = _execute(
        cr,
        SQL(
            """
            SELECT m.id FROM account_move m
             WHERE m.id IN (
                   SELECT r.move_id FROM designer_reward r
                     LEFT JOIN designer_reward_statement s
                       ON s.id = r.statement_id
                    WHERE r.move_id IS NOT NULL AND r.kind != 'reversal'
                      AND (s.id IS NULL OR s.state = 'draft') AND %(live_r)s)
               AND NOT %(settled)s
             UNION
            -- invoices whose accrual is reversed (or was never written) but
            -- not the open clawbacks of their credit notes
            SELECT m.id FROM designer_reward r
              JOIN account_move cn ON cn.id = r.move_id
              JOIN account_move m ON m.id = cn.reversed_entry_id
              LEFT JOIN designer_reward_statement s ON s.id = r.statement_id
             WHERE m.move_type = 'out_invoice' AND r.kind = 'clawback'
               AND (s.id IS NULL OR s.state = 'draft') AND %(live_r)s
               AND NOT EXISTS (SELECT 1 FROM designer_reward a
                                WHERE a.move_id = m.id AND a.kind = 'accrual'
                                  AND a.designer_id = r.designer_id
                                  AND %(live_a)s)
               AND NOT %(settled)s
            """,
            settled=settled(),
            live_r=live("r"),
            live_a=live("a"),
        ),
    )
    return [row[0] for row in rows]


def _unaccrued():
    """Condition on ``account_move m``: settled designer invoices and credit
    notes of earning designers without any live entry (none written, or all
    reversed)."""
    return SQL(
        """
        m.state = 'posted' AND m.move_type IN ('out_invoice', 'out_refund')
        AND m.designer_id IS NOT NULL
        AND NOT %s
        AND %s AND %s
        """,
        has_live(SQL("cdl_e.move_id = m.id")),
        EARNING_DESIGNER,
        settled(),
    )


def unaccrued_count(cr):
    """Number of settled designer invoices and credit notes without live
    entry."""
    return _execute(
        cr, SQL("SELECT COUNT(*) FROM account_move m WHERE %s", _unaccrued())
    )[0][0]


def unaccrued_batch(cr, after_id, limit):
    """Ids of the next ``limit`` settled designer invoices and credit notes
    without live entry with an id above ``after_id`` (keyset pagination: invoices
    with only excluded lines stay without entries)."""
    rows = _execute(
        cr,
        SQL(
            "SELECT m.id FROM account_move m WHERE %s AND m.id > %s "
            "ORDER BY m.id LIMIT %s",
            _unaccrued(),
            after_id,
            limit,
        ),
    )
    return [row[0] for row in rows]


def expire_points(cr, today, uid):
    """Expire the points balance of designers without points activity (points
    earned, i.e. accrued, or clawed back) for the number of months set on the
    company, counted from the day the entries were written (``accrued_on``),
    not the invoice date: one expiry entry dated ``today`` per designer and
    company, written by user ``uid``. Returns the number of entries created."""
    cr.execute(
        SQL(
            """
            INSERT INTO designer_reward (
                designer_id, kind, date, accrued_on, base_amount, rate, amount,
                points, company_id, currency_id, state,
                create_uid, write_uid, create_date, write_date)
            SELECT r.designer_id, 'expiry', %(today)s, %(today)s, 0, 0, 0,
                   -SUM(r.points),
                   r.company_id, c.currency_id, 'open', %(uid)s, %(uid)s,
                   NOW() AT TIME ZONE 'UTC', NOW() AT TIME ZONE 'UTC'
              FROM designer_reward r
              JOIN res_company c ON c.id = r.company_id
             WHERE c.loyalty_points_expiry_months > 0
             GROUP BY r.designer_id, r.company_id, c.currency_id,
                      c.loyalty_points_expiry_months
            HAVING SUM(r.points) > 0
               AND MAX(r.accrued_on) FILTER (WHERE r.points != 0)
                   <= %(today)s::date
                      - MAKE_INTERVAL(months => c.loyalty_points_expiry_months)
            ON CONFLICT DO NOTHING
            """,
            today=today,
            uid=uid,
        )
    )
    return cr.rowcount


def tier_review_params(company, review_date, designer_ids=None, force=False):
    """Parameters of a tier review of ``company`` on ``review_date``: the
    designers ``designer_ids`` (all when None), also those already reviewed
    on that day with ``force``."""
    return {
        "company": company.id,
        "company_key": str(company.id),
        "date": review_date,
        "start": review_date - relativedelta(months=12),
        "basis": company.loyalty_threshold_basis,
        "force": force,
        "all": designer_ids is None,
        "ids": designer_ids or [],
    }


def _tier_review_scope(params):
    """Condition on ``res_partner p``: the designers due for review, active and
    in the program (neither Suspended nor Left), of the company or shared, not
    reviewed on the review date yet (unless forced)."""
    return SQL(
        """
        p.is_designer AND p.active
        AND (p.designer_program_state IS NULL
             OR p.designer_program_state NOT IN ('suspended', 'left'))
        AND (p.company_id IS NULL OR p.company_id = %(company)s)
        AND (%(force)s
             OR (p.loyalty_review_date ->> %(company_key)s) IS NULL
             OR (p.loyalty_review_date ->> %(company_key)s)::date < %(date)s)
        AND (%(all)s OR p.id = ANY(%(ids)s))
        """,
        **params,
    )


def tier_review_count(cr, params):
    """Number of designers due for review."""
    cr.execute(
        SQL("SELECT COUNT(*) FROM res_partner p WHERE %s", _tier_review_scope(params))
    )
    return cr.fetchone()[0]


def tier_review_batch(cr, params, last_id, limit):
    """One set-based statement: rolling 12-month sales of the next ``limit``
    designers due with an id above ``last_id``, stored on the partners with
    the review date (company-dependent columns: the company's key); returns
    their (id, rolling sales, old tier, new tier) rows in id order. On the
    margin basis, the sales minus the cost of the lines (see
    ``analytics/invoice_cost.py``)."""
    amount, joins = SQL("-aml.balance"), SQL()
    if params["basis"] == "margin":
        cost = line_cost(line="aml", move="m")
        amount, joins = SQL("-aml.balance - %s", cost.cost), cost.joins
    cr.execute(
        SQL(
            """
            WITH designers AS (
                SELECT p.id FROM res_partner p
                 WHERE %(scope)s AND p.id > %(last_id)s
                 ORDER BY p.id LIMIT %(limit)s
            ), sales AS (
                SELECT m.designer_id, SUM(%(amount)s) AS amount
                  FROM account_move m
                  JOIN account_move_line aml
                    ON aml.move_id = m.id AND aml.display_type = 'product'
                  %(joins)s
                 WHERE m.designer_id IN (SELECT id FROM designers)
                   AND m.company_id = %(company)s AND m.state = 'posted'
                   AND m.move_type IN ('out_invoice', 'out_refund')
                   AND m.invoice_date > %(start)s AND m.invoice_date <= %(date)s
                 GROUP BY m.designer_id
            ), upd AS (
                -- company-dependent columns: set this company's key
                UPDATE res_partner p
                   SET loyalty_rolling_sales =
                           COALESCE(p.loyalty_rolling_sales, '{}')
                           || jsonb_build_object(%(company_key)s,
                                                 COALESCE(s.amount, 0)),
                       loyalty_review_date =
                           COALESCE(p.loyalty_review_date, '{}')
                           || jsonb_build_object(%(company_key)s, %(date)s::date)
                  FROM designers d LEFT JOIN sales s ON s.designer_id = d.id
                 WHERE p.id = d.id
             RETURNING p.id, COALESCE(s.amount, 0) AS sales,
                       (p.loyalty_tier_id ->> %(company_key)s)::int4 AS tier_id
            )
            SELECT u.id, u.sales, u.tier_id,
                   COALESCE(
                       (SELECT t.id FROM designer_loyalty_tier t
                         WHERE t.company_id = %(company)s AND t.active
                           AND t.threshold <= u.sales
                         ORDER BY t.threshold DESC LIMIT 1),
                       -- below every threshold (refunds): the lowest tier
                       (SELECT t.id FROM designer_loyalty_tier t
                         WHERE t.company_id = %(company)s AND t.active
                         ORDER BY t.threshold, t.sequence, t.id LIMIT 1))
              FROM upd u ORDER BY u.id
            """,
            scope=_tier_review_scope(params),
            last_id=last_id,
            limit=limit,
            amount=amount,
            joins=joins,
            company=params["company"],
            company_key=params["company_key"],
            start=params["start"],
            date=params["date"],
        )
    )
    return cr.fetchall()


def statement_designers(cr, company_id, date_from, date_to, designer_ids=None):
    """Ids of the designers (of ``designer_ids``, all when None) with open
    entries of ``company_id`` dated up to ``date_to``, or a total carried over
    by a statement before ``date_from`` that no statement took over yet."""
    cr.execute(
        SQL(
            """
            SELECT r.designer_id FROM designer_reward r
             WHERE r.statement_id IS NULL AND r.company_id = %(company)s
               AND r.date <= %(date_to)s
               AND (%(all)s OR r.designer_id = ANY(%(ids)s))
             UNION
            SELECT c.designer_id FROM designer_reward_statement c
             WHERE c.state = 'carried' AND c.carried_to_id IS NULL
               AND c.company_id = %(company)s AND c.date_from < %(date_from)s
               AND (%(all)s OR c.designer_id = ANY(%(ids)s))
            """,
            company=company_id,
            date_from=date_from,
            date_to=date_to,
            all=designer_ids is None,
            ids=designer_ids or [],
        )
    )
    return [row[0] for row in cr.fetchall()]


def attach_open_entries(cr, statement_ids):
    """Put the open entries (on no statement) dated up to the period end of
    the draft statements ``statement_ids`` on them; not those of an invoice
    line that has an entry on that statement already (its reversal, and the
    accrual written again when the invoice is settled again): they land on
    the next statement, and a statement re-prints as it was."""
    cr.execute(
        SQL(
            """
            UPDATE designer_reward r SET statement_id = s.id
              FROM designer_reward_statement s
             WHERE s.id = ANY(%s) AND s.state = 'draft'
               AND r.designer_id = s.designer_id
               AND r.company_id = s.company_id AND r.statement_id IS NULL
               AND r.date <= s.date_to
               AND NOT EXISTS (SELECT 1 FROM designer_reward o
                                WHERE o.move_line_id = r.move_line_id
                                  AND o.designer_id = r.designer_id
                                  AND o.statement_id = s.id)
            """,
            statement_ids,
        )
    )
