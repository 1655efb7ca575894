# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The association rules between product categories of a company's confirmed
orders, stored by a nightly SQL pass (``analytics/marketing.py``), so that a
client's cross-sell suggestions read them instead of every order."""

from odoo import _, api, fields, models
from odoo.exceptions import AccessError

from ..analytics import marketing


class CrmCrossSellRule(models.Model):
    _name = "crm.cross.sell.rule"
    _description = "Cross-Sell Rule"
    _order = "company_id, lift desc, support desc, id"
    _rec_name = "consequent_id"

    company_id = fields.Many2one(
        "res.company", required=True, readonly=True, index=True
    )
    antecedent_id = fields.Many2one(
        "product.category",
        string="Bought",
        required=True,
        readonly=True,
        index=True,
        help="The category a client bought.",
    )
    consequent_id = fields.Many2one(
        "product.category",
        string="Suggested",
        required=True,
        readonly=True,
        help="The category bought in the same orders, suggested to the clients "
        "who bought the first one and not this one.",
    )
    order_count = fields.Integer(
        string="Orders with Both",
        readonly=True,
        help="Confirmed orders holding both categories.",
    )
    support = fields.Float(
        readonly=True,
        digits=(16, 4),
        help="Orders with both categories / all confirmed orders of the company.",
    )
    confidence = fields.Float(
        readonly=True,
        digits=(16, 4),
        help="Orders with both categories / orders with the bought category.",
    )
    lift = fields.Float(
        readonly=True,
        digits=(16, 2),
        help="Confidence / share of the orders with the suggested category: above "
        "1, the two are bought together more often than by chance.",
    )

    @api.model
    def _refresh(self, company):
        """Recompute the rules of ``company`` from its confirmed orders."""
        self.env["sale.order.line"].flush_model()
        self.env["sale.order"].flush_model()
        self.env["product.template"].flush_model(["categ_id"])
        marketing.refresh_cross_sell_rules(self.env.cr, company.id)
        self.invalidate_model()

    @api.model
    def _cron_refresh(self):
        """Nightly: the rules of every company, one company a batch."""
        companies = self.env["res.company"].search([])
        for done, company in enumerate(companies, 1):
            self._refresh(company)
            self.env["ir.cron"]._cdl_batch_done(done, len(companies) - done)

    @api.model
    def action_refresh(self):
        """Recompute the rules of the current company now (Sales Managers)."""
        if not self.env.user.has_group("crm_designer_loyalty.group_designer_manager"):
            raise AccessError(_("Only a Sales Manager may recompute the rules."))
        self.sudo()._refresh(self.env.company)
        return {"type": "ir.actions.client", "tag": "soft_reload"}
