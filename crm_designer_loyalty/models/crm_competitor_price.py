# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError


class CrmCompetitorPrice(models.Model):
    """A competitor's price for one of our products, compared with ours."""

    _name = "crm.competitor.price"
    _inherit = "crm.designer.input.mixin"
    _description = "Competitor Price Observation"
    _order = "date desc, id desc"
    _rec_name = "product_id"

    product_id = fields.Many2one("product.product", required=True, index=True)
    competitor_id = fields.Many2one(
        "crm.competitor", required=True, index=True, ondelete="restrict"
    )
    outlet_id = fields.Many2one(
        "crm.competitor.outlet", domain="[('competitor_id', '=', competitor_id)]"
    )
    date = fields.Date(required=True, default=fields.Date.context_today, index=True)
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    price = fields.Monetary(string="Competitor Price", required=True)
    our_price = fields.Monetary(
        compute="_compute_our_price",
        store=True,
        readonly=False,
        precompute=True,
        help="Our sales price on the day of the observation (by default the "
        "product's sales price).",
    )
    gap_percent = fields.Float(
        string="Price Gap (%)",
        compute="_compute_gap_percent",
        store=True,
        aggregator="avg",
        digits=(16, 1),
        help="(Competitor price - our price) / our price x 100: negative when the "
        "competitor is cheaper.",
    )
    source = fields.Char(help="Where the price was seen: site, salon, catalogue.")

    @api.depends("product_id")
    def _compute_our_price(self):
        for observation in self:
            observation.our_price = observation.product_id.lst_price

    @api.depends("price", "our_price")
    def _compute_gap_percent(self):
        for observation in self:
            our = observation.our_price
            observation.gap_percent = (
                (observation.price - our) / our * 100 if our else 0.0
            )

    @api.constrains("price", "our_price")
    def _check_prices(self):
        for observation in self:
            if observation.price <= 0 or observation.our_price < 0:
                raise ValidationError(
                    self.env._(
                        "Price of %(product)s at %(competitor)s on %(date)s: the "
                        "prices must be positive.",
                        product=observation.product_id.display_name,
                        competitor=observation.competitor_id.display_name,
                        date=observation.date,
                    )
                )
