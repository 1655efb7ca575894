# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models, tools
from odoo.tools import SQL

GAP = "100 * (SUM(%(theirs)s) - SUM(%(ours)s)) / NULLIF(SUM(%(ours)s), 0)"


class CrmCompetitorPriceReport(models.Model):
    """Per observed product and month: our sales of the product (posted
    customer invoices and refunds) beside the competitors' prices and the
    price gap. Grouped rows show the gap of the summed prices."""

    _name = "crm.competitor.price.report"
    _description = "Price Gap and Sales"
    _auto = False
    _order = "month desc, product_id"
    _rec_name = "product_id"
    _depends = {
        "crm.competitor.price": [
            "company_id",
            "product_id",
            "date",
            "price",
            "our_price",
        ],
        "account.move": ["state", "move_type", "company_id", "invoice_date"],
        "account.move.line": ["move_id", "balance", "quantity", "product_id"],
    }

    month = fields.Date(readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    currency_id = fields.Many2one("res.currency", readonly=True)
    product_id = fields.Many2one("product.product", readonly=True)
    quantity = fields.Float(string="Quantity Sold", readonly=True)
    revenue = fields.Monetary(readonly=True)
    observation_count = fields.Integer(string="Observations", readonly=True)
    competitor_price_total = fields.Monetary(readonly=True)
    our_price_total = fields.Monetary(readonly=True)
    gap_percent = fields.Float(
        string="Price Gap (%)",
        readonly=True,
        aggregator="avg",
        digits=(16, 1),
        help="(Competitor price - our price) / our price x 100, of the "
        "observations of the month; for grouped rows, of the summed prices.",
    )

    def _read_group_select(self, aggregate_spec, query):
        if aggregate_spec != "gap_percent:avg":
            return super()._read_group_select(aggregate_spec, query)
        return SQL(
            GAP,
            theirs=self._field_to_sql(self._table, "competitor_price_total", query),
            ours=self._field_to_sql(self._table, "our_price_total", query),
        )

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(
            SQL(
                """
                CREATE VIEW %(table)s AS (
                    WITH observed AS (
                        SELECT company_id, product_id,
                               date_trunc('month', date)::date AS month,
                               count(*) AS observation_count,
                               sum(price) AS competitor_price_total,
                               sum(our_price) AS our_price_total
                          FROM crm_competitor_price
                         GROUP BY 1, 2, 3
                    ), sold AS (
                        SELECT am.company_id, aml.product_id,
                               date_trunc('month', am.invoice_date)::date AS month,
                               sum(CASE WHEN am.move_type = 'out_refund'
                                        THEN -aml.quantity ELSE aml.quantity END)
                                   AS quantity,
                               sum(-aml.balance) AS revenue
                          FROM account_move_line aml
                          JOIN account_move am ON am.id = aml.move_id
                         WHERE am.state = 'posted'
                           AND am.move_type IN ('out_invoice', 'out_refund')
                           AND aml.display_type = 'product'
                           AND aml.product_id IN (
                               SELECT product_id FROM crm_competitor_price)
                         GROUP BY 1, 2, 3
                    )
                    SELECT row_number() OVER (
                               ORDER BY COALESCE(o.company_id, s.company_id),
                                        COALESCE(o.product_id, s.product_id),
                                        COALESCE(o.month, s.month)) AS id,
                           COALESCE(o.month, s.month) AS month,
                           COALESCE(o.company_id, s.company_id) AS company_id,
                           c.currency_id,
                           COALESCE(o.product_id, s.product_id) AS product_id,
                           COALESCE(s.quantity, 0) AS quantity,
                           COALESCE(s.revenue, 0) AS revenue,
                           COALESCE(o.observation_count, 0) AS observation_count,
                           COALESCE(o.competitor_price_total, 0)
                               AS competitor_price_total,
                           COALESCE(o.our_price_total, 0) AS our_price_total,
                           100 * (o.competitor_price_total - o.our_price_total)
                               / NULLIF(o.our_price_total, 0) AS gap_percent
                      FROM observed o
                      FULL JOIN sold s
                        ON s.company_id = o.company_id
                       AND s.product_id = o.product_id AND s.month = o.month
                      JOIN res_company c
                        ON c.id = COALESCE(o.company_id, s.company_id)
                )
                """,
                table=SQL.identifier(self._table),
            )
        )
