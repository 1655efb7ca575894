# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date, timedelta

from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import DesignerCrmCommon


@tagged("post_install", "-at_install")
class TestDemoData(DesignerCrmCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Demo = cls.env["crm.designer.demo"].sudo()
        cls.today = date(2026, 6, 15)
        cls.data = cls._generate(seed=10)

    @classmethod
    def _generate(cls, seed):
        return cls.Demo.generate(
            designers=3, clients=12, months=6, seed=seed, today=cls.today
        )

    def _fingerprint(self, data):
        """What must not change between two runs with the same seed."""
        return (
            data["designers"].mapped("name"),
            data["clients"].mapped("name"),
            data["clients"].mapped("designer_id.name"),
            data["contacts"].mapped("name"),
            [
                (o.date_order, o.partner_id.name, o.amount_untaxed)
                for o in data["orders"]
            ],
            data["invoices"].mapped("amount_total"),
            data["refunds"].mapped("amount_total"),
            data["payments"].mapped("amount"),
        )

    def test_counts(self):
        data = self.data
        counts = {kind: len(records) for kind, records in data.items()}
        self.assertEqual(
            counts,
            {
                "products": 10,
                "users": 4,
                "teams": 2,
                "designers": 3,
                "clients": 12,
                "contacts": 9,
                "orders": 14,
                "invoices": 14,
                "refunds": 1,
                "payments": 9,
            },
        )
        self.assertEqual(set(data["designers"].mapped("is_designer")), {True})
        self.assertEqual(len(data["clients"].filtered("designer_id")), 7)
        self.assertEqual(len(data["contacts"].parent_id), 6)
        self.assertEqual(data["contacts"].parent_id.mapped("is_company"), [True] * 6)
        self.assertEqual(set(data["clients"].mapped("is_company")), {True, False})
        self.assertAlmostEqual(sum(data["invoices"].mapped("amount_untaxed")), 39873.85)

    def test_products_and_salespeople(self):
        products = self.data["products"]
        self.assertEqual(
            set(products.categ_id.mapped("name")), {"Furniture", "Finishes", "Lighting"}
        )
        self.assertEqual(set(products.categ_id.parent_id.mapped("name")), {"Interior"})
        self.assertTrue(all(0 < p.standard_price < p.list_price for p in products))
        for user in self.data["users"]:
            self.assertTrue(user.has_group("crm_designer_loyalty.group_designer_user"))
        self.assertEqual(self.data["teams"].member_ids, self.data["users"])

    def test_orders_invoices_and_dates(self):
        orders, invoices = self.data["orders"], self.data["invoices"]
        self.assertEqual(set(orders.mapped("state")), {"sale"})
        self.assertEqual(set(orders.mapped("invoice_status")), {"invoiced"})
        self.assertEqual(set(invoices.mapped("state")), {"posted"})
        self.assertEqual(set(invoices.mapped("move_type")), {"out_invoice"})
        dates = [d.date() for d in orders.mapped("date_order")]
        self.assertLessEqual(max(dates), self.today)
        self.assertGreaterEqual(min(dates), date(2026, 1, 1))
        for invoice in invoices:
            order = invoice.invoice_line_ids.sale_line_ids.order_id
            self.assertEqual(invoice.amount_untaxed, order.amount_untaxed)
            self.assertGreaterEqual(invoice.invoice_date, order.date_order.date())
            self.assertLessEqual(invoice.invoice_date, self.today)

    def test_invoices_carry_designers(self):
        for invoice in self.data["invoices"]:
            client = invoice.partner_id.commercial_partner_id
            order = invoice.invoice_line_ids.sale_line_ids.order_id
            self.assertEqual(invoice.designer_id, client.designer_id)
            self.assertEqual(order.designer_id, client.designer_id)
        self.assertEqual(len(self.data["invoices"].filtered("designer_id")), 10)
        refund = self.data["refunds"]
        self.assertEqual(refund.move_type, "out_refund")
        self.assertEqual(refund.state, "posted")
        self.assertEqual(refund.designer_id, refund.reversed_entry_id.designer_id)
        # The credit note is matched with the (unpaid) invoice it corrects.
        self.assertEqual(refund.payment_state, "paid")
        self.assertEqual(refund.reversed_entry_id.payment_state, "partial")

    def test_payments(self):
        cutoff = self.today - timedelta(30)
        paid = self.data["invoices"].filtered(lambda i: i.payment_state == "paid")
        self.assertEqual(paid, self.data["payments"].invoice_ids)
        self.assertTrue(all(i.invoice_date < cutoff for i in paid))
        for payment in self.data["payments"]:
            self.assertEqual(payment.amount, payment.invoice_ids.amount_total)
            self.assertGreaterEqual(payment.date, payment.invoice_ids.invoice_date)

    def test_admin_only(self):
        with self.assertRaisesRegex(AccessError, "Only an administrator"):
            self.env["crm.designer.demo"].with_user(self.user_manager).generate(1, 1, 1)

    def test_same_seed_same_data(self):
        self.assertEqual(
            self._fingerprint(self._generate(seed=10)), self._fingerprint(self.data)
        )
        self.assertNotEqual(
            self._fingerprint(self._generate(seed=11)), self._fingerprint(self.data)
        )

    def test_segmentation_history(self):
        run = self.Demo.segmentation_history(months=2, today=self.today)
        runs = (
            self.env["crm.segmentation.run"]
            .sudo()
            .search([("company_id", "=", self.company.id)], order="date")
        )
        self.assertEqual(
            runs.mapped("date"), [date(2026, 4, 1), date(2026, 5, 1), self.today]
        )
        self.assertEqual(set(runs.mapped("state")), {"done"})
        self.assertEqual(run, runs[-1])
        # every demo client who bought in the window is classed on the last run
        buyers = (
            self.data["invoices"]
            .filtered(lambda m: m.invoice_date < date(2026, 6, 1))
            .commercial_partner_id
        )
        snapshots = (
            self.env["res.partner.segment.snapshot"]
            .sudo()
            .search([("date", "=", self.today), ("partner_id", "in", buyers.ids)])
        )
        self.assertEqual(snapshots.partner_id, buyers)
        self.assertEqual(run.count_a + run.count_b + run.count_c, run.partner_count)
