# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date, timedelta

from odoo.exceptions import AccessError
from odoo.tests import tagged

from ..demo.crm_designer_demo import CrmDesignerDemo
from .common import DesignerCrmCommon


@tagged("post_install", "-at_install")
class TestDemoData(DesignerCrmCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Demo = CrmDesignerDemo(cls.env(su=True))
        cls.today = date(2026, 6, 15)
        cls.data = cls._generate(seed=11)

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
            data["designers"].mapped("designer_studio"),
            data["significant_dates"].mapped("date"),
            data["equipment"].mapped("product_id.name"),
            data["documents"].mapped("name"),
            data["attribute_values"].mapped("value_display"),
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
                "contacts": 5,
                "orders": 15,
                "invoices": 15,
                "refunds": 1,
                "payments": 9,
                "regular_clients": 1,
                "styles": 6,
                "significant_dates": 9,
                "equipment": 3,
                "document_types": 5,
                "documents": 2,
                "attributes": 2,
                "attribute_values": 8,
            },
        )
        self.assertEqual(set(data["designers"].mapped("is_designer")), {True})
        self.assertEqual(len(data["clients"].filtered("designer_id")), 10)
        self.assertEqual(len(data["contacts"].parent_id), 3)
        self.assertEqual(data["contacts"].parent_id.mapped("is_company"), [True] * 3)
        self.assertEqual(set(data["clients"].mapped("is_company")), {True, False})
        self.assertAlmostEqual(
            sum(data["invoices"].mapped("amount_untaxed")), 6347830.0
        )

    def test_dossier(self):
        data = self.data
        designers, clients = data["designers"], data["clients"]
        self.assertEqual(
            data["styles"].mapped("name"),
            ["Art Deco", "Classic", "Loft", "Minimalism", "Provence", "Scandinavian"],
        )
        for designer in designers:
            self.assertTrue(designer.designer_studio)
            self.assertTrue(designer.designer_specialization)
            self.assertTrue(designer.designer_portfolio_url.startswith("https://"))
            self.assertLess(designer.designer_since, self.today)
            self.assertTrue(designer.design_style_ids <= data["styles"])
            self.assertTrue(designer.design_style_ids)
            self.assertEqual(
                sorted(designer.significant_date_ids.mapped("date_type")),
                ["birthday", "professional_holiday"],
            )
        dates = data["significant_dates"]
        self.assertEqual(
            sorted(
                set(
                    dates.filtered(lambda d: d.partner_id in clients).mapped(
                        "date_type"
                    )
                )
            ),
            ["birthday", "company_anniversary"],
        )
        # Birthdays and foundation dates without an English description: their
        # type names them in the reader's language (the dossier PDF in Russian)
        yearly = dates.filtered(lambda d: d.date_type != "professional_holiday")
        self.assertFalse(any(yearly.mapped("name")))
        self._load_russian()
        birthday = yearly.filtered(lambda d: d.date_type == "birthday")[0]
        self.assertEqual(
            birthday.with_context(lang="ru_RU").display_name,
            f"{birthday.partner_id.name}: День рождения",
        )
        # A designer's birthday, a client's birthday and a company anniversary
        # come within the next week (for the reminder cron).
        soon = dates.filtered(
            lambda d: 0 < (d.date.replace(year=self.today.year) - self.today).days <= 7
        )
        self.assertEqual(len(soon), 3)
        for equipment in data["equipment"]:
            sold = self.env["sale.order.line"].search(
                [
                    ("order_id", "in", data["orders"].ids),
                    (
                        "order_partner_id.commercial_partner_id",
                        "=",
                        equipment.partner_id.id,
                    ),
                ]
            )
            self.assertIn(equipment.product_id, sold.product_id)
            self.assertLessEqual(equipment.install_date, self.today)
        self.assertEqual(data["equipment"].partner_id <= clients, True)
        self.assertEqual(
            data["document_types"].mapped("name"),
            ["Contract", "Commercial Offer", "Design Project", "Photo", "Certificate"],
        )
        self.assertTrue(data["documents"].type_id <= data["document_types"])
        self.assertEqual(len(data["documents"].partner_id), 1)
        area, channel = data["attributes"]
        self.assertEqual(area.attribute_type, "number")
        self.assertEqual(
            channel.option_ids.mapped("name"),
            ["Phone", "WhatsApp", "Telegram", "E-mail"],
        )
        # Russian names with their English translations (they were English only)
        russian = data["attributes"].with_context(lang="ru_RU")
        self.assertEqual(
            russian.mapped("name"),
            ["Площадь квартиры, м²", "Предпочтительный канал связи"],
        )
        self.assertEqual(
            russian[1].option_ids.mapped("name"),
            ["Телефон", "WhatsApp", "Telegram", "Эл. почта"],
        )
        values = data["attribute_values"]
        self.assertEqual(len(values.filtered(lambda v: v.attribute_id == area)), 3)
        self.assertEqual(values.attribute_id, data["attributes"])
        noted = data["contacts"].filtered("character_notes")
        self.assertEqual(len(noted), 2)
        self.assertEqual(noted, data["contacts"].filtered("preference_notes"))

    def test_regular_buyers_classed_x_and_y(self):
        """Over a year and more, the regular buyers are classed X (5% amount
        variation) and Y (20%) by the default segmentation."""
        data = self.Demo.generate(
            designers=2, clients=20, months=13, seed=3, today=self.today
        )
        regular = data["regular_clients"]
        self.assertEqual(regular, data["clients"][9] + data["clients"][19])
        self.assertEqual(
            len(data["orders"].filtered(lambda o: o.partner_id in regular)), 26
        )
        run = self.Demo.segmentation_history(months=0, today=self.today)
        snapshots = (
            self.env["res.partner.segment.snapshot"]
            .sudo()
            .search(
                [
                    ("company_id", "=", run.company_id.id),
                    ("date", "=", run.date),
                    ("partner_id", "in", regular.ids),
                ]
            )
        )
        self.assertEqual(
            snapshots.sorted(lambda s: s.partner_id.id).mapped("xyz_class"), ["X", "Y"]
        )
        self.assertGreaterEqual(run.count_x, 1)
        self.assertGreaterEqual(run.count_y, 1)

    def test_statement_history(self):
        self.env.user.groups_id += self.env.ref(
            "crm_designer_loyalty.group_designer_config"
        )
        self.env["designer.loyalty.tier"].create(
            {"name": "Base", "threshold": 0, "rate": 5}
        )
        self.company.write(
            {
                "loyalty_min_payout": 100,
                "loyalty_payout_product_id": self._create_product(
                    name="Payout", type="service"
                ).id,
            }
        )
        Reward = self.env["designer.reward"]
        Reward._cron_accrue()
        statements = self.Demo.statement_history(months=3, today=self.today)
        last = statements.filtered(lambda s: s.date_from == date(2026, 5, 1))
        self.assertEqual(set(last.mapped("state")), {"draft"})
        older = statements - last
        self.assertEqual(
            set(older.mapped("date_from")), {date(2026, 3, 1), date(2026, 4, 1)}
        )
        paid = older.filtered(lambda s: s.state == "paid")
        self.assertEqual(older - paid, older.filtered(lambda s: s.state == "carried"))
        self.assertTrue(paid)
        for statement in paid:
            self.assertGreaterEqual(statement.amount_total, 100)
            self.assertEqual(statement.move_id.state, "posted")
            self.assertEqual(statement.move_id.amount_total, statement.amount_total)
        for statement in older - paid:
            self.assertLess(statement.amount_total, 100)
        # every entry up to the end of May is on exactly one statement
        entries = Reward.search([("date", "<=", date(2026, 5, 31))])
        self.assertEqual(statements.reward_ids, entries)
        self.assertAlmostEqual(
            sum(statements.mapped("amount_rewards"))
            + sum(statements.mapped("amount_clawback")),
            sum(entries.mapped("amount")),
        )

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
        self.assertEqual(len(self.data["invoices"].filtered("designer_id")), 13)
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
            CrmDesignerDemo(self.env(user=self.user_manager, su=False)).generate(
                1, 1, 1
            )

    def test_same_seed_same_data(self):
        self.assertEqual(
            self._fingerprint(self._generate(seed=11)), self._fingerprint(self.data)
        )
        self.assertNotEqual(
            self._fingerprint(self._generate(seed=15)), self._fingerprint(self.data)
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

    def test_roubles_and_nizhny_novgorod(self):
        """Orders of 50 000 to 3 000 000 roubles; every partner has an address
        in Nizhny Novgorod Oblast (street, town, postcode of the town)."""
        amounts = self.data["orders"].mapped("amount_untaxed")
        self.assertGreaterEqual(min(amounts), 50000)
        self.assertLessEqual(max(amounts), 3000000)
        partners = self.data["designers"] + self.data["clients"] + self.data["contacts"]
        self.assertEqual(partners.state_id, self.env.ref("base.state_ru_niz"))
        self.assertEqual(partners.country_id, self.env.ref("base.ru"))
        towns = {"Nizhny Novgorod": "603", "Dzerzhinsk": "606", "Bor": "606"}
        towns |= {"Kstovo": "607", "Arzamas": "607", "Balakhna": "606"}
        for partner in partners:
            self.assertTrue(partner.street, partner.name)
            self.assertRegex(partner.zip, r"^\d{6}$")
            self.assertEqual(partner.zip[:3], towns[partner.city], partner.name)
