# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import UserError


class AccountMove(models.Model):
    _inherit = "account.move"

    designer_id = fields.Many2one(
        "res.partner",
        domain="[('is_designer', '=', True)]",
        tracking=True,
        index="btree_not_null",
        compute="_compute_designer_id",
        store=True,
        readonly=False,
        precompute=True,
        copy=True,
        help="Interior designer this customer invoice or credit note is attributed "
        "to. Defaults to the designer of the client; a credit note keeps the "
        "designer of the invoice it reverses.",
    )

    @api.depends("partner_id", "move_type")
    def _compute_designer_id(self):
        for move in self:
            if move.move_type in ("out_invoice", "out_refund"):
                move.designer_id = (
                    move.partner_id.commercial_partner_id.designer_id
                    or move.designer_id
                )
            else:
                move.designer_id = False

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
