# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models, tools
from odoo.tools import SQL

FAILURE_KINDS = [
    ("lost_deal", "Lost Opportunity"),
    ("cancelled_order", "Cancelled Order"),
    ("closed_order", "Closed Order"),
]


class CrmFailureReport(models.Model):
    """Failures beside the closed volume: lost opportunities (one row each, at
    their expected revenue), cancelled orders and confirmed orders (one row
    per product line, at its untaxed amount in company currency), by reason,
    salesperson, product category and month. ``Deals`` counts each deal once
    (an order on its first line).

    The view is assembled in :meth:`init` from :meth:`_select_leads` and
    :meth:`_select_orders`."""

    _name = "crm.failure.report"
    _description = "Failure Analysis"
    _auto = False
    _order = "date desc"
    _depends = {
        "crm.lead": [
            "active",
            "type",
            "probability",
            "lost_reason_id",
            "expected_revenue",
            "user_id",
            "team_id",
            "partner_id",
            "company_id",
        ],
        "sale.order": [
            "state",
            "cdl_cancel_reason_id",
            "date_order",
            "user_id",
            "team_id",
            "partner_id",
            "company_id",
            "currency_rate",
        ],
        "sale.order.line": ["price_subtotal", "product_id", "display_type"],
    }

    kind = fields.Selection(FAILURE_KINDS, readonly=True)
    date = fields.Date(readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    user_id = fields.Many2one("res.users", string="Salesperson", readonly=True)
    team_id = fields.Many2one("crm.team", string="Sales Team", readonly=True)
    partner_id = fields.Many2one("res.partner", string="Customer", readonly=True)
    lost_reason_id = fields.Many2one("crm.lost.reason", readonly=True)
    cancel_reason_id = fields.Many2one("sale.order.cancel.reason", readonly=True)
    categ_id = fields.Many2one(
        "product.category", string="Product Category", readonly=True
    )
    lead_id = fields.Many2one("crm.lead", string="Opportunity", readonly=True)
    order_id = fields.Many2one("sale.order", readonly=True)
    amount = fields.Float(readonly=True)
    deal_count = fields.Integer(string="Deals", readonly=True)

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(
            SQL(
                "CREATE VIEW %s AS (SELECT row_number() OVER () AS id, u.* "
                "FROM (%s UNION ALL %s) u)",
                SQL.identifier(self._table),
                self._select_leads(),
                self._select_orders(),
            )
        )

    def _select_leads(self):
        return SQL(
            """
            SELECT 'lost_deal'::varchar AS kind,
                   COALESCE(l.date_closed, l.write_date)::date AS date,
                   l.company_id, l.user_id, l.team_id, l.partner_id,
                   l.lost_reason_id, NULL::integer AS cancel_reason_id,
                   NULL::integer AS categ_id, l.id AS lead_id,
                   NULL::integer AS order_id,
                   COALESCE(l.expected_revenue, 0) AS amount, 1 AS deal_count
              FROM crm_lead l
             WHERE l.type = 'opportunity' AND NOT l.active
               AND COALESCE(l.probability, 0) = 0
            """
        )

    def _select_orders(self):
        return SQL(
            """
            SELECT CASE WHEN so.state = 'cancel' THEN 'cancelled_order'
                        ELSE 'closed_order' END AS kind,
                   so.date_order::date AS date,
                   so.company_id, so.user_id, so.team_id, so.partner_id,
                   NULL::integer AS lost_reason_id,
                   so.cdl_cancel_reason_id AS cancel_reason_id,
                   pt.categ_id, so.opportunity_id AS lead_id, so.id AS order_id,
                   sol.price_subtotal / COALESCE(NULLIF(so.currency_rate, 0), 1)
                       AS amount,
                   CASE WHEN sol.id = MIN(sol.id) OVER (PARTITION BY so.id)
                        THEN 1 ELSE 0 END AS deal_count
              FROM sale_order so
              JOIN sale_order_line sol
                ON sol.order_id = so.id AND sol.display_type IS NULL
              LEFT JOIN product_product pp ON pp.id = sol.product_id
              LEFT JOIN product_template pt ON pt.id = pp.product_tmpl_id
             WHERE so.state IN ('sale', 'cancel')
            """
        )
