# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models, tools
from odoo.tools import SQL

from ..analytics.invoice_cost import cost_depends, line_cost


class CrmLeaderReport(models.Model):
    """Sales of the segmentation window by product and salesperson: the
    product leaders and salesperson leaders beside the client leaders.

    One row per company, product, salesperson and sales team of the invoice,
    over the product lines of the posted customer invoices and refunds of the
    window of the company's latest segmentation (the full months before the
    month of its run; before a first run, the months before the current one),
    so that the three kinds of leaders rank the same sales."""

    _name = "crm.leader.report"
    _description = "Product and Salesperson Leaders"
    _auto = False
    _order = "revenue desc"
    _rec_name = "product_id"
    _depends = cost_depends(
        {
            "account.move": [
                "state",
                "commercial_partner_id",
                "invoice_date",
                "invoice_user_id",
                "team_id",
            ],
            "account.move.line": ["move_id", "balance", "display_type"],
            "product.template": ["categ_id"],
            "res.company": ["segment_last_date", "segment_window_months"],
        }
    )

    company_id = fields.Many2one("res.company", readonly=True)
    currency_id = fields.Many2one("res.currency", readonly=True)
    product_id = fields.Many2one("product.product", readonly=True)
    categ_id = fields.Many2one(
        "product.category", string="Product Category", readonly=True
    )
    user_id = fields.Many2one("res.users", string="Salesperson", readonly=True)
    team_id = fields.Many2one("crm.team", string="Sales Team", readonly=True)
    date_from = fields.Date(string="Window From", readonly=True)
    date_to = fields.Date(
        string="Window To", readonly=True, help="First day after the window."
    )
    quantity = fields.Float(
        readonly=True,
        help="Net quantity in the product's unit of measure (refunds negative).",
    )
    revenue = fields.Monetary(
        readonly=True, help="Net invoiced revenue of the window, company currency."
    )
    cost = fields.Monetary(
        readonly=True,
        help="Current product cost x quantity, as in Odoo's invoice analysis.",
    )
    margin = fields.Monetary(string="Gross Margin", readonly=True)

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(
            SQL(
                "CREATE VIEW %s AS (SELECT %s FROM %s WHERE %s GROUP BY %s)",
                SQL.identifier(self._table),
                self._select(),
                self._from(),
                self._where(),
                self._group_by(),
            )
        )

    def _select(self):
        cost = line_cost()
        return SQL(
            """
            min(aml.id) AS id, am.company_id, c.currency_id, aml.product_id,
            template.categ_id, am.invoice_user_id AS user_id, am.team_id,
            w.date_from, w.date_to,
            sum(%(quantity)s) AS quantity,
            sum(-aml.balance) AS revenue,
            sum(%(cost)s) AS cost,
            sum(-aml.balance - %(cost)s) AS margin
            """,
            quantity=cost.quantity,
            cost=cost.cost,
        )

    def _from(self):
        return SQL(
            """
            account_move am
            JOIN res_company c ON c.id = am.company_id
            CROSS JOIN LATERAL (
                SELECT (date_trunc('month', COALESCE(c.segment_last_date,
                                                     CURRENT_DATE))
                        - make_interval(months => c.segment_window_months))::date
                           AS date_from,
                       date_trunc('month', COALESCE(c.segment_last_date,
                                                    CURRENT_DATE))::date
                           AS date_to) w
            JOIN account_move_line aml
              ON aml.move_id = am.id AND aml.display_type = 'product'
            LEFT JOIN product_product product ON product.id = aml.product_id
            LEFT JOIN product_template template
                   ON template.id = product.product_tmpl_id
            %s
            """,
            line_cost().joins,
        )

    def _where(self):
        return SQL(
            """
            am.state = 'posted' AND am.move_type IN ('out_invoice', 'out_refund')
            AND am.invoice_date >= w.date_from AND am.invoice_date < w.date_to
            """
        )

    def _group_by(self):
        return SQL(
            """
            am.company_id, c.currency_id, aml.product_id, template.categ_id,
            am.invoice_user_id, am.team_id, w.date_from, w.date_to
            """
        )
