# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import Command
from odoo.tests import tagged

from .planning_common import PlanningCommon


@tagged("post_install", "-at_install")
class TestOrderedDelivered(PlanningCommon):
    """An order of Client One by cdl_sales, by hand: 10 chairs at 100, 6
    delivered, 4 invoiced; 5 lamps at 20, all delivered and invoiced.

    Chairs: ordered 1000, delivered 600, invoiced 400, not delivered 4 (400),
    not invoiced 6 (600); lamps: 100 each, no gap. Order: ordered 1100,
    delivered 700, invoiced 500, not delivered 400, not invoiced 600. An
    order of cdl_sales2 (3 chairs at 50, none delivered) is another client's
    and a draft order counts nowhere."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        (cls.chair | cls.lamp).invoice_policy = "delivery"

        def order(partner, user, *lines, confirm=True):
            order = cls.env["sale.order"].create(
                {
                    "partner_id": partner.id,
                    "user_id": user.id,
                    "order_line": [
                        Command.create(
                            {
                                "product_id": product.id,
                                "product_uom_qty": qty,
                                "price_unit": price,
                                "tax_id": [Command.clear()],
                            }
                        )
                        for product, qty, price in lines
                    ],
                }
            )
            if confirm:
                order.action_confirm()
            return order

        cls.order = order(
            cls.client, cls.user_sales, (cls.chair, 10, 100), (cls.lamp, 5, 20)
        )
        cls.chairs_line, cls.lamps_line = cls.order.order_line
        cls.chairs_line.qty_delivered = 6
        cls.lamps_line.qty_delivered = 5
        invoice = cls.order._create_invoices()
        invoice.invoice_line_ids.filtered(
            lambda line: line.product_id == cls.chair
        ).quantity = 4
        invoice.action_post()
        cls.other = order(cls.client_other, cls.user_sales2, (cls.chair, 3, 50))
        order(cls.client, cls.user_sales, (cls.chair, 7, 100), confirm=False)

    def _rows(self, user=None):
        Report = self.env["crm.order.delivery.report"]
        if user:
            Report = Report.with_user(user)
        return Report.search(
            [("order_id", "in", (self.order | self.other).ids)], order="id"
        )

    def test_per_line(self):
        chairs, lamps, other = self._rows()
        self.assertEqual(
            [
                chairs[name]
                for name in (
                    "qty_ordered",
                    "qty_delivered",
                    "qty_invoiced",
                    "qty_undelivered",
                    "qty_uninvoiced",
                    "amount_ordered",
                    "amount_delivered",
                    "amount_invoiced",
                    "amount_undelivered",
                    "amount_uninvoiced",
                )
            ],
            [10, 6, 4, 4, 6, 1000, 600, 400, 400, 600],
        )
        self.assertEqual(
            (lamps.amount_delivered, lamps.amount_undelivered, lamps.qty_uninvoiced),
            (100, 0, 0),
        )
        self.assertEqual(chairs.partner_id, self.client)
        self.assertEqual(other.amount_undelivered, 150)
        self.assertEqual(self.chairs_line.cdl_qty_undelivered, 4)

    def test_order_totals(self):
        order = self.order
        self.assertEqual(
            (
                order.cdl_amount_ordered,
                order.cdl_amount_delivered,
                order.cdl_amount_invoiced,
                order.cdl_amount_undelivered,
                order.cdl_amount_uninvoiced,
            ),
            (1100, 700, 500, 400, 600),
        )
        action = order.action_cdl_view_delivery()
        self.assertEqual(
            self.env["crm.order.delivery.report"].search(action["domain"]),
            self._rows()[:2],
        )

    def test_client_dossier(self):
        self.assertEqual(self.client.cdl_amount_undelivered, 400)
        contact = self.env["res.partner"].create(
            {"name": "Buyer", "parent_id": self.client.id}
        )
        self.assertEqual(contact.cdl_amount_undelivered, 400)
        self.assertEqual(self.client_other.cdl_amount_undelivered, 150)
        action = contact.action_cdl_view_delivery()
        self.assertEqual(
            self.env["crm.order.delivery.report"].search(action["domain"]),
            self._rows()[:2],
        )

    def test_access(self):
        """A salesperson reads the rows of their own orders, a Sales Manager
        all of them."""
        self.assertEqual(len(self._rows(self.user_sales)), 2)
        self.assertEqual(self._rows(self.user_sales2).order_id, self.other)
        self.assertEqual(len(self._rows(self.user_manager)), 3)
        client_other = self.client_other.with_user(self.user_sales)
        self.assertEqual(client_other.cdl_amount_undelivered, 0)
