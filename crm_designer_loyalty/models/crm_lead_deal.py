# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The deal cycle on crm.lead: parties with roles, extra expenses and the
deal's profitability."""

from odoo import api, fields, models


class CrmLead(models.Model):
    _inherit = "crm.lead"  # pylint: disable=consider-merging-classes-inherited

    cdl_party_ids = fields.One2many("crm.lead.party", "lead_id", string="Parties")
    cdl_expense_ids = fields.One2many(
        "crm.lead.expense", "lead_id", string="Extra Expenses"
    )
    cdl_expense_total = fields.Monetary(
        string="Expenses",
        compute="_compute_cdl_profit",
        currency_field="company_currency",
    )
    cdl_product_cost = fields.Monetary(
        string="Cost of Quoted Products",
        compute="_compute_cdl_profit",
        currency_field="company_currency",
        help="Cost of the products of the deal's quotations and orders that "
        "are not cancelled (their lines' cost times quantity).",
    )
    cdl_profit = fields.Monetary(
        string="Deal Profitability",
        compute="_compute_cdl_profit",
        currency_field="company_currency",
        help="Expected revenue minus the cost of the quoted products minus the "
        "extra expenses.",
    )

    @api.depends(
        "expected_revenue",
        "cdl_expense_ids.amount",
        "order_ids.state",
        "order_ids.amount_untaxed",
        "order_ids.margin",
    )
    def _compute_cdl_profit(self):
        expenses = dict(
            self.env["crm.lead.expense"]._read_group(
                [("lead_id", "in", self.ids)], ["lead_id"], ["amount:sum"]
            )
        )
        costs = {}
        # sudo: the figure of a deal the user reads, whatever their order
        # rights; cost = untaxed amount - margin (sale_margin, stored)
        for lead, currency, untaxed, margin in (
            self.env["sale.order"]
            .sudo()
            ._read_group(
                [("opportunity_id", "in", self.ids), ("state", "!=", "cancel")],
                ["opportunity_id", "currency_id"],
                ["amount_untaxed:sum", "margin:sum"],
            )
        ):
            costs[lead.id] = costs.get(lead.id, 0.0) + currency._convert(
                untaxed - margin,
                lead.company_currency,
                lead.company_id or self.env.company,
                fields.Date.context_today(self),
            )
        for lead in self:
            lead.cdl_expense_total = expenses.get(lead, 0.0)
            lead.cdl_product_cost = costs.get(lead.id, 0.0)
            lead.cdl_profit = (
                lead.expected_revenue - lead.cdl_product_cost - lead.cdl_expense_total
            )
