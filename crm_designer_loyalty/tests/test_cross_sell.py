# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import re

from odoo import Command
from odoo.exceptions import AccessError, ValidationError
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
        cls.Rule = cls.env["crm.cross.sell.rule"].sudo()
        cls.Rule._refresh(cls.shop)

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

    def _stored(self):
        return {
            (rule.antecedent_id, rule.consequent_id): (
                rule.order_count,
                round(rule.support, 4),
                round(rule.confidence, 4),
                round(rule.lift, 4),
            )
            for rule in self.Rule.search([("company_id", "=", self.shop.id)])
        }

    def test_04_stored_rules_and_refresh(self):
        """The nightly pass stores every pair of categories bought together;
        a new order counts once the rules are recomputed, which replaces them
        (the other companies' rules stay)."""
        f, l, t = self.f, self.l, self.t
        self.assertEqual(
            self._stored(),
            {
                (f, l): (2, 0.3333, 0.5, 1.0),
                (l, f): (2, 0.3333, 0.6667, 1.0),
                (f, t): (1, 0.1667, 0.25, 0.75),
                (t, f): (1, 0.1667, 0.5, 0.75),
            },
        )
        other = self.Rule.search([("company_id", "!=", self.shop.id)])
        order = (
            self.env["sale.order"]
            .with_company(self.shop)
            .create(
                {
                    "partner_id": self.k.id,
                    "company_id": self.shop.id,
                    "order_line": [
                        Command.create({"product_id": self.products[c].id})
                        for c in (l, t)
                    ],
                }
            )
        )
        order.write({"state": "sale"})
        self.assertEqual(len(self._stored()), 4)  # not recomputed yet
        self.Rule.with_company(self.shop)._cron_refresh()
        # 7 orders: L in 4, T in 3; L and T together once, F and L twice
        stored = self._stored()
        self.assertEqual(len(stored), 6)
        self.assertEqual(stored[(l, t)], (1, 0.1429, 0.25, 0.5833))
        self.assertEqual(stored[(f, l)], (2, 0.2857, 0.5, 0.875))
        self.assertEqual(self.Rule.search([("company_id", "!=", self.shop.id)]), other)
        # K now owns L and T: nothing left to suggest from F, L or T
        self.assertEqual(self._rules(0), [])

    def test_05_rules_read_only(self):
        """Salespeople read the rules; nobody writes them through the API;
        only a Sales Manager recomputes them."""
        salesperson = self._create_user(
            "cross_sell_sales", "crm_designer_loyalty.group_designer_user"
        )
        salesperson.company_ids |= self.shop
        rules = self.Rule.with_user(salesperson).with_company(self.shop)
        self.assertEqual(len(rules.search([])), 4)
        rule = rules.search([], limit=1)
        with self.assertRaises(AccessError):
            rule.write({"lift": 99})
        with self.assertRaises(AccessError):
            rules.create(
                {
                    "company_id": self.shop.id,
                    "antecedent_id": self.t.id,
                    "consequent_id": self.l.id,
                }
            )
        with self.assertRaises(AccessError):
            rule.unlink()
        with self.assertRaisesRegex(AccessError, "Only a Sales Manager"):
            rules.action_refresh()
        salesperson.groups_id |= self.env.ref(
            "crm_designer_loyalty.group_designer_manager"
        )
        self.assertEqual(rules.action_refresh()["tag"], "soft_reload")
        self.assertEqual(len(self._stored()), 4)
