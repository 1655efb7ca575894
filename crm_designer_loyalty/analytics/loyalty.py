# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Set-based SQL layer of the designer loyalty program: the accrual of the reward
ledger here; what was collected in ``collected.py``, the reversals and the
catch-up selections in ``loyalty_reversal.py``, the tier review, the statements
and the points expiry in ``loyalty_review.py``.

Pure functions of ``(cr, params)`` or ``(cr, ...explicit arguments)``: they
compose SQL with :class:`odoo.tools.SQL` and run it, never loop over invoices,
lines or designers in Python. The models keep the orchestration: access checks,
``flush_all`` before and cache invalidation after, ORM records (tier changes,
statements), chatter and emails, and the crons' batches and commits.

Pipeline:

1. Accrual (:func:`accrue`, called by ``designer.reward._accrue_moves`` from
   the reconciliation and payment hooks and the catch-up): one ``INSERT ...
   SELECT ... ON CONFLICT DO NOTHING`` writes the entries of the settled
   (:func:`~.collected.settled`: nothing left to collect) customer invoices and
   credit notes of the earning designers (:data:`EARNING_DESIGNER`). An invoice
   line earns the rate of the tier in force on the invoice date (the designer's
   latest ``designer_tier_change`` up to that date, else the base tier), at its
   rate version in force on that date (``designer_loyalty_tier_rate``),
   adjusted by the most specific category rule in force on that date. A line is
   written when it has no live entry (:func:`live`: not reversed); the unique
   key (move line, designer, kind, generation) makes every writer exactly-once,
   also after reversals (see :func:`accrual_query`).
2. Clawback and cap, in the same statement: a credit note line claws back what
   the invoice it reverses earned for the same product (rate and tier of that
   accrual), capped by :func:`capped` at what is left of that accrual after the
   clawbacks of the invoice's other credit notes (running totals of a window
   per invoice, designer and product, lines in id order). A credit note waits
   for its invoice's accrual: :func:`waiting_refunds` finds those to accrue
   once it is written.
3. Reversal: the ledger is append-only, no entry is ever deleted or rewritten.
   The open entries of an invoice that is no longer settled (reset to draft,
   cancelled, unreconciled, payment cancelled) get a reversal entry each
   (:func:`~.loyalty_reversal.reverse`, called by
   ``designer.reward._reverse_moves``): kind ``reversal``, ``reversed_id`` the
   entry it reverses, the opposite amounts; an entry is reversed at most once
   (unique index on ``reversed_id``). The net of an invoice line is the sum of
   its entries. Entries on a confirmed statement are never reversed (the model
   refuses a reset, an unreconciliation keeps them).
   :func:`~.loyalty_reversal.unsettled_moves` finds the live open entries a
   missed hook left.
4. Catch-up (``designer.reward._cron_accrue``):
   :func:`~.loyalty_reversal.unaccrued_count` and
   :func:`~.loyalty_reversal.unaccrued_batch` select the settled invoices and
   credit notes without entry by ranges of ids; the cron accrues and commits
   per batch.
5. Tier review (``designer.loyalty.tier._tier_review``, per company): with the
   parameters of :func:`~.loyalty_review.tier_review_params`,
   :func:`~.loyalty_review.tier_review_count` counts the designers due and
   :func:`~.loyalty_review.tier_review_batch` stores the rolling 12-month
   referred sales (or margin, :func:`~.invoice_cost.line_cost`) and review date
   of a batch of them on ``res_partner`` and returns their old and new tiers;
   the model records the changes (history, chatter, emails).
6. Statement generation (``designer.reward.statement._generate``):
   :func:`~.loyalty_review.statement_designers` lists the designers with open
   entries or a carried total, :func:`~.loyalty_review.attach_open_entries`
   puts the open entries on the draft statements the model created; not the
   entries of a line that is on that statement already (reversals and
   re-accruals): they land on the next statement, so that a statement re-prints
   as it was.
7. Points expiry (``designer.reward._cron_expire_points``):
   :func:`~.loyalty_review.expire_points` writes one expiry entry per designer
   and company whose points saw no activity for the company's period.
"""

import logging

import psycopg2

from odoo.tools import SQL

from .collected import settled

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


def _execute(cr, query, log_exceptions=True):
    """Run ``query``, which decides what is settled
    (:func:`~.collected.settled`), without JIT compilation: its correlated
    subqueries raise the planner's estimate above ``jit_above_cost``, and
    compiling them costs far more (hundreds of milliseconds to seconds) than
    running them. ``jit`` is set back as it was
    (a failed query rolls the setting back with its transaction or
    savepoint). Returns the rows of a ``SELECT``, else the row count."""
    cr.execute("SELECT current_setting('jit'), set_config('jit', 'off', true)")
    jit = cr.fetchone()[0]
    cr.execute(query, log_exceptions=log_exceptions)
    result = cr.fetchall() if cr.description else cr.rowcount
    cr.execute(SQL("SELECT set_config('jit', %s, true)", jit))
    return result


def settled_moves(cr, move_ids):
    """Ids of the settled ones (see :func:`~.collected.settled`) of the
    customer invoices and credit notes ``move_ids``."""
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
    ``move_ids`` that are settled (:func:`~.collected.settled`), set-based.
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
