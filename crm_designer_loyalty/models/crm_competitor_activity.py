# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models


class CrmCompetitorActivity(models.Model):
    """What a competitor offers one of our clients: offers, promotions,
    discounts. Rows of the client: the dossier record rules apply."""

    _name = "crm.competitor.activity"
    _inherit = ["res.partner.dossier.mixin", "crm.register.client.mixin"]
    _description = "Competitor Activity"
    _order = "date desc, id desc"

    competitor_id = fields.Many2one(
        "crm.competitor", required=True, index=True, ondelete="restrict"
    )
    date = fields.Date(required=True, default=fields.Date.context_today, index=True)
    kind = fields.Selection(
        [("offer", "Offer"), ("promotion", "Promotion"), ("discount", "Discount")],
        required=True,
        default="offer",
    )
    discount = fields.Float(string="Discount (%)")
    description = fields.Text()
    source = fields.Char(help="Where the information comes from.")

    @api.constrains("discount")
    def _check_discount(self):
        self._cdl_check_bounds({"discount": (0, 100)})
