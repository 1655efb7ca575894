# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models, tools
from odoo.tools import SQL

from ..analytics.invoice_cost import cost_depends, line_cost

# grouped rows: ratios of the sums (weighted), not the average of monthly ratios
WEIGHTED_AGGREGATES = {
    "average_price:avg": "SUM(%(revenue)s) / NULLIF(SUM(%(quantity)s), 0)",
    "markup:avg": "100 * SUM(%(revenue)s - %(cost)s) / NULLIF(SUM(%(cost)s), 0)",
}


class CrmSalesDynamicsReport(models.Model):
    """Monthly sales of each client: revenue, cost, margin, average price and
    markup, from posted customer invoices and refunds (product lines).

    The view is assembled in :meth:`init` from SQL parts that an extending
    module may override: :meth:`_select`, :meth:`_from`, :meth:`_join` for the
    columns, and the ``_monthly_*`` parts for the monthly sums."""

    _name = "crm.sales.dynamics.report"
    _description = "Client Sales Dynamics"
    _auto = False
    _order = "month desc, partner_id"
    _rec_name = "partner_id"
    _depends = cost_depends(
        {
            "account.move": ["state", "commercial_partner_id", "invoice_date"],
            "account.move.line": ["move_id", "balance", "display_type"],
            "res.partner": ["user_id", "team_id"],
        }
    )

    month = fields.Date(readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    currency_id = fields.Many2one("res.currency", readonly=True)
    partner_id = fields.Many2one("res.partner", string="Client", readonly=True)
    user_id = fields.Many2one("res.users", string="Salesperson", readonly=True)
    team_id = fields.Many2one("crm.team", string="Sales Team", readonly=True)
    invoice_count = fields.Integer(string="Documents", readonly=True)
    quantity = fields.Float(
        readonly=True,
        help="Net quantity in the product's unit of measure (refunds negative), "
        "as in Odoo's invoice analysis: 2 Dozens of a product sold in Units "
        "count 24.",
    )
    revenue = fields.Monetary(readonly=True, help="Net revenue, company currency.")
    cost = fields.Monetary(
        readonly=True,
        help="Current product cost x quantity in the product's unit of measure "
        "(refunds negative), as in Odoo's invoice analysis: a cost change also "
        "changes the cost and margin of past months.",
    )
    margin = fields.Monetary(readonly=True, help="Revenue minus cost.")
    average_price = fields.Monetary(
        readonly=True,
        aggregator="avg",
        help="Revenue divided by quantity (a price per product unit of measure); "
        "for grouped rows, the total revenue divided by the total quantity.",
    )
    markup = fields.Float(
        string="Markup (%)",
        readonly=True,
        aggregator="avg",
        help="Margin divided by cost, in percent, at the product's current cost; "
        "for grouped rows, the total margin divided by the total cost.",
    )

    def _read_group_select(self, aggregate_spec, query):
        if aggregate_spec not in WEIGHTED_AGGREGATES:
            return super()._read_group_select(aggregate_spec, query)
        return SQL(
            WEIGHTED_AGGREGATES[aggregate_spec],
            **{
                fname: self._field_to_sql(self._table, fname, query)
                for fname in ("revenue", "quantity", "cost")
            },
        )

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(
            SQL(
                "CREATE VIEW %s AS (%s %s %s)",
                SQL.identifier(self._table),
                self._select(),
                self._from(),
                self._join(),
            )
        )

    def _select(self) -> SQL:
        """The columns of the view, from the monthly lines ``l`` of
        :meth:`_from`, their company ``c`` and client ``p`` (:meth:`_join`)."""
        return SQL(
            """
            SELECT l.id, l.month, l.company_id, c.currency_id, l.partner_id,
                   p.user_id, p.team_id, l.invoice_count, l.quantity, l.revenue,
                   l.cost,
                   l.revenue - l.cost AS margin,
                   l.revenue / NULLIF(l.quantity, 0) AS average_price,
                   100 * (l.revenue - l.cost) / NULLIF(l.cost, 0) AS markup
            """
        )

    def _from(self) -> SQL:
        """The monthly lines ``l``: one row per company, client and month."""
        return SQL(
            "FROM (%s %s %s %s) l",
            self._monthly_select(),
            self._monthly_from(),
            self._monthly_where(),
            self._monthly_group_by(),
        )

    def _join(self) -> SQL:
        return SQL(
            """
            JOIN res_company c ON c.id = l.company_id
            JOIN res_partner p ON p.id = l.partner_id
            """
        )

    def _monthly_select(self) -> SQL:
        """The sums of the invoice lines ``aml`` of the moves ``am``."""
        cost = line_cost()
        return SQL(
            """
            SELECT min(aml.id) AS id, am.company_id,
                   am.commercial_partner_id AS partner_id,
                   date_trunc('month', am.invoice_date)::date AS month,
                   count(DISTINCT am.id) AS invoice_count,
                   sum(%(quantity)s) AS quantity,
                   sum(-aml.balance) AS revenue,
                   sum(%(cost)s) AS cost
            """,
            quantity=cost.quantity,
            cost=cost.cost,
        )

    def _monthly_from(self) -> SQL:
        return SQL(
            """
            FROM account_move_line aml
            JOIN account_move am ON am.id = aml.move_id
            %s
            """,
            line_cost().joins,
        )

    def _monthly_where(self) -> SQL:
        """The product lines of the posted customer invoices and refunds."""
        return SQL(
            """
            WHERE am.state = 'posted'
              AND am.move_type IN ('out_invoice', 'out_refund')
              AND aml.display_type = 'product'
            """
        )

    def _monthly_group_by(self) -> SQL:
        return SQL(
            """
            GROUP BY am.company_id, am.commercial_partner_id,
                     date_trunc('month', am.invoice_date)
            """
        )
