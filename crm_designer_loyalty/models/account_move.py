# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import format_amount
from odoo.tools.sql import create_index


class AccountMove(models.Model):
    _name = "account.move"
    _inherit = ["account.move", "designer.attribution.mixin"]

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

    def write(self, vals):
        if "designer_id" in vals:
            changed = self.filtered(lambda m: m.designer_id.id != vals["designer_id"])
            rewarded = {
                move
                for (move,) in self.env["designer.reward"]
                .sudo()
                ._read_group([("move_id", "in", changed.ids)], ["move_id"])
            }
            for move in changed:
                if move in rewarded:
                    raise UserError(
                        self.env._(
                            "The designer of %(move)s cannot be changed: it has "
                            "reward ledger entries. Issue a credit note instead.",
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

    def button_draft(self):
        """Resetting (or cancelling) a customer invoice or credit note removes its
        reward entries: it accrues again when settled again. Refused when the
        entries are on a confirmed statement. Removed again once reset: undoing
        its reconciliations may settle it for a moment (an invoice then open
        against its open credit notes), which the hooks accrue."""
        rewarded = self.filtered(lambda m: m.move_type in ("out_invoice", "out_refund"))
        self.env["designer.reward"]._unaccrue_moves(rewarded, strict=True)
        res = super().button_draft()
        self.env["designer.reward"]._unaccrue_moves(rewarded, strict=True)
        return res

    def button_cancel(self):
        """Cancelling the payout bill of a statement puts the statement back to
        Confirmed, to be paid again."""
        res = super().button_cancel()
        self._cdl_reopen_statements()
        return res

    def unlink(self):
        """Deleting the payout bill of a statement puts the statement back to
        Confirmed, to be paid again."""
        self._cdl_reopen_statements(deleted=True)
        return super().unlink()

    def _cdl_payout_statements(self):
        """Statements paid by these vendor bills (sudo: an accountant handles
        bills without loyalty rights)."""
        bills = self.filtered(lambda m: m.move_type == "in_invoice")
        if not bills:
            return self.env["designer.reward.statement"]
        return (
            self.env["designer.reward.statement"]
            .sudo()
            .search([("move_id", "in", bills.ids)])
        )

    def _cdl_reopen_statements(self, deleted=False):
        statements = self._cdl_payout_statements()
        if statements:
            statements._reopen_unpaid(deleted)

    def _cdl_rewarded(self):
        """Customer invoices and credit notes that earn designer rewards."""
        return self.filtered(
            lambda m: m.designer_id and m.move_type in ("out_invoice", "out_refund")
        )

    def _post(self, soft=True):
        # a payout bill reset to draft is posted again only for its statement's
        # designer and total
        for statement in self._cdl_payout_statements():
            bill = statement.move_id
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
        posted = super()._post(soft=soft)
        for move in posted.filtered(
            lambda m: m.move_type == "out_invoice" and m.designer_id
        ):
            move.partner_id._cdl_first_touch(
                move.designer_id, move.line_ids.sale_line_ids.order_id, posted
            )
        return posted
