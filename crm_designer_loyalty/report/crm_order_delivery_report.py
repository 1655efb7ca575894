# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models
from odoo.tools import SQL


class CrmOrderDeliveryReport(models.Model):
    """Ordered vs delivered: one row per line of a confirmed sales order, what
    the client ordered against what was delivered and invoiced
    (``qty_delivered`` and ``qty_invoiced`` of the line, with or without
    ``stock``), and the gaps, in quantities and in amounts of the company
    currency (the line's net unit price times the quantity)."""

    _name = "crm.order.delivery.report"
    _description = "Ordered vs Delivered"
    _inherit = "crm.sql.view.report"
    _auto = False
    _order = "date desc, order_id, id"
    _rec_name = "order_id"
    _depends = {
        "sale.order": [
            "state",
            "date_order",
            "partner_id",
            "user_id",
            "team_id",
            "company_id",
            "currency_rate",
        ],
        "sale.order.line": [
            "order_id",
            "product_id",
            "product_uom_qty",
            "qty_delivered",
            "qty_invoiced",
            "price_reduce_taxexcl",
            "display_type",
            "is_downpayment",
        ],
        "res.partner": ["commercial_partner_id"],
    }

    order_id = fields.Many2one("sale.order", readonly=True)
    date = fields.Date(string="Order Date", readonly=True)
    partner_id = fields.Many2one("res.partner", string="Client", readonly=True)
    user_id = fields.Many2one("res.users", string="Salesperson", readonly=True)
    team_id = fields.Many2one("crm.team", string="Sales Team", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    currency_id = fields.Many2one(related="company_id.currency_id")
    product_id = fields.Many2one("product.product", readonly=True)
    categ_id = fields.Many2one(
        "product.category", string="Product Category", readonly=True
    )
    qty_ordered = fields.Float(readonly=True)
    qty_delivered = fields.Float(readonly=True)
    qty_invoiced = fields.Float(readonly=True)
    qty_undelivered = fields.Float(
        string="Qty Not Delivered", readonly=True, help="Ordered - delivered."
    )
    qty_uninvoiced = fields.Float(
        string="Qty Not Invoiced", readonly=True, help="Ordered - invoiced."
    )
    amount_ordered = fields.Monetary(string="Ordered", readonly=True)
    amount_delivered = fields.Monetary(string="Delivered", readonly=True)
    amount_invoiced = fields.Monetary(string="Invoiced", readonly=True)
    amount_undelivered = fields.Monetary(
        string="Not Delivered", readonly=True, help="Ordered - delivered."
    )
    amount_uninvoiced = fields.Monetary(
        string="Not Invoiced", readonly=True, help="Ordered - invoiced."
    )

    def _select(self):
        # amounts in the company currency (sale.report's conversion)
        price = SQL(
            "sol.price_reduce_taxexcl"
            " / CASE COALESCE(so.currency_rate, 0) WHEN 0 THEN 1.0"
            " ELSE so.currency_rate END"
        )
        return SQL(
            """
            sol.id, sol.order_id, so.date_order::date AS date,
            partner.commercial_partner_id AS partner_id, so.user_id,
            so.team_id, so.company_id, sol.product_id, tmpl.categ_id,
            sol.product_uom_qty AS qty_ordered, sol.qty_delivered,
            sol.qty_invoiced,
            sol.product_uom_qty - sol.qty_delivered AS qty_undelivered,
            sol.product_uom_qty - sol.qty_invoiced AS qty_uninvoiced,
            %(price)s * sol.product_uom_qty AS amount_ordered,
            %(price)s * sol.qty_delivered AS amount_delivered,
            %(price)s * sol.qty_invoiced AS amount_invoiced,
            %(price)s * (sol.product_uom_qty - sol.qty_delivered)
                AS amount_undelivered,
            %(price)s * (sol.product_uom_qty - sol.qty_invoiced)
                AS amount_uninvoiced
            """,
            price=price,
        )

    def _from(self):
        return SQL(
            """
            sale_order_line sol
            JOIN sale_order so ON so.id = sol.order_id
            JOIN res_partner partner ON partner.id = so.partner_id
            LEFT JOIN product_product product ON product.id = sol.product_id
            LEFT JOIN product_template tmpl ON tmpl.id = product.product_tmpl_id
            """
        )

    def _where(self):
        return SQL(
            "so.state = 'sale' AND sol.display_type IS NULL"
            " AND NOT COALESCE(sol.is_downpayment, FALSE)"
        )
