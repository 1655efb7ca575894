# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import datetime, time, timedelta

from odoo import Command, fields
from odoo.exceptions import AccessError
from odoo.tests import Form, tagged

from ..demo.crm_designer_demo import CrmDesignerDemo
from ..demo.supplier_demo import SupplierDemo
from .common import DesignerCrmCommon


@tagged("post_install", "-at_install")
class TestSupplierScorecard(DesignerCrmCommon):
    """Vendor Supply Co, t = today, by hand (promised / actual lead days from
    the order's confirmation):

    - order 0 confirmed t-400 (Lamp at 80, received t-395): older than 12
      months, left out;
    - order 1 confirmed t-100: 10 Lamps at 100 planned t-90, received t-92
      (promised 10, actual 8, on time);
    - order 2 confirmed t-60: 5 Lamps at 110 planned t-53, 2 Vases at 50
      planned t-55, received t-51 (promised 7: the latest line; actual 9, late);
    - order 3 confirmed t-20: 10 Lamps at 121 and 1 dozen Vases at 660
      (55 a Vase) planned t-16, 4 Lamps received t-17 (promised 4, actual 3,
      on time), the backorder t-14 (promised 4, actual 6, late);
    - a cancelled order at 500 a Lamp.

    3 orders, 1000 + 650 + 1870 = 3520 untaxed; 4 receipts, 2 on time: 50 %;
    promised lead 25 / 4 = 6.25 (6.3), actual 26 / 4 = 6.5, gap 0.25 (0.3);
    Lamp 100 -> 121 (+21 %), Vase 50 -> 55 (+10 %): average +15.5 %.

    Vendor Quick Co: a Lamp confirmed t-30 planned t-25, received t-26
    (promised 5, actual 4, on time)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.today = fields.Date.context_today(cls.env.user)
        cls.terms = cls.env.ref("account.account_payment_term_30days")
        cls.vendor = cls.env["res.partner"].create(
            {
                "name": "Supply Co",
                "is_company": True,
                "supplier_rank": 1,
                "property_supplier_payment_term_id": cls.terms.id,
            }
        )
        cls.vendor_contact = cls.env["res.partner"].create(
            {"name": "Supply Co Buyer", "parent_id": cls.vendor.id}
        )
        Product = cls.env["product.product"]
        cls.lamp = Product.create({"name": "Lamp", "is_storable": True})
        cls.vase = Product.create({"name": "Vase", "is_storable": True})
        dozen = cls.env.ref("uom.product_uom_dozen")
        lamp, vase = cls.lamp, cls.vase
        old = cls._order(400, [(lamp, 10, 80, 10)])
        cls._receive(old.picking_ids, 395)
        order1 = cls._order(100, [(lamp, 10, 100, 10)])
        cls._receive(order1.picking_ids, 92)
        order2 = cls._order(60, [(lamp, 5, 110, 7), (vase, 2, 50, 5)])
        cls._receive(order2.picking_ids, 51)
        order3 = cls._order(
            20, [(lamp, 10, 121, 4), (vase, 1, 660, 4, dozen)], cls.vendor_contact
        )
        cls._receive(order3.picking_ids, 17, {lamp: 4})
        cls._receive(order3.picking_ids.filtered(lambda p: p.state != "done"), 14)
        cancelled = cls._order(10, [(lamp, 1, 500, 1)])
        cancelled.button_cancel()
        cls.vendor2 = cls.env["res.partner"].create({"name": "Quick Co"})
        quick = cls._order(30, [(lamp, 1, 90, 5)], cls.vendor2)
        cls._receive(quick.picking_ids, 26)

    @classmethod
    def _day(cls, days_ago, hour=10):
        return datetime.combine(cls.today - timedelta(days_ago), time(hour))

    @classmethod
    def _order(cls, days_ago, lines, partner=None):
        """A purchase order confirmed ``days_ago``; ``lines``: (product, quantity,
        price, planned days after the confirmation[, unit])."""
        order = cls.env["purchase.order"].create(
            {
                "partner_id": (partner or cls.vendor).id,
                "order_line": [
                    Command.create(
                        {
                            "product_id": product.id,
                            "product_qty": qty,
                            "price_unit": price,
                            "product_uom": (unit[0] if unit else product.uom_po_id).id,
                            "date_planned": cls._day(days_ago - planned),
                            "taxes_id": [Command.clear()],
                        }
                    )
                    for product, qty, price, planned, *unit in lines
                ],
            }
        )
        order.button_confirm()
        order.date_approve = cls._day(days_ago, hour=9)
        return order

    @classmethod
    def _receive(cls, picking, days_ago, quantities=None):
        """Validate the receipt ``days_ago`` (a backorder of what is left when
        ``quantities`` ({product: quantity}) is partial)."""
        for move in picking.move_ids:
            move.quantity = (quantities or {}).get(
                move.product_id, move.product_uom_qty
            )
        picking.move_ids.picked = True
        picking._action_done()
        picking.date_done = cls._day(days_ago, hour=16)

    def _scorecard(self, user=None):
        return (
            self.env["crm.supplier.scorecard.report"]
            .with_user(user or self.env.user)
            .search([("partner_id", "=", self.vendor.id)])
        )

    def test_scorecard(self):
        row = self._scorecard()
        self.assertEqual(len(row), 1)
        self.assertEqual(row.company_id, self.company)
        self.assertEqual(row.payment_term_id, self.terms)
        self.assertEqual(row.order_count, 3)
        self.assertAlmostEqual(row.purchase_amount, 3520.0, places=2)
        self.assertEqual(row.receipt_count, 4)
        self.assertEqual(row.on_time_count, 2)
        self.assertEqual(row.on_time_rate, 50.0)
        self.assertEqual(row.promised_lead_days, 6.3)
        self.assertEqual(row.actual_lead_days, 6.5)
        self.assertEqual(row.lead_gap_days, 0.3)
        self.assertEqual(row.price_product_count, 2)
        self.assertEqual(row.price_change_pct, 15.5)

    def test_scorecard_group(self):
        """A group's on-time % and lead times are over its receipts: 3 of 5
        on time; promised (6.3 x 4 + 5) / 5, actual (6.5 x 4 + 4) / 5."""
        [group] = self.env["crm.supplier.scorecard.report"]._read_group(
            [("partner_id", "in", (self.vendor + self.vendor2).ids)],
            aggregates=[
                "receipt_count:sum",
                "on_time_rate:avg",
                "promised_lead_days:avg",
                "actual_lead_days:avg",
                "price_change_pct:avg",
            ],
        )
        self.assertEqual(group, (5, 60.0, 6.0, 6.0, 15.5))

    def test_price_changes(self):
        rows = self.env["crm.supplier.price.report"].search(
            [("partner_id", "=", self.vendor.id)]
        )
        self.assertEqual(
            {
                (r.product_id, r.order_count, r.first_price, r.last_price, r.change_pct)
                for r in rows
            },
            {(self.lamp, 3, 100.0, 121.0, 21.0), (self.vase, 2, 50.0, 55.0, 10.0)},
        )

    def test_dossier(self):
        """The vendor's dossier (and their contact's, through the commercial
        partner) shows the scorecard; a client has none."""
        for partner in (self.vendor, self.vendor_contact):
            self.assertEqual(
                (
                    partner.cdl_supplier_order_count,
                    partner.cdl_supplier_amount,
                    partner.cdl_supplier_receipt_count,
                    partner.cdl_supplier_on_time_rate,
                    partner.cdl_supplier_promised_lead,
                    partner.cdl_supplier_actual_lead,
                    partner.cdl_supplier_price_change,
                ),
                (3, 3520.0, 4, 50.0, 6.3, 6.5, 15.5),
            )
        self.assertEqual(self.client.cdl_supplier_order_count, 0)
        self.assertEqual(self.client.cdl_supplier_on_time_rate, 0.0)
        action = self.vendor.action_cdl_supplier_scorecard()
        self.assertEqual(
            self.env[action["res_model"]].search(action["domain"]).product_id,
            self.lamp + self.vase,
        )

    def test_access(self):
        """The Salesperson and purchase users read the scorecard, change
        nothing; an internal user without those roles reads nothing of it."""
        buyer = self._create_user("cdl_buyer", "purchase.group_purchase_user")
        for user in (self.user_sales, buyer):
            self.assertEqual(self._scorecard(user).on_time_rate, 50.0)
            self.assertEqual(
                self.vendor.with_user(user).cdl_supplier_on_time_rate, 50.0
            )
            form = Form(self.vendor.with_user(user))
            self.assertEqual(form.property_supplier_payment_term_id, self.terms)
            self.assertEqual(form.cdl_supplier_actual_lead, 6.5)
            with self.assertRaises(AccessError):
                self._scorecard(user).write({"on_time_rate": 100})
        employee = self._create_user("cdl_employee")
        for model in ("crm.supplier.scorecard.report", "crm.supplier.price.report"):
            with self.assertRaises(AccessError):
                self.env[model].with_user(employee).search([])
        with self.assertRaises(AccessError):
            self.vendor.with_user(employee).read(["cdl_supplier_on_time_rate"])

    def test_other_company(self):
        """A user of another company sees no scorecard of this one."""
        other = self.env["res.company"].create({"name": "Other Co"})
        user = self._create_user(
            "cdl_sales_other", "crm_designer_loyalty.group_designer_user"
        )
        user.write({"company_ids": [Command.set(other.ids)], "company_id": other.id})
        self.assertFalse(self._scorecard(user))


@tagged("post_install", "-at_install")
class TestSupplierDemo(DesignerCrmCommon):
    def test_demo_purchases(self):
        """5 vendors with 12 months of receipts: some late, lead times and
        prices that differ, one vendor lowering its prices."""
        env = self.env(su=True)
        CrmDesignerDemo(env)._demo_products()
        orders = SupplierDemo(env).load()
        vendors = orders.partner_id
        self.assertEqual(len(vendors), 5)
        rows = env["crm.supplier.scorecard.report"].search(
            [("partner_id", "in", vendors.ids)]
        )
        self.assertEqual(rows.partner_id, vendors)
        self.assertTrue(all(rows.mapped("receipt_count")))
        self.assertTrue(all(rows.mapped("payment_term_id")))
        self.assertEqual(len(set(rows.mapped("promised_lead_days"))), 5)
        self.assertTrue(any(rate < 100 for rate in rows.mapped("on_time_rate")))
        self.assertTrue(any(gap > 0 for gap in rows.mapped("lead_gap_days")))
        changes = rows.mapped("price_change_pct")
        self.assertTrue(any(c > 0 for c in changes) and any(c < 0 for c in changes))
        self.assertTrue(any(order.picking_ids.backorder_id for order in orders))
