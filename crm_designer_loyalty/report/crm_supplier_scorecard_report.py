# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models, tools
from odoo.tools import SQL

from ..analytics.supplier import price_change_query, scorecard_query

_ORDER_DEPENDS = {
    "purchase.order": [
        "state",
        "date_approve",
        "company_id",
        "partner_id",
        "amount_untaxed",
        "currency_rate",
    ],
    "purchase.order.line": [
        "order_id",
        "product_id",
        "product_uom",
        "price_unit",
        "date_planned",
        "display_type",
    ],
    "res.partner": ["commercial_partner_id"],
}


def _create_view(model, query):
    tools.drop_view_if_exists(model.env.cr, model._table)
    model.env.cr.execute(
        SQL("CREATE VIEW %s AS (%s)", SQL.identifier(model._table), query)
    )


# measures averaged over the receipts in a group, and their decimals
_RECEIPT_MEASURES = {
    "on_time_rate": 2,
    "promised_lead_days": 1,
    "actual_lead_days": 1,
    "lead_gap_days": 1,
}


class CrmSupplierScorecardReport(models.Model):
    """The supplier scorecard of each vendor over the last 12 months
    (:func:`..analytics.supplier.scorecard_query`)."""

    _name = "crm.supplier.scorecard.report"
    _description = "Supplier Scorecard"
    _auto = False
    _order = "purchase_amount desc, partner_id"
    _rec_name = "partner_id"
    _depends = {
        **_ORDER_DEPENDS,
        "stock.picking": ["state", "date_done", "picking_type_id"],
        "stock.move": ["picking_id", "purchase_line_id"],
    }

    company_id = fields.Many2one("res.company", readonly=True)
    currency_id = fields.Many2one(related="company_id.currency_id")
    partner_id = fields.Many2one("res.partner", string="Vendor", readonly=True)
    payment_term_id = fields.Many2one(
        related="partner_id.property_supplier_payment_term_id",
        string="Payment Terms",
    )
    order_count = fields.Integer(string="Orders", readonly=True)
    purchase_amount = fields.Monetary(
        string="Purchased (untaxed)", readonly=True, aggregator="sum"
    )
    receipt_count = fields.Integer(string="Receipts", readonly=True)
    on_time_count = fields.Integer(string="Receipts on Time", readonly=True)
    on_time_rate = fields.Float(
        string="On-Time %",
        digits=(16, 2),
        readonly=True,
        aggregator="avg",
        help="Receipts done on or before the scheduled date of their purchase "
        "lines, in % of the receipts of the last 12 months.",
    )
    promised_lead_days = fields.Float(
        string="Promised Lead Time (days)",
        digits=(16, 1),
        readonly=True,
        aggregator="avg",
        help="Average days from the order's confirmation to the scheduled "
        "date of the received lines.",
    )
    actual_lead_days = fields.Float(
        string="Actual Lead Time (days)",
        digits=(16, 1),
        readonly=True,
        aggregator="avg",
        help="Average days from the order's confirmation to the receipt.",
    )
    lead_gap_days = fields.Float(
        string="Lead Time Gap (days)",
        digits=(16, 1),
        readonly=True,
        aggregator="avg",
        help="Actual minus promised lead time: positive when the vendor is late.",
    )
    price_product_count = fields.Integer(
        string="Products with Price History", readonly=True
    )
    price_change_pct = fields.Float(
        string="Price Change %",
        digits=(16, 2),
        readonly=True,
        aggregator="avg",
        help="Average over the products bought on two orders or more in the "
        "last 12 months of the change from their first to their last price.",
    )

    def _read_group_select(self, aggregate_spec, query):
        """A group's on-time % and lead times are over all its receipts (the
        vendors' figures weighted by their receipts), not means of the
        vendors' figures."""
        fname, __, func = aggregate_spec.partition(":")
        if func != "avg" or fname not in _RECEIPT_MEASURES:
            return super()._read_group_select(aggregate_spec, query)
        receipts = self._field_to_sql(self._table, "receipt_count", query)
        return SQL(
            "round((SUM(%s * %s) / NULLIF(SUM(%s), 0))::numeric, %s)",
            self._field_to_sql(self._table, fname, query),
            receipts,
            receipts,
            _RECEIPT_MEASURES[fname],
        )

    def init(self):
        _create_view(self, scorecard_query())

    def action_open_prices(self):
        """The price changes of this vendor's products."""
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "crm_designer_loyalty.crm_supplier_price_report_action"
        )
        action["domain"] = [
            ("partner_id", "=", self.partner_id.id),
            ("company_id", "=", self.company_id.id),
        ]
        return action


class CrmSupplierPriceReport(models.Model):
    """First and last purchase price of each vendor's products over the last
    12 months (:func:`..analytics.supplier.price_change_query`)."""

    _name = "crm.supplier.price.report"
    _description = "Supplier Price Changes"
    _auto = False
    _order = "partner_id, change_pct desc"
    _rec_name = "product_id"
    _depends = _ORDER_DEPENDS

    company_id = fields.Many2one("res.company", readonly=True)
    currency_id = fields.Many2one(related="company_id.currency_id")
    partner_id = fields.Many2one("res.partner", string="Vendor", readonly=True)
    product_id = fields.Many2one("product.product", readonly=True)
    order_count = fields.Integer(string="Orders", readonly=True)
    first_date = fields.Datetime(string="First Purchase", readonly=True)
    last_date = fields.Datetime(string="Last Purchase", readonly=True)
    first_price = fields.Monetary(
        readonly=True, aggregator="avg", help="Per unit of the product's unit."
    )
    last_price = fields.Monetary(
        readonly=True, aggregator="avg", help="Per unit of the product's unit."
    )
    change_pct = fields.Float(
        string="Price Change %", digits=(16, 2), readonly=True, aggregator="avg"
    )

    def init(self):
        _create_view(self, price_change_query())
