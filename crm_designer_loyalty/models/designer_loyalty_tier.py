# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models


class DesignerLoyaltyTier(models.Model):
    _name = "designer.loyalty.tier"
    _inherit = "crm.designer.input.mixin"
    _description = "Designer Loyalty Tier"
    _order = "company_id, threshold, sequence, id"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        "res.company",
        required=True,
        index=True,
        default=lambda self: self.env.company,
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    threshold = fields.Monetary(
        help="Rolling 12-month referred net sales (or margin, see the settings) "
        "from which a designer reaches this tier. The tier with a zero threshold "
        "is the base tier.",
    )
    rate = fields.Float(
        string="Rate (%)",
        digits=(16, 2),
        help="Share of the net invoiced amount of referred sales given as reward. "
        "A change applies to invoices accrued from then on: credit notes of "
        "earlier invoices claw back what those invoices earned.",
    )
    reward_type = fields.Selection(
        [("money", "Commission"), ("points", "Points")],
        required=True,
        default="money",
        help="Commission is paid out through statements; points are credited "
        "(one point per currency unit of reward) and expire after the inactivity "
        "period set in the settings.",
    )
    pricelist_id = fields.Many2one(
        "product.pricelist",
        string="Designer Pricelist",
        check_company=True,
        help="Pricelist applied to the designer's own purchases (new quotations) "
        "while they are in this tier, when the pricelist mapping is enabled.",
    )
    designer_count = fields.Integer(compute="_compute_designer_count")

    _sql_constraints = (
        (
            "threshold_company_uniq",
            "UNIQUE(company_id, threshold)",
            "Two tiers of a company cannot have the same threshold.",
        ),
        ("rate_positive", "CHECK(rate >= 0)", "The tier rate cannot be negative."),
        (
            "threshold_positive",
            "CHECK(threshold >= 0)",
            "The tier threshold cannot be negative.",
        ),
    )

    @api.constrains("rate")
    def _check_rate_bounds(self):
        self._cdl_check_bounds({"rate": (0, 100)})

    def _compute_designer_count(self):
        counts = {}
        for company, tiers in self.grouped("company_id").items():
            # the designers' tiers are company-dependent: count in the tier's company
            counts.update(
                self.env["res.partner"]
                .with_company(company)
                ._read_group(
                    [("loyalty_tier_id", "in", tiers.ids)],
                    ["loyalty_tier_id"],
                    ["__count"],
                )
            )
        for tier in self:
            tier.designer_count = counts.get(tier, 0)

    def _designer_domain(self):
        self.ensure_one()
        return [("is_designer", "=", True), ("loyalty_tier_id", "=", self.id)]

    def action_open_designers(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "crm_designer_loyalty.res_partner_designer_action"
        )
        action["domain"] = self._designer_domain()
        return action

    def action_open_mailing(self):
        """Open a new mass mailing addressed to the designers of this tier
        (the "designers by tier" segment)."""
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Mailing to %(tier)s designers", tier=self.name),
            "res_model": "mailing.mailing",
            "view_mode": "form",
            "target": "current",
            "context": {
                "default_mailing_model_id": self.env["ir.model"]._get_id("res.partner"),
                "default_mailing_domain": repr(self._designer_domain()),
                "default_subject": self.name,
            },
        }
