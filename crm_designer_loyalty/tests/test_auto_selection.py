# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date

from odoo.exceptions import ValidationError
from odoo.tests import tagged

from .common import DesignerCrmCommon


@tagged("post_install", "-at_install")
class TestAutoSelection(DesignerCrmCommon):
    """Issue 16: the auto-selection wizard on a hand-built set of invoices."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Category = cls.env["product.category"]
        furniture = Category.create({"name": "Furniture"})
        cls.furniture = furniture
        sofas = Category.create({"name": "Sofas", "parent_id": furniture.id})
        lighting = Category.create({"name": "Lighting"})
        cls.sofa = cls._create_product(name="Sofa", categ_id=sofas.id)
        cls.lamp = cls._create_product(name="Lamp", categ_id=lighting.id)
        Partner = cls.env["res.partner"]
        cls.a, cls.b, cls.c, cls.d = Partner.create(
            [{"name": name} for name in ("A", "B", "C", "D")]
        )
        cls._invoice(
            cls.a, 900, date(2026, 3, 1), product=cls.sofa, designer_id=cls.designer.id
        )
        cls._invoice(cls.b, 50, date(2026, 3, 2), product=cls.lamp)
        cls._invoice(cls.c, 900, date(2025, 12, 31), product=cls.sofa)  # before
        refunded = cls._invoice(
            cls.d, 900, date(2026, 3, 3), product=cls.sofa, designer_id=cls.designer2.id
        )
        cls._invoice(
            cls.d,
            900,
            date(2026, 3, 4),
            move_type="out_refund",
            product=cls.sofa,
            designer_id=cls.designer2.id,
            reversed_entry_id=refunded.id,
        )

    def _select(self, **values):
        wizard = (
            self.env["res.partner.auto.selection"]
            .with_user(self.user_sales)
            .create({"date_from": "2026-01-01", "date_to": "2026-06-30", **values})
        )
        action = wizard.action_select()
        return self.env[action["res_model"]].search(action["domain"])

    def test_01_buyers_sellers_products(self):
        self.assertEqual(
            self._select(mode="buyers", categ_ids=self.furniture.ids), self.a
        )
        self.assertEqual(self._select(mode="buyers", product_ids=self.lamp.ids), self.b)
        self.assertEqual(
            self._select(
                mode="buyers",
                product_ids=self.lamp.ids,
                categ_ids=self.furniture.ids,
            ),
            self.a | self.b,
        )
        # D's designer sold nothing net of the credit note
        self.assertEqual(
            self._select(mode="sellers", categ_ids=self.furniture.ids), self.designer
        )
        self.assertEqual(
            self._select(mode="products", partner_ids=(self.a | self.b | self.d).ids),
            self.sofa | self.lamp,
        )
        self.assertEqual(
            self._select(mode="products", partner_ids=(self.c | self.d).ids),
            self.env["product.product"],
        )

    def test_02_bad_input(self):
        with self.assertRaisesRegex(ValidationError, "starts .* after it ends"):
            self._select(mode="buyers", date_from="2026-07-01")
        with self.assertRaisesRegex(ValidationError, "YYYY-MM-DD"):
            self._select(mode="buyers", date_to="2026-02-30")
        with self.assertRaisesRegex(ValidationError, "Choose the clients"):
            self._select(mode="products")
