# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import format_amount
from odoo.tools.sql import create_index

from .loyalty_program import as_program, is_program


class AccountMove(models.Model):
    _name = "account.move"
    _inherit = ["account.move", "designer.attribution.mixin"]

    cdl_payout_statement_id = fields.Many2one(
        "designer.reward.statement",
        string="Paid Reward Statement",
        readonly=True,
        copy=False,
        index="btree_not_null",
        ondelete="restrict",
        help="Designer reward statement this vendor bill pays. Set when the "
        "statement is paid and kept whatever happens to the bill: a bill that "
        "no longer pays its statement (cancelled or credited) is never posted "
        "again.",
    )
    cdl_payout_reversal_id = fields.Many2one(
        "account.move",
        string="Payout Credit Note",
        readonly=True,
        copy=False,
        ondelete="restrict",
        help="Credit note that reversed this payout bill: its statement was "
        "confirmed again, to be paid again.",
    )

    # set by the loyalty program only (Pay on a statement, credit notes)
    _CDL_PAYOUT_FIELDS = frozenset(
        {"cdl_payout_statement_id", "cdl_payout_reversal_id"}
    )

    def init(self):
        res = super().init()
        # the segmentation reads the purchases (posted customer invoices not
        # reversed) of a company by client and date (analytics/segmentation.py,
        # documents_query): an index-only scan in that order spares it a sort
        # of all the invoices
        create_index(
            self.env.cr,
            "account_move_cdl_segment_purchase_index",
            self._table,
            ["company_id", "commercial_partner_id", "invoice_date"],
            where="state = 'posted' AND move_type = 'out_invoice'"
            " AND payment_state IS DISTINCT FROM 'reversed'",
        )
        # one posted payout bill per statement, but for the bills reversed by
        # a credit note (see _post: the check with a clear message)
        self.env.cr.execute(
            """
            CREATE UNIQUE INDEX IF NOT EXISTS account_move_cdl_payout_statement_uniq
            ON account_move (cdl_payout_statement_id)
            WHERE state = 'posted' AND cdl_payout_reversal_id IS NULL
            """
        )
        return res

    @api.depends("move_type")
    def _compute_designer_id(self):
        """Only customer invoices and credit notes are attributed."""
        customer = self.filtered(lambda m: m.move_type in ("out_invoice", "out_refund"))
        (self - customer).designer_id = False
        return super(AccountMove, customer)._compute_designer_id()

    @api.constrains("designer_id", "reversed_entry_id", "state")
    def _check_refund_designer(self):
        """A posted credit note claws back the reward of the invoice it reverses
        from the designer who earned it: both carry the same designer."""
        # sudo: the reversed invoice may be another salesperson's
        moves = self.sudo()
        wrong = (moves | moves.reversal_move_ids).filtered(
            lambda m: (
                m.move_type == "out_refund"
                and m.state == "posted"
                and m.reversed_entry_id.designer_id
                and m.designer_id != m.reversed_entry_id.designer_id
            )
        )
        if wrong:
            refund = wrong[0]
            raise ValidationError(
                self.env._(
                    "Credit note %(refund)s must be attributed to designer "
                    "%(designer)s, like invoice %(invoice)s it reverses: the "
                    "clawback goes to the designer who earned the reward.",
                    refund=refund.display_name,
                    designer=refund.reversed_entry_id.designer_id.display_name,
                    invoice=refund.reversed_entry_id.display_name,
                )
            )

    def _cdl_designer_origins(self):
        return [
            *super()._cdl_designer_origins(),
            self.reversed_entry_id,
            # sudo: an invoicing user may not read the orders
            *self.sudo().invoice_line_ids.sale_line_ids.order_id,
        ]

    def _cdl_check_payout_fields(self, names):
        if self._CDL_PAYOUT_FIELDS.intersection(names) and not is_program(self.env):
            raise UserError(
                self.env._(
                    "The statement paid by a vendor bill and its payout credit "
                    "note are set by the loyalty program only (Pay on the "
                    "statement, credit note of the bill)."
                )
            )

    @api.model_create_multi
    def create(self, vals_list):
        self._cdl_check_payout_fields(set().union(*vals_list))
        return super().create(vals_list)

    def write(self, vals):
        self._cdl_check_payout_fields(vals)
        if "designer_id" in vals:
            changed = self.filtered(lambda m: m.designer_id.id != vals["designer_id"])
            rewarded = {
                move
                for (move,) in self.env["designer.reward"]
                .sudo()
                ._read_group(changed._cdl_live_rewards_domain(), ["move_id"])
            }
            for move in changed:
                if move in rewarded:
                    raise UserError(
                        self.env._(
                            "The designer of %(move)s cannot be changed: it has "
                            "reward ledger entries that are not reversed. Issue a "
                            "credit note instead.",
                            move=move.display_name,
                        )
                    )
                if move.state == "posted":
                    raise UserError(
                        self.env._(
                            "The designer of %(move)s cannot be changed: it is posted. "
                            "Reset it to draft first.",
                            move=move.display_name,
                        )
                    )
        res = super().write(vals)
        if "matched_payment_ids" in vals:
            # a payment without journal entry settles its invoices by this link
            # (see account.payment)
            self.env["designer.reward"].sudo()._sync_moves(self._cdl_rewarded())
        return res

    def _cdl_live_rewards_domain(self):
        """Domain of the live reward entries (accruals and clawbacks not
        reversed) of these moves."""
        return [
            ("move_id", "in", self.ids),
            ("kind", "in", ("accrual", "clawback")),
            ("reversal_ids", "=", False),
        ]

    def button_draft(self):
        """Resetting (or cancelling) a customer invoice or credit note reverses
        its reward entries: it accrues again when settled again. Refused when the
        entries are on a confirmed statement. Reversed again once reset: undoing
        its reconciliations may settle it for a moment (an invoice then open
        against its open credit notes), which the hooks accrue. The credit note
        that reversed a payout bill stays posted: its statement was paid again,
        or is to be."""
        credited = self.sudo().filtered(
            lambda m: m.reversed_entry_id.cdl_payout_reversal_id == m
        )
        if credited:
            refund = credited[0]
            raise UserError(
                self.env._(
                    "Credit note %(refund)s reversed payout bill %(bill)s: "
                    "statement %(statement)s was confirmed again, to be paid "
                    "again. The credit note cannot be reset to draft or "
                    "cancelled.",
                    refund=refund.name,
                    bill=refund.reversed_entry_id.name,
                    statement=refund.reversed_entry_id.cdl_payout_statement_id.name,
                )
            )
        rewarded = self.filtered(lambda m: m.move_type in ("out_invoice", "out_refund"))
        self.env["designer.reward"]._reverse_moves(rewarded, strict=True)
        res = super().button_draft()
        self.env["designer.reward"]._reverse_moves(rewarded, strict=True)
        return res

    def button_cancel(self):
        """Cancelling the payout bill of a statement puts the statement back to
        Confirmed, to be paid again."""
        res = super().button_cancel()
        self._cdl_reopen_statements("cancelled")
        return res

    def unlink(self):
        """Deleting the payout bill of a statement puts the statement back to
        Confirmed, to be paid again. The reward ledger keeps its entries for
        good, also reversed ones: an invoice or credit note that has some is
        cancelled, not deleted (checked before Odoo deletes the lines)."""
        rewarded = (
            self.env["designer.reward"]
            .sudo()
            .search([("move_id", "in", self.ids)], limit=1)
        )
        if rewarded:
            raise UserError(
                self.env._(
                    "%(move)s has designer reward ledger entries, which are kept "
                    "for good: it cannot be deleted. Cancel it instead.",
                    move=rewarded.move_id.display_name,
                )
            )
        self._cdl_reopen_statements("deleted")
        return super().unlink()

    def _cdl_paying_bills(self):
        """The vendor bills among these moves that pay their statement now
        (sudo: an accountant handles bills without loyalty rights)."""
        return self.sudo().filtered(lambda m: m.cdl_payout_statement_id.move_id == m)

    def _cdl_reopen_statements(self, event):
        """These moves' payout bills no longer pay (``event``, see
        ``designer.reward.statement._reopen_unpaid``): their statements are
        confirmed again."""
        statements = self._cdl_paying_bills().cdl_payout_statement_id
        if statements:
            statements._reopen_unpaid(event)

    def _cdl_rewarded(self):
        """Customer invoices and credit notes that earn designer rewards."""
        return self.filtered(
            lambda m: m.designer_id and m.move_type in ("out_invoice", "out_refund")
        )

    def _post(self, soft=True):
        self._cdl_check_payout_post()
        posted = super()._post(soft=soft)
        # a payout bill credited in full no longer pays its statement
        for refund in posted.sudo().filtered(
            lambda m: (
                m.move_type == "in_refund"
                and m.reversed_entry_id.cdl_payout_statement_id
            )
        ):
            bill = refund.reversed_entry_id
            bill.cdl_payout_statement_id._reopen_unpaid("credited")
            as_program(bill).cdl_payout_reversal_id = refund
        # the draft bill of a confirmed statement (Reverse and Create Invoice,
        # see account.move.reversal) pays it once posted
        statements = posted._cdl_paying_bills().cdl_payout_statement_id
        as_program(statements.filtered(lambda s: s.state == "confirmed")).state = "paid"
        for move in posted.filtered(
            lambda m: m.move_type == "out_invoice" and m.designer_id
        ):
            move.partner_id._cdl_first_touch(
                move.designer_id, move.line_ids.sale_line_ids.order_id, posted
            )
        # posted again after a reset, an invoice may be settled already: by a
        # payment without journal entry still matched to it
        rewarded = posted._cdl_rewarded()
        if rewarded:
            self.env["designer.reward"].sudo()._accrue_moves(rewarded.ids)
        return posted

    def _cdl_check_payout_post(self):
        """A statement has at most one posted payout bill (the database checks
        it too): a bill is posted for the statement it pays now only, to its
        designer and for its total; it is reversed by a credit note in full
        only, which puts the statement back to Confirmed (see ``_post``)."""
        moves = self.sudo()
        for bill in moves.filtered("cdl_payout_statement_id"):
            statement = bill.cdl_payout_statement_id
            if statement.move_id and statement.move_id != bill:
                raise UserError(
                    self.env._(
                        "Statement %(statement)s is paid by vendor bill "
                        "%(other)s: vendor bill %(bill)s, which paid it before, "
                        "cannot be posted again.",
                        statement=statement.name,
                        other=statement.move_id.name,
                        bill=bill.name,
                    )
                )
            if statement.move_id != bill:
                raise UserError(
                    self.env._(
                        "Vendor bill %(bill)s no longer pays statement "
                        "%(statement)s (it was cancelled or credited): it "
                        "cannot be posted again. Pay the statement again "
                        "instead.",
                        bill=bill.name,
                        statement=statement.name,
                    )
                )
            designer = statement.designer_id
            if bill.commercial_partner_id != designer.commercial_partner_id:
                raise UserError(
                    self.env._(
                        "Payout bill %(bill)s must be addressed to designer "
                        "%(designer)s of statement %(statement)s.",
                        bill=bill.name,
                        designer=designer.display_name,
                        statement=statement.name,
                    )
                )
            if statement.currency_id.compare_amounts(
                abs(bill.amount_total_signed), statement.amount_total
            ):
                raise UserError(
                    self.env._(
                        "Payout bill %(bill)s must total %(total)s, the total of "
                        "statement %(statement)s: cancel it to pay the statement "
                        "again instead.",
                        bill=bill.name,
                        total=format_amount(
                            self.env, statement.amount_total, statement.currency_id
                        ),
                        statement=statement.name,
                    )
                )
        for refund in moves.filtered(
            lambda m: (
                m.move_type == "in_refund"
                and m.reversed_entry_id.cdl_payout_statement_id
            )
        ):
            bill = refund.reversed_entry_id
            statement = bill.cdl_payout_statement_id
            if statement.move_id != bill or bill.state != "posted":
                raise UserError(
                    self.env._(
                        "Credit note %(refund)s reverses vendor bill %(bill)s, "
                        "which no longer pays statement %(statement)s (cancelled, "
                        "credited or in draft): it cannot be posted.",
                        refund=refund.display_name,
                        bill=bill.display_name,
                        statement=statement.name,
                    )
                )
            if statement.currency_id.compare_amounts(
                abs(refund.amount_total_signed), abs(bill.amount_total_signed)
            ):
                raise UserError(
                    self.env._(
                        "Credit note %(refund)s must credit all of payout bill "
                        "%(bill)s (%(total)s): a payout is reversed in full, then "
                        "statement %(statement)s is paid again.",
                        refund=refund.display_name,
                        bill=bill.name,
                        total=format_amount(
                            self.env,
                            abs(bill.amount_total_signed),
                            statement.currency_id,
                        ),
                        statement=statement.name,
                    )
                )
