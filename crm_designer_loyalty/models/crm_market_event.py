# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class CrmMarketEvent(models.Model):
    """Unstructured information that may explain the sales: news, market
    changes, internal events (staff or salary changes, promotions)."""

    _name = "crm.market.event"
    _inherit = "crm.designer.input.mixin"
    _description = "Market Event"
    _order = "date desc, id desc"

    date = fields.Date(required=True, default=fields.Date.context_today, index=True)
    name = fields.Char(string="Title", required=True)
    description = fields.Text()
    kind = fields.Selection(
        [
            ("news", "News"),
            ("market", "Market"),
            ("staff", "Internal: Staff Change"),
            ("salary", "Internal: Salary Change"),
            ("promotion", "Internal: Promotion"),
            ("internal", "Internal: Other"),
        ],
        required=True,
        default="news",
    )
    tag_ids = fields.Many2many("crm.market.event.tag", string="Tags")
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )


class CrmMarketEventTag(models.Model):
    _name = "crm.market.event.tag"
    _description = "Market Event Tag"
    _order = "name"

    name = fields.Char(required=True, translate=True)
    color = fields.Integer()

    _sql_constraints = [("name_uniq", "unique(name)", "This tag exists.")]
