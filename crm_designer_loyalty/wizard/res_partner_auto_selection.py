# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Auto-selection: who bought a product or category in a period, which
designers' clients bought it, what given clients bought. The partners open as
a partner list, where any group action or mailing applies."""

from odoo import api, fields, models
from odoo.exceptions import ValidationError

from ..analytics import marketing

SELECTION_MODES = [
    ("buyers", "Clients who bought"),
    ("sellers", "Designers whose clients bought"),
    ("products", "What these clients bought"),
]


class ResPartnerAutoSelection(models.TransientModel):
    _name = "res.partner.auto.selection"
    _inherit = ["crm.designer.input.mixin"]
    _description = "Auto-Selection of Partners"

    mode = fields.Selection(SELECTION_MODES, required=True, default="buyers")
    date_from = fields.Date(
        required=True,
        default=lambda self: fields.Date.context_today(self).replace(month=1, day=1),
    )
    date_to = fields.Date(required=True, default=fields.Date.context_today)
    product_ids = fields.Many2many("product.product", string="Products")
    categ_ids = fields.Many2many("product.category", string="Product Categories")
    partner_ids = fields.Many2many("res.partner", string="Clients")

    @api.constrains("date_from", "date_to")
    def _check_dates(self):
        for wizard in self:
            if wizard.date_from > wizard.date_to:
                raise ValidationError(
                    self.env._(
                        "The period starts (%(start)s) after it ends (%(end)s).",
                        start=wizard.date_from,
                        end=wizard.date_to,
                    )
                )

    def action_select(self):
        self.ensure_one()
        if self.mode == "products" and not self.partner_ids:
            raise ValidationError(
                self.env._("Choose the clients whose purchases to list.")
            )
        # the invoices of the period, whatever the user's invoice rights: only
        # partners and products come out, which every employee reads
        self.env.flush_all()
        args = (self.env.cr, self.env.company.id, self.date_from, self.date_to)
        if self.mode == "products":
            ids = marketing.bought_products(
                *args, self.partner_ids.commercial_partner_id.ids
            )
            return {
                "type": "ir.actions.act_window",
                "name": self.env._("Products Bought"),
                "res_model": "product.product",
                "view_mode": "list,form",
                "views": [(False, "list"), (False, "form")],
                "domain": [("id", "in", ids)],
            }
        select = marketing.buyers if self.mode == "buyers" else marketing.sellers
        ids = select(*args, self.product_ids.ids, self.categ_ids.ids)
        return {
            "type": "ir.actions.act_window",
            "name": dict(self._fields["mode"]._description_selection(self.env))[
                self.mode
            ],
            "res_model": "res.partner",
            "view_mode": "list,kanban,form",
            "views": [(False, "list"), (False, "kanban"), (False, "form")],
            "domain": [("id", "in", ids)],
        }
