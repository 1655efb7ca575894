# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models

DELIVERY = {"compute": "_compute_cdl_delivery", "currency_field": "cdl_currency_id"}


class SaleOrderLine(models.Model):
    _inherit = "sale.order.line"

    cdl_qty_undelivered = fields.Float(
        string="Not Delivered",
        compute="_compute_cdl_qty_undelivered",
        digits="Product Unit of Measure",
        help="Ordered - delivered.",
    )

    def _compute_cdl_qty_undelivered(self):
        for line in self:
            line.cdl_qty_undelivered = line.product_uom_qty - line.qty_delivered


class SaleOrder(models.Model):
    """Ordered vs delivered and invoiced on a confirmed order: its totals in
    the company currency, read from ``crm.order.delivery.report``."""

    _inherit = "sale.order"

    cdl_currency_id = fields.Many2one(
        related="company_id.currency_id", string="Company Currency"
    )
    cdl_amount_ordered = fields.Monetary(string="Amount Ordered", **DELIVERY)
    cdl_amount_delivered = fields.Monetary(string="Amount Delivered", **DELIVERY)
    cdl_amount_invoiced = fields.Monetary(string="Amount Invoiced", **DELIVERY)
    cdl_amount_undelivered = fields.Monetary(
        string="Amount Not Delivered", help="Ordered - delivered.", **DELIVERY
    )
    cdl_amount_uninvoiced = fields.Monetary(
        string="Amount Not Invoiced", help="Ordered - invoiced.", **DELIVERY
    )

    def _compute_cdl_delivery(self):
        names = ("ordered", "delivered", "invoiced", "undelivered", "uninvoiced")
        # the order's own figures: whoever reads the order reads them
        totals = {
            order.id: values
            for order, *values in self.env["crm.order.delivery.report"]
            .sudo()
            ._read_group(
                [("order_id", "in", self.ids)],
                ["order_id"],
                [f"amount_{name}:sum" for name in names],
            )
        }
        for order in self:
            for name, value in zip(
                names, totals.get(order.id, (0.0,) * len(names)), strict=True
            ):
                order[f"cdl_amount_{name}"] = value

    def action_cdl_view_delivery(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "crm_designer_loyalty.crm_order_delivery_report_action"
        )
        action["domain"] = [("order_id", "=", self.id)]
        action["context"] = {}
        action["view_mode"] = "list,pivot"
        action["views"] = [(False, "list"), (False, "pivot")]
        return action
