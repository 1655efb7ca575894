# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date

from odoo.tests import tagged

from ..demo.crm_designer_demo import CrmDesignerDemo
from ..demo.registers_demo import RegistersDemo
from .common import DesignerCrmCommon


@tagged("post_install", "-at_install")
class TestRegistersDemo(DesignerCrmCommon):
    def test_every_register_filled(self):
        env = self.env(su=True)
        CrmDesignerDemo(env).generate(
            designers=3, clients=30, months=12, seed=5, today=date(2026, 6, 15)
        )
        demo = RegistersDemo(env)
        data = demo.load()
        self.assertEqual(len(data["claims"]), min(60, len(demo.invoices)))
        self.assertTrue(all(data["claims"].mapped("type_id")))
        self.assertTrue(all(data["claims"].mapped("date_deadline")))
        self.assertGreater(len(set(data["claims"].mapped("demand"))), 1)
        self.assertEqual(len(data["competitors"]), 5)
        self.assertEqual(len(data["competitors"].outlet_ids), 6)
        self.assertEqual(
            set(data["competitors"].outlet_ids.mapped("city")), {"Nizhny Novgorod"}
        )
        clients = data["competitor_deals"].partner_id
        self.assertLess(len(clients), len(demo.clients))
        self.assertTrue(data["competitor_activity"])
        # 20 leading products: the 10 sold, by revenue, then the new collection
        prices = data["competitor_prices"]
        sold = demo.invoices.invoice_line_ids.product_id
        self.assertEqual(len(sold), 10)
        self.assertEqual(len(prices.product_id), 20)
        self.assertEqual(len(prices), 20 * 2 * 8)
        self.assertEqual(prices.product_id & sold, sold)
        new = (prices.product_id - sold).with_context(lang="ru_RU")
        self.assertEqual(
            new.sorted("id")[:2].mapped("name"),
            ["Кровать Верона 160x200", "Комод Осло"],
        )
        self.assertEqual(
            new.sorted("id")[:2].with_context(lang="en_US").mapped("name"),
            ["Bed Verona 160x200", "Chest of Drawers Oslo"],
        )
        self.assertEqual(len(data["factors"]), 4)
        self.assertEqual(len(data["factors"].value_ids), 3 * 36)
        self.assertEqual(len(data["events"]), 36)
