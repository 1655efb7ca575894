# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class CrmCompetitor(models.Model):
    """A competing organization, with its outlets and free notes."""

    _name = "crm.competitor"
    _inherit = "crm.designer.input.mixin"
    _description = "Competitor"
    _order = "name"

    name = fields.Char(required=True)
    active = fields.Boolean(default=True)
    website = fields.Char()
    notes = fields.Html()
    outlet_ids = fields.One2many("crm.competitor.outlet", "competitor_id")
    company_id = fields.Many2one(
        "res.company",
        index=True,
        help="Leave empty to share the competitor between companies.",
    )


class CrmCompetitorOutlet(models.Model):
    """A competitor's salon, showroom or shop."""

    _name = "crm.competitor.outlet"
    _inherit = "crm.designer.input.mixin"
    _description = "Competitor Outlet"
    _order = "competitor_id, city, name"

    competitor_id = fields.Many2one(
        "crm.competitor", required=True, index=True, ondelete="cascade"
    )
    name = fields.Char(required=True)
    street = fields.Char()
    city = fields.Char(index=True)
    format = fields.Selection(
        [
            ("salon", "Salon"),
            ("showroom", "Showroom"),
            ("store", "Store"),
            ("hypermarket", "Hypermarket"),
            ("online", "Online Shop"),
        ],
        default="salon",
    )
    notes = fields.Text()
    company_id = fields.Many2one(related="competitor_id.company_id", store=True)
