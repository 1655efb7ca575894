# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import logging

import psycopg2

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL

_logger = logging.getLogger(__name__)

# Payment states of a customer document that leave nothing to collect.
SETTLED_PAYMENT_STATES = ("paid", "in_payment", "reversed")
# The users who read every invoice (account's record rules).
ACCOUNTING = "account.group_account_invoice,account.group_account_readonly"
# Suspended or left designers earn no accrual (their clawbacks still apply).
EARNING_DESIGNER = SQL(
    """(m.move_type = 'out_refund' OR NOT EXISTS (
        SELECT 1 FROM res_partner d WHERE d.id = m.designer_id
           AND d.designer_program_state IN ('suspended', 'left')))"""
)


def _capped(column):
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


class DesignerReward(models.Model):
    """Reward ledger. Entries are written set-based with INSERT ... ON CONFLICT DO
    NOTHING; the unique key (move line, designer, kind) makes every writer
    (reconciliation hook, catch-up cron, concurrent workers) exactly-once."""

    _name = "designer.reward"
    _description = "Designer Reward Ledger Entry"
    _order = "date desc, id desc"

    designer_id = fields.Many2one(
        "res.partner", required=True, index=True, ondelete="restrict", readonly=True
    )
    partner_id = fields.Many2one(
        "res.partner",
        string="Client",
        readonly=True,
        help="Commercial partner of the invoice.",
    )
    # The invoices of a designer's clients are often other salespersons', which
    # salespeople and Loyalty Managers may not read: the invoice and its line are
    # for the users who read every invoice; the others see (list, export, search)
    # the invoice number, order and product, read as superuser.
    move_id = fields.Many2one(
        "account.move",
        string="Invoice",
        index=True,
        ondelete="restrict",
        readonly=True,
        groups=ACCOUNTING,
    )
    move_line_id = fields.Many2one(
        "account.move.line",
        string="Invoice Line",
        ondelete="restrict",
        readonly=True,
        groups=ACCOUNTING,
    )
    move_name = fields.Char(
        string="Invoice Number",
        compute="_compute_move_name",
        compute_sudo=True,
        search="_search_move_name",
    )
    order_ref = fields.Char(
        string="Order",
        compute="_compute_order_ref",
        compute_sudo=True,
        help="Sales order of the invoice line, or else the source document of "
        "the invoice.",
    )
    product_id = fields.Many2one(related="move_line_id.product_id")
    kind = fields.Selection(
        [
            ("accrual", "Accrual"),
            ("clawback", "Clawback"),
            ("expiry", "Points Expiry"),
        ],
        required=True,
        readonly=True,
        help="Accrual: reward on a paid invoice line. Clawback: negative reward on "
        "a refund. Points Expiry: points lost after the inactivity period.",
    )
    date = fields.Date(
        required=True,
        index=True,
        readonly=True,
        help="Date of the invoice or credit note. An accrual earns the tier "
        "rate in force on this date.",
    )
    accrued_on = fields.Date(
        readonly=True,
        help="Day the entry was written (the invoice became settled): points "
        "expire counting from this day.",
    )
    base_amount = fields.Monetary(
        readonly=True, help="Net amount of the invoice line in company currency."
    )
    rate = fields.Float(
        string="Rate (%)",
        digits=(16, 2),
        readonly=True,
        help="Accrual: tier rate adjusted by the category rule. Clawback: the rate "
        "the reversed invoice earned for this product.",
    )
    amount = fields.Monetary(string="Reward", readonly=True, aggregator="sum")
    points = fields.Float(digits=(16, 2), readonly=True, aggregator="sum")
    tier_id = fields.Many2one("designer.loyalty.tier", readonly=True)
    statement_id = fields.Many2one(
        "designer.reward.statement", index=True, readonly=True, ondelete="restrict"
    )
    company_id = fields.Many2one(
        "res.company", required=True, index=True, readonly=True
    )
    currency_id = fields.Many2one("res.currency", required=True, readonly=True)
    state = fields.Selection(
        [("open", "Open"), ("locked", "Locked")],
        required=True,
        default="open",
        readonly=True,
        help="Entries of a confirmed statement are locked.",
    )

    _sql_constraints = (
        (
            "move_line_designer_kind_uniq",
            "UNIQUE(move_line_id, designer_id, kind)",
            (
                "A reward entry of this kind already exists for this invoice line "
                "and designer."
            ),
        ),
    )

    @api.depends("kind", "move_name", "designer_id", "date")
    def _compute_display_name(self):
        kinds = dict(self._fields["kind"]._description_selection(self.env))
        for reward in self:
            reward.display_name = " ".join(
                filter(
                    None,
                    [
                        kinds.get(reward.kind),
                        reward.move_name or str(reward.date or ""),
                        reward.designer_id.name,
                    ],
                )
            )

    @api.depends("move_id.name")
    def _compute_move_name(self):
        for reward in self:
            reward.move_name = reward.move_id.name

    def _search_move_name(self, operator, value):
        # as superuser: the condition is on move_id (the record rules of the
        # ledger still apply to the search)
        return [("id", "in", self.sudo()._search([("move_id.name", operator, value)]))]

    @api.depends("move_line_id", "move_id")
    def _compute_order_ref(self):
        for reward in self:
            reward.order_ref = (
                reward.move_line_id.sale_line_ids.order_id[:1].name
                or reward.move_id.invoice_origin
            )

    def init(self):
        # Expiry entries have no invoice line: one per designer, company and day.
        self.env.cr.execute(
            """
            CREATE UNIQUE INDEX IF NOT EXISTS designer_reward_expiry_uniq
            ON designer_reward (designer_id, company_id, date) WHERE kind = 'expiry'
            """
        )

    def _check_system(self, message):
        """Only the program (its hooks, crons and buttons, with the
        ``designer_reward_system`` context key) writes the ledger."""
        if not self.env.context.get("designer_reward_system"):
            raise UserError(
                message % {"entries": ", ".join(self.mapped("display_name"))}
            )

    @api.model_create_multi
    def create(self, vals_list):
        self._check_system(
            self.env._(
                "Reward ledger entries are written by the loyalty program only "
                "(paid invoices and credit notes): they cannot be created by hand."
            )
        )
        return super().create(vals_list)

    def write(self, vals):
        self._check_system(
            self.env._("Reward ledger entries cannot be modified: %(entries)s.")
        )
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_on_statement(self):
        self._check_system(
            self.env._("Reward ledger entries cannot be deleted by hand: %(entries)s.")
        )
        # the system (reset of an invoice) removes entries of draft statements only
        blocked = self.filtered(
            lambda r: r.statement_id and r.statement_id.state != "draft"
        )
        if blocked:
            raise UserError(
                self.env._(
                    "Reward entries on a statement cannot be deleted: %(entries)s.",
                    entries=", ".join(blocked.mapped("display_name")),
                )
            )

    @api.model
    def _unaccrue_moves(self, moves, strict=False):
        """Remove the entries of invoices and credit notes that are no longer
        settled (reset to draft, cancelled, payment unreconciled), so that they
        accrue again, once, with their new amounts and designer when settled
        again. Entries on a confirmed or paid statement stay: ``strict`` (reset
        to draft or cancel) refuses the operation, otherwise (unreconciliation)
        they are kept and a re-payment adds nothing (unique key); an invoice that
        is not paid after all is cancelled by a credit note (clawback).

        Unaccruing an invoice also removes the clawbacks of its credit notes,
        unless it keeps an accrual for their designer (on a confirmed
        statement): a credit note claws back only what its invoice earned and
        waits for its accrual (see ``_accrue_moves``), which writes them again
        once the invoice is settled again. Those on a confirmed statement are
        treated as the invoice's own."""
        Reward = self.sudo()
        rewards = Reward.search([("move_id", "in", moves.ids)])

        def on_statement(reward):
            return reward.statement_id and reward.statement_id.state != "draft"

        locked = rewards.filtered(on_statement)
        invoices = moves.filtered(lambda m: m.move_type == "out_invoice")
        if invoices:
            kept = {
                (reward.move_id, reward.designer_id)
                for reward in locked
                if reward.kind == "accrual"
            }
            clawbacks = Reward.search(
                [
                    ("move_id.reversed_entry_id", "in", invoices.ids),
                    ("kind", "=", "clawback"),
                ]
            ).filtered(
                lambda r: (r.move_id.reversed_entry_id, r.designer_id) not in kept
            )
            rewards |= clawbacks
            locked |= clawbacks.filtered(on_statement)
        if locked and strict:
            raise UserError(
                self.env._(
                    "%(moves)s earned designer rewards that are on confirmed "
                    "statement(s) %(statements)s: issue a credit note instead.",
                    moves=", ".join(locked.move_id.mapped("display_name")),
                    statements=", ".join(locked.statement_id.mapped("name")),
                )
            )
        (rewards - locked).with_context(designer_reward_system=True).unlink()

    @api.model
    def _sync_moves(self, moves):
        """Bring the ledger of customer invoices and credit notes in line with
        their payment state: accrue the settled ones, remove the open entries of
        the others (as for an unreconciliation, see ``_unaccrue_moves``)."""
        settled = moves.filtered(
            lambda m: m.state == "posted" and m.payment_state in SETTLED_PAYMENT_STATES
        )
        self._unaccrue_moves(moves - settled)
        self._accrue_moves(settled.ids)

    @api.model
    def _accrue_moves(self, move_ids):
        """Write the accrual / clawback entries of the given customer invoices and
        refunds that are settled (paid, in payment or reversed), set-based.

        An invoice line earns the rate of the tier in force on the invoice date,
        adjusted by the category rules. A credit note line claws back what the
        invoice it reverses earned for the same product: the rate and tier (thus
        reward type) of that accrual, or nothing if the product earned nothing;
        so later edits of tiers or category rules cannot create or lose money.
        Such clawbacks are capped at what is left of that product's accrual
        (amount, points and base amount each), after the clawbacks already
        written by credit notes of the same invoice, lines taken in id order: all
        credit notes of an invoice never take back more than it earned. A line
        with nothing left gets a zero entry, which marks it processed. Points
        that expired after their accrual are not clawed back (zero points): the
        expiry took them already. Other
        credit note lines (product not on the invoice, no product, no reversed
        invoice) use the tier in force on the (original) invoice date and the
        current rules, uncapped (no accrual to cap against).

        Idempotent and concurrency-safe: a line already accrued is skipped by the
        unique key (a concurrent insert of the same key waits for the other
        transaction, then does nothing); two transactions capping clawbacks on
        the same invoice update its accruals, so the second waits, then fails to
        serialize and is retried. Returns the number of entries created.
        """
        if not move_ids:
            return 0
        self.env.flush_all()
        query = SQL(
            """
            WITH line AS MATERIALIZED (
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
                      AND oa.designer_id = m.designer_id
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
              LEFT JOIN LATERAL (
                   SELECT cr.mode, cr.rate, cr.multiplier
                     FROM designer_loyalty_category_rule cr
                     JOIN product_category rc ON rc.id = cr.categ_id
                    WHERE cr.company_id = m.company_id AND cr.active
                      AND STARTS_WITH(pc.parent_path, rc.parent_path)
                    ORDER BY LENGTH(rc.parent_path) DESC LIMIT 1) rule ON TRUE
             CROSS JOIN LATERAL (
                   SELECT CASE WHEN src.accrued THEN src.rate
                            WHEN rule.mode = 'rate' THEN rule.rate
                            WHEN rule.mode = 'multiplier'
                            THEN t.rate * rule.multiplier
                            ELSE t.rate END AS rate,
                          CASE WHEN src.accrued THEN src.reward_type
                               ELSE t.reward_type END AS reward_type) r
             WHERE m.id = ANY(%(move_ids)s)
               AND m.state = 'posted'
               AND m.move_type IN ('out_invoice', 'out_refund')
               AND m.designer_id IS NOT NULL
               AND m.payment_state IN %(settled)s
               AND %(earning)s
               -- a credit note claws back only what its invoice earned for its
               -- designer: it waits for the accrual of the invoice it reverses
               AND (m.move_type = 'out_invoice' OR m.reversed_entry_id IS NULL
                    -- (designers of its accruals, read by move, see fam_entry)
                    OR m.designer_id IN (
                       SELECT oa.designer_id FROM designer_reward oa
                        WHERE oa.move_id = m.reversed_entry_id
                          AND oa.kind = 'accrual'))
               -- a product the reversed invoice did not reward is not clawed back
               AND COALESCE(src.accrued, rule.mode IS DISTINCT FROM 'excluded')
               AND aml.balance != 0
               -- lines written already are in cap: not to be counted twice
               AND NOT EXISTS (SELECT 1 FROM designer_reward w
                                WHERE w.move_line_id = aml.id
                                  AND w.designer_id = m.designer_id)
            ),
            -- invoices (and designers) the capped lines claw back from
            fam AS (
            SELECT DISTINCT reversed_entry_id AS invoice_id, designer_id
              FROM line WHERE capped
            ),
            -- the entries of those invoices and of all their credit notes, read
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
            UPDATE designer_reward g SET write_date = g.write_date
             WHERE g.id IN (
                   SELECT oa.id FROM fam_entry fe
                     JOIN designer_reward oa ON oa.id = fe.id
                    WHERE fe.kind = 'accrual' AND fe.move_id = fe.invoice_id
                      AND fe.designer_id = fe.fam_designer_id
                    ORDER BY oa.id FOR UPDATE OF oa)
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
                designer_id, partner_id, move_id, move_line_id, kind, date,
                accrued_on, base_amount, rate, amount, points, tier_id, company_id,
                currency_id, state, create_uid, write_uid, create_date, write_date)
            SELECT designer_id, partner_id, move_id, move_line_id, kind, date,
                   %(today)s, %(base_amount)s, rate, %(amount)s, %(points)s, tier_id,
                   company_id, currency_id, 'open',
                   %(uid)s, %(uid)s, NOW() AT TIME ZONE 'UTC', NOW() AT TIME ZONE 'UTC'
              FROM running
             WHERE NOT written
             -- ids in invoice line order; concurrent writers lock the keys in
             -- the same order
             ORDER BY move_line_id
            ON CONFLICT DO NOTHING
            """,
            uid=self.env.uid,
            today=fields.Date.context_today(self),
            earning=EARNING_DESIGNER,
            move_ids=list(move_ids),
            settled=SETTLED_PAYMENT_STATES,
            **{
                column: _capped(column)
                for column in ("base_amount", "amount", "points")
            },
        )
        self.env.cr.execute(query)
        created = self.env.cr.rowcount
        if created:
            self.invalidate_model()
            # credit notes of the invoices just accrued that were waiting
            self.env.cr.execute(
                SQL(
                    """
                    SELECT m.id FROM account_move m
                     WHERE m.move_type = 'out_refund'
                       AND m.reversed_entry_id = ANY(%s)
                       AND NOT EXISTS (SELECT 1 FROM designer_reward r
                                        WHERE r.move_id = m.id)
                    """,
                    list(move_ids),
                )
            )
            refund_ids = [row[0] for row in self.env.cr.fetchall()]
            if refund_ids:
                created += self._accrue_moves(refund_ids)
        return created

    @api.model
    def _cron_accrue(self, batch_size=500, max_batches=None):
        """Catch-up: accrue settled designer invoices and refunds that have no
        ledger entry yet (missed hook, crash, data import). Commits per batch and
        resumes naturally: accrued invoices drop out of the selection.

        First removes the open entries (not on a confirmed or paid statement) of
        invoices and credit notes that are no longer settled, and of the credit
        notes of those invoices, in case a hook was missed (e.g. a payment
        without journal entry cancelled)."""
        self.env.flush_all()
        self.env.cr.execute(
            SQL(
                """
                SELECT r.move_id FROM designer_reward r
                  JOIN account_move m ON m.id = r.move_id
                  LEFT JOIN designer_reward_statement s ON s.id = r.statement_id
                 WHERE (m.state != 'posted' OR m.payment_state IS NULL
                        OR m.payment_state NOT IN %(settled)s)
                   AND (s.id IS NULL OR s.state = 'draft')
                 UNION
                -- invoices whose accrual is gone but not the open clawbacks of
                -- their credit notes
                SELECT m.id FROM designer_reward r
                  JOIN account_move cn ON cn.id = r.move_id
                  JOIN account_move m ON m.id = cn.reversed_entry_id
                  LEFT JOIN designer_reward_statement s ON s.id = r.statement_id
                 WHERE m.move_type = 'out_invoice' AND r.kind = 'clawback'
                   AND (m.state != 'posted' OR m.payment_state IS NULL
                        OR m.payment_state NOT IN %(settled)s)
                   AND (s.id IS NULL OR s.state = 'draft')
                   AND NOT EXISTS (SELECT 1 FROM designer_reward a
                                    WHERE a.move_id = m.id AND a.kind = 'accrual'
                                      AND a.designer_id = r.designer_id)
                """,
                settled=SETTLED_PAYMENT_STATES,
            )
        )
        unsettled = self.env["account.move"].browse(
            row[0] for row in self.env.cr.fetchall()
        )
        if unsettled:
            _logger.info(
                "Designer reward catch-up: entries of %s unsettled invoices removed",
                len(unsettled),
            )
            self._unaccrue_moves(unsettled)
        where = SQL(
            """
            m.state = 'posted' AND m.move_type IN ('out_invoice', 'out_refund')
            AND m.designer_id IS NOT NULL AND m.payment_state IN %s
            AND NOT EXISTS (SELECT 1 FROM designer_reward r WHERE r.move_id = m.id)
            AND %s
            """,
            SETTLED_PAYMENT_STATES,
            EARNING_DESIGNER,
        )
        self.env.flush_all()
        self.env.cr.execute(SQL("SELECT COUNT(*) FROM account_move m WHERE %s", where))
        remaining = self.env.cr.fetchone()[0]
        done = batches = last_id = 0
        while remaining and (max_batches is None or batches < max_batches):
            # keyset pagination: invoices with only excluded lines stay without
            # entries and must not be selected again in this run
            self.env.cr.execute(
                SQL(
                    "SELECT m.id FROM account_move m WHERE %s AND m.id > %s "
                    "ORDER BY m.id LIMIT %s",
                    where,
                    last_id,
                    batch_size,
                )
            )
            move_ids = [row[0] for row in self.env.cr.fetchall()]
            if not move_ids:
                break
            try:
                with self.env.cr.savepoint():
                    self._accrue_moves(move_ids)
            except psycopg2.errors.SerializationFailure:
                # another worker accrued some of these invoices concurrently:
                # skip the batch, the next run takes what is still missing
                _logger.info("Designer reward catch-up: batch skipped (concurrent)")
            last_id = move_ids[-1]
            done += len(move_ids)
            remaining = max(remaining - len(move_ids), 0)
            batches += 1
            self.env["ir.cron"]._cdl_batch_done(done=done, remaining=remaining)
        _logger.info("Designer reward catch-up: %s invoices processed", done)
        return done

    @api.model
    def _cron_expire_points(self, today=None):
        """Expire the points balance of designers without points activity (points
        earned, i.e. accrued, or clawed back) for the number of months set on the
        company, counted from the day the entries were written, not the invoice
        date. One set-based insert."""
        self.env.flush_all()
        self.env.cr.execute(
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
                today=today or fields.Date.context_today(self),
                uid=self.env.uid,
            )
        )
        created = self.env.cr.rowcount
        self.invalidate_model()
        return created
