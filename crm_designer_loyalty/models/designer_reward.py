# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import logging

import psycopg2

from odoo import api, fields, models
from odoo.exceptions import UserError

from ..analytics import loyalty, loyalty_reversal, loyalty_review
from .loyalty_program import is_program

_logger = logging.getLogger(__name__)

# The users who read every invoice (account's record rules).
ACCOUNTING = "account.group_account_invoice,account.group_account_readonly"


class DesignerReward(models.Model):
    """Reward ledger, append-only. Entries are written set-based with INSERT ...
    ON CONFLICT DO NOTHING by the program only, and never deleted nor
    rewritten: an invoice that is no longer settled gets reversal entries
    (kind ``reversal``, ``reversed_id``, opposite amounts), and a new accrual
    when settled again. The net of an invoice line is the sum of its entries.
    The unique keys make every writer (reconciliation hook, catch-up cron,
    concurrent workers) exactly-once: (move line, designer, kind, generation)
    for accruals and clawbacks, where the generation counts the reversed
    entries before it (see ``analytics.loyalty.accrual_query``), and one
    reversal per entry (partial unique index on ``reversed_id``)."""

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
            ("reversal", "Reversal"),
        ],
        required=True,
        readonly=True,
        help="Accrual: reward on a paid invoice line. Clawback: negative reward on "
        "a refund. Points Expiry: points lost after the inactivity period. "
        "Reversal: cancels the entry it reverses (opposite amounts), when its "
        "invoice or credit note is no longer settled (payment unreconciled or "
        "cancelled, reset to draft, cancelled).",
    )
    reversed_id = fields.Many2one(
        "designer.reward",
        string="Reversed Entry",
        readonly=True,
        ondelete="restrict",
        help="Reversal: the entry it reverses. An entry is reversed once at most.",
    )
    reversal_ids = fields.One2many(
        "designer.reward",
        "reversed_id",
        readonly=True,
        help="The reversal of this entry, if it was reversed.",
    )
    generation = fields.Integer(
        readonly=True,
        default=0,
        help="Accruals and clawbacks of the same invoice line and designer "
        "written before this one, all reversed since.",
    )
    date = fields.Date(
        required=True,
        index=True,
        readonly=True,
        help="Date of the invoice or credit note. An accrual earns the tier "
        "rate in force on this date. A reversal has the date of the entry it "
        "reverses.",
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
            "move_line_designer_kind_generation_uniq",
            "UNIQUE(move_line_id, designer_id, kind, generation)",
            (
                "A reward entry of this kind already exists for this invoice line "
                "and designer."
            ),
        ),
        (
            "reversal_reversed_entry",
            "CHECK((kind = 'reversal') = (reversed_id IS NOT NULL))",
            "A reversal entry reverses one entry; other entries reverse none.",
        ),
    )

    # written once, never changed; the program only moves entries onto
    # statements and locks them (statement_id, state)
    _MUTABLE_FIELDS = frozenset({"statement_id", "state"})

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
        loyalty.create_ledger_indexes(self.env.cr)

    def _check_system(self, message):
        """Only the program (its hooks, crons and buttons, see
        ``loyalty_program.as_program``) writes the ledger."""
        if not is_program(self.env):
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
            self.env._(
                "Reward ledger entries cannot be modified: %(entries)s. A change "
                "is written as a new entry (a reversal)."
            )
        )
        if vals.keys() - self._MUTABLE_FIELDS:
            # not even the program: the ledger is append-only
            raise UserError(
                self.env._(
                    "Reward ledger entries cannot be modified: %(entries)s. A "
                    "change is written as a new entry (a reversal).",
                    entries=", ".join(self.mapped("display_name")),
                )
            )
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_never(self):
        """The ledger is append-only: no entry is deleted, not even by the
        program or the superuser (but when the addon is uninstalled)."""
        raise UserError(
            self.env._(
                "Reward ledger entries are never deleted: %(entries)s. A change "
                "is written as a new entry (a reversal).",
                entries=", ".join(self.mapped("display_name")),
            )
        )

    @api.model
    def _reverse_moves(self, moves, strict=False):
        """Reverse the live entries (accruals and clawbacks not reversed yet) of
        invoices and credit notes that are no longer settled (reset to draft,
        cancelled, payment unreconciled or cancelled): one reversal entry each,
        set-based (``analytics.loyalty_reversal.reverse``); they accrue again, once,
        with their new amounts and designer when settled again. Entries on a
        confirmed or paid statement are not reversed: ``strict`` (reset to
        draft or cancel) refuses the operation, otherwise (unreconciliation)
        they are kept and a re-payment adds nothing (a live entry); an invoice
        that is not paid after all is cancelled by a credit note (clawback).

        Reversing an invoice also reverses the clawbacks of its credit notes,
        unless it keeps an accrual for their designer on a confirmed
        statement: a credit note claws back only what its invoice earned and
        waits for its accrual (see ``_accrue_moves``), which writes them again
        once the invoice is settled again. Those on a confirmed statement are
        treated as the invoice's own. Returns the number of entries written."""
        if not moves:
            return 0
        self.env.flush_all()
        if strict:
            locked = self.sudo().browse(
                loyalty_reversal.locked_entries(self.env.cr, moves.ids)
            )
            if locked:
                raise UserError(
                    self.env._(
                        "%(moves)s earned designer rewards that are on confirmed "
                        "statement(s) %(statements)s: issue a credit note instead.",
                        moves=", ".join(locked.move_id.mapped("display_name")),
                        statements=", ".join(locked.statement_id.mapped("name")),
                    )
                )
        created = loyalty_reversal.reverse(
            self.env.cr,
            moves.ids,
            today=fields.Date.context_today(self),
            uid=self.env.uid,
        )
        if created:
            self.invalidate_model()
        return created

    @api.model
    def _sync_moves(self, moves):
        """Bring the ledger of customer invoices and credit notes in line with
        what was collected: accrue the settled ones (``analytics.collected.settled``),
        reverse the open entries of the others (as for an unreconciliation, see
        ``_reverse_moves``)."""
        self.env.flush_all()
        settled = moves.browse(loyalty.settled_moves(self.env.cr, moves.ids))
        self._reverse_moves(moves - settled)
        self._accrue_moves(settled.ids)

    @api.model
    def _accrue_moves(self, move_ids):
        """Write the accrual / clawback entries of the given customer invoices and
        refunds that are settled (nothing left to collect), set-based (see
        ``analytics.loyalty.accrue``: tier rate and category rules, clawbacks of
        what the reversed invoice earned, capped at what is left of it), then
        those of their credit notes that waited for the invoices' accruals.

        Idempotent and concurrency-safe: a line with a live entry is skipped,
        the unique key admits one entry per generation; two transactions
        capping clawbacks on the same invoice serialize (the second fails and
        is retried). Returns the number of
        entries created.
        """
        if not move_ids:
            return 0
        self.env.flush_all()
        created = loyalty.accrue(
            self.env.cr,
            move_ids,
            today=fields.Date.context_today(self),
            uid=self.env.uid,
        )
        if created:
            self.invalidate_model()
            # credit notes of the invoices just accrued that were waiting
            refund_ids = loyalty.waiting_refunds(self.env.cr, move_ids)
            if refund_ids:
                created += self._accrue_moves(refund_ids)
        return created

    @api.model
    def _cron_accrue(self, batch_size=500, max_batches=None):
        """Catch-up: accrue settled designer invoices and refunds that have no
        live ledger entry (missed hook, crash, data import, settled again).
        Commits per batch and resumes naturally: accrued invoices drop out of
        the selection.

        First reverses the live open entries (not on a confirmed or paid
        statement) of invoices and credit notes that are no longer settled,
        and of the credit notes of those invoices, in case a hook was missed
        (e.g. a payment without journal entry cancelled). It only appends
        entries: it never deletes nor changes one."""
        self.env.flush_all()
        unsettled = self.env["account.move"].browse(
            loyalty_reversal.unsettled_moves(self.env.cr)
        )
        if unsettled:
            _logger.info(
                "Designer reward catch-up: entries of %s unsettled invoices reversed",
                len(unsettled),
            )
            self._reverse_moves(unsettled)
        self.env.flush_all()
        remaining = loyalty_reversal.unaccrued_count(self.env.cr)
        done = batches = last_id = 0
        while remaining and (max_batches is None or batches < max_batches):
            # keyset pagination: invoices with only excluded lines stay without
            # entries and must not be selected again in this run
            move_ids = loyalty_reversal.unaccrued_batch(
                self.env.cr, last_id, batch_size
            )
            if not move_ids:
                # the count included credit notes accrued meanwhile with their
                # invoice: nothing is left, Odoo must not call the job again
                self.env["ir.cron"]._notify_progress(done=done, remaining=0)
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
            # a short batch is the end of the selection
            remaining = (
                max(remaining - len(move_ids), 0) if len(move_ids) == batch_size else 0
            )
            batches += 1
            self.env["ir.cron"]._cdl_batch_done(done=done, remaining=remaining)
        _logger.info("Designer reward catch-up: %s invoices processed", done)
        return done

    @api.model
    def _cron_expire_points(self, today=None):
        """Expire the points balance of designers without points activity (points
        earned, i.e. accrued, or clawed back) for the number of months set on the
        company, counted from the day the entries were written, not the invoice
        date. One set-based insert (``analytics.loyalty_review.expire_points``)."""
        self.env.flush_all()
        created = loyalty_review.expire_points(
            self.env.cr,
            today=today or fields.Date.context_today(self),
            uid=self.env.uid,
        )
        self.invalidate_model()
        return created
