# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, models
from odoo.exceptions import UserError


class AccountMove(models.Model):
    _name = "account.move"
    _inherit = ["account.move", "designer.attribution.mixin"]

    @api.depends("move_type")
    def _compute_designer_id(self):
        """Only customer invoices and credit notes are attributed."""
        customer = self.filtered(lambda m: m.move_type in ("out_invoice", "out_refund"))
        (self - customer).designer_id = False
        return super(AccountMove, customer)._compute_designer_id()

    def write(self, vals):
        if "designer_id" in vals:
            for move in self:
                if (
                    move.state == "posted"
                    and move.designer_id.id != vals["designer_id"]
                ):
                    raise UserError(
                        self.env._(
                            "The designer of %(move)s cannot be changed: it is posted. "
                            "Reset it to draft first.",
                            move=move.display_name,
                        )
                    )
        return super().write(vals)

    def _post(self, soft=True):
        posted = super()._post(soft=soft)
        for move in posted.filtered(
            lambda m: m.move_type == "out_invoice" and m.designer_id
        ):
            move.partner_id._cdl_first_touch(
                move.designer_id, move.line_ids.sale_line_ids.order_id
            )
        return posted
