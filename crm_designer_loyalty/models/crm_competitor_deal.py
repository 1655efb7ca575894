# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError


class CrmCompetitorDeal(models.Model):
    """A purchase of one of our clients from a competitor: with our sales, the
    client's total needs and our share of wallet
    (:mod:`~odoo.addons.crm_designer_loyalty.analytics.registers`). Amounts in
    the company currency."""

    _name = "crm.competitor.deal"
    _inherit = ["res.partner.dossier.mixin", "crm.register.client.mixin"]
    _description = "Client Deal with a Competitor"
    _order = "date desc, id desc"

    competitor_id = fields.Many2one(
        "crm.competitor", required=True, index=True, ondelete="restrict"
    )
    date = fields.Date(required=True, default=fields.Date.context_today, index=True)
    categ_id = fields.Many2one(
        "product.category", string="Product Category", required=True, index=True
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    amount = fields.Monetary(required=True)
    notes = fields.Text()

    @api.constrains("amount")
    def _check_amount(self):
        for deal in self:
            if deal.amount <= 0:
                raise ValidationError(
                    self.env._(
                        "Deal of %(client)s with %(competitor)s on %(date)s: the "
                        "amount must be positive.",
                        client=deal.partner_id.display_name,
                        competitor=deal.competitor_id.display_name,
                        date=deal.date,
                    )
                )
