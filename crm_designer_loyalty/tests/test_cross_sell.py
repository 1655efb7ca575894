# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import re

from odoo import Command
from odoo.exceptions import ValidationError
from odoo.tests import tagged

from ..analytics import marketing
from .common import DesignerCrmCommon


@tagged("post_install", "-at_install")
class TestCrossSell(DesignerCrmCommon):
    """Issue 16: category co-occurrence computed by hand, in a company of its
    own (no other order counts).

    Baskets: P1 {F, L}, P2 {F, L}, P3 {F, T}, P4 {L}, P5 {T}, K {F}: 6 orders,
    F in 4, L in 3, T in 2, F and L together in 2, F and T in 1. For K (bought
    F): L has support 2/6, confidence 2/4, lift (2/4) / (3/6) = 1; T support
    1/6, confidence 1/4, lift (1/4) / (2/6) = 0.75."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.shop = cls.env["res.company"].create({"name": "Cross-Sell Shop"})
        cls.env.user.company_ids |= cls.shop
        Category = cls.env["product.category"]
        cls.f, cls.l, cls.t = Category.create(
            [{"name": name} for name in ("Furniture", "Lighting", "Textiles")]
        )
        cls.products = {
            categ: cls._create_product(name=f"{categ.name} item", categ_id=categ.id)
            for categ in (cls.f, cls.l, cls.t)
        }
        Partner = cls.env["res.partner"]
        cls.k = Partner.create({"name": "K"})
        baskets = [
            ("P1", (cls.f, cls.l)),
            ("P2", (cls.f, cls.l)),
            ("P3", (cls.f, cls.t)),
            ("P4", (cls.l,)),
            ("P5", (cls.t,)),
        ]
        orders = cls.env["sale.order"]
        for name, categs in [*baskets, ("K", (cls.f,))]:
            partner = cls.k if name == "K" else Partner.create({"name": name})
            orders |= (
                cls.env["sale.order"]
                .with_company(cls.shop)
                .create(
                    {
                        "partner_id": partner.id,
                        "company_id": cls.shop.id,
                        "order_line": [
                            Command.create(
                                {"product_id": cls.products[categ].id, "tax_id": False}
                            )
                            for categ in categs
                        ],
                    }
                )
            )
        orders.write({"state": "sale"})
        # a quotation counts for nothing
        cls.env["sale.order"].with_company(cls.shop).create(
            {
                "partner_id": cls.k.id,
                "company_id": cls.shop.id,
                "order_line": [Command.create({"product_id": cls.products[cls.l].id})],
            }
        )

    def _rules(self, min_support):
        self.env.flush_all()
        return [
            (categ, round(support, 4), round(confidence, 4), round(lift, 4))
            for _partner, categ, _x, support, confidence, lift in marketing.cross_sell(
                self.env.cr, self.shop.id, self.k.ids, min_support
            )
        ]

    def test_01_support_and_lift(self):
        self.assertEqual(
            self._rules(0.10),
            [(self.l.id, 0.3333, 0.5, 1.0), (self.t.id, 0.1667, 0.25, 0.75)],
        )
        # minimum support 20 %: T (1/6) left out
        self.assertEqual(self._rules(0.20), [(self.l.id, 0.3333, 0.5, 1.0)])

    def test_02_partner_suggestions_and_accessories(self):
        self.env.user.groups_id |= self.env.ref(
            "crm_designer_loyalty.group_designer_manager"
        )
        self.shop.cdl_cross_sell_min_support = 20
        lamp = self.products[self.l].product_tmpl_id
        sofa = self.products[self.f].product_tmpl_id
        sofa.optional_product_ids = lamp
        self.env["res.partner.equipment"].create(
            {"partner_id": self.k.id, "product_id": self.products[self.f].id}
        )
        html = str(self.k.with_company(self.shop).cdl_cross_sell_html)
        self.assertIn("Lighting", html)
        self.assertNotIn("Textiles", html)
        self.assertIn("33.3 %", html)
        self.assertIn("Lighting item", html)  # accessory of the sofa
        with self.assertRaisesRegex(ValidationError, "between 0 and 100"):
            self.shop.cdl_cross_sell_min_support = 150

    def test_03_personalised_offer(self):
        """The offer lists the client's suggestions by decreasing lift and the
        accessories of its equipment, in the client's language; the Cross-Sell
        tab's button sends it through the composer."""
        self.env.user.groups_id |= self.env.ref(
            "crm_designer_loyalty.group_designer_manager"
        )
        self._load_russian()
        self.shop.cdl_cross_sell_min_support = 10
        lamp = self.products[self.l].product_tmpl_id
        self.products[self.f].product_tmpl_id.optional_product_ids = lamp
        self.env["res.partner.equipment"].create(
            {"partner_id": self.k.id, "product_id": self.products[self.f].id}
        )
        self.k.email = "k@example.com"
        k = self.k.with_company(self.shop)
        self.assertEqual(k.cdl_offer_category_ids.ids, [self.l.id, self.t.id])
        self.assertEqual(k.cdl_offer_accessory_ids, lamp)

        def send(lang):
            self.k.lang = lang
            action = k.action_cdl_send_offer()
            self.env["mail.compose.message"].with_company(self.shop).with_context(
                **action["context"]
            ).create({})._action_send_mail()
            return self.k.message_ids[0]

        english = send("en_US")
        self.assertEqual(
            english.subject, f"A selection for you from {self.env.company.name}"
        )
        self.assertEqual(english.partner_ids, self.k)
        items = re.findall(r"<li>(.*?)</li>", str(english.body))
        self.assertEqual(items, ["Lighting", "Textiles", "Lighting item"])
        self.assertIn("Clients who chose what you chose", str(english.body))
        russian = send("ru_RU")
        self.assertEqual(
            russian.subject, f"Подборка для вас от {self.env.company.name}"
        )
        self.assertIn("Клиенты, которые выбрали то же, что и вы", str(russian.body))
        self.assertEqual(
            re.findall(r"<li>(.*?)</li>", str(russian.body)),
            ["Lighting", "Textiles", "Lighting item"],
        )
