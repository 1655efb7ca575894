# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class DesignerTierChange(models.Model):
    """Tier history of a designer: the rate in force on a date is the rate of the
    tier of the latest change on or before that date."""

    _name = "designer.tier.change"
    _inherit = "crm.designer.input.mixin"
    _description = "Designer Tier Change"
    _order = "date desc, id desc"

    designer_id = fields.Many2one(
        "res.partner", required=True, index=True, ondelete="cascade"
    )
    date = fields.Date(required=True, help="Date from which the new tier is in force.")
    old_tier_id = fields.Many2one("designer.loyalty.tier", ondelete="restrict")
    new_tier_id = fields.Many2one(
        "designer.loyalty.tier", required=True, ondelete="restrict"
    )
    rolling_sales = fields.Monetary(
        help="Rolling 12-month referred sales (or margin) at the review."
    )
    company_id = fields.Many2one("res.company", required=True, index=True)
    currency_id = fields.Many2one(related="company_id.currency_id")
    direction = fields.Selection(
        [("first", "First Tier"), ("up", "Upgrade"), ("down", "Downgrade")],
        required=True,
        help="First Tier: the designer's first tier (no earlier tier), whatever "
        "the sales.",
    )
