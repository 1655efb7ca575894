# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date

from lxml import etree

from odoo.exceptions import AccessError
from odoo.tests import new_test_user, tagged

from .loyalty_common import LoyaltyCommon


@tagged("post_install", "-at_install")
class TestLoyaltyAccess(LoyaltyCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._paid_invoice(100_000, date(2026, 3, 10))
        cls._paid_invoice(
            50_000, date(2026, 3, 11), designer=cls.designer2, partner=cls.client_other
        )
        cls.statements = cls.env["designer.reward.statement"]._generate(
            date(2026, 3, 1)
        )

    def test_salesperson_reads_own_designers_only(self):
        Reward = self.Reward.with_user(self.user_sales)
        self.assertEqual(Reward.search([]).designer_id, self.designer)
        self.assertEqual(Reward.search([]).amount, 5_000.0)
        other = self._rewards(self.designer2).with_user(self.user_sales)
        with self.assertRaises(AccessError):
            other.read(["amount"])
        Statement = self.Statement.with_user(self.user_sales)
        self.assertEqual(Statement.search([]).designer_id, self.designer)
        with self.assertRaises(AccessError):
            self.statements.filtered(
                lambda s: s.designer_id == self.designer2
            ).with_user(self.user_sales).read(["amount_total"])

    def test_salesperson_cannot_run_the_program(self):
        own = self.statements.filtered(lambda s: s.designer_id == self.designer)
        with self.assertRaises(AccessError):
            own.with_user(self.user_sales).action_confirm()
        with self.assertRaises(AccessError):
            self.env["designer.loyalty.tier"].with_user(self.user_sales).create(
                {"name": "Platinum", "threshold": 9_000_000, "rate": 12}
            )
        with self.assertRaises(AccessError):
            self.tier_base.with_user(self.user_sales).rate = 50
        with self.assertRaises(AccessError):
            self.designer.with_user(self.user_sales).action_loyalty_review()
        with self.assertRaises(AccessError):
            self.env["designer.reward.statement.generate"].with_user(
                self.user_sales
            ).create({"month": date(2026, 3, 1)})

    def test_loyalty_manager_runs_the_program(self):
        statements = self.statements.with_user(self.user_loyalty)
        statements.action_confirm()
        self.assertEqual(set(statements.mapped("state")), {"confirmed"})
        statements.action_pay()
        self.assertEqual(
            sorted(statements.mapped("move_id.amount_total")), [2_500.0, 5_000.0]
        )
        self.assertEqual(len(self.Reward.with_user(self.user_loyalty).search([])), 2)
        with self.assertRaises(AccessError):
            self._rewards().with_user(self.user_loyalty).unlink()
        with self.assertRaises(AccessError):
            self.env["designer.abc.pricelist"].with_user(self.user_loyalty).create(
                {
                    "abc_class": "A",
                    "pricelist_id": self.designer.property_product_pricelist.id,
                }
            )
        tier = (
            self.env["designer.loyalty.tier"]
            .with_user(self.user_loyalty)
            .create({"name": "Platinum", "threshold": 9_000_000, "rate": 12})
        )
        self.assertEqual(tier.company_id, self.company)

    def test_vendor_bill_button_for_invoicing_users_only(self):
        """The Vendor Bill smart button opens an accounting document: only
        invoicing users see it; others see the bill reference, not a link."""
        statement = self.statements.filtered(lambda s: s.designer_id == self.designer)
        statement.action_confirm()
        statement.action_pay()
        accountant = new_test_user(
            self.env,
            "cdl_loyalty_accountant",
            groups="base.group_user,account.group_account_invoice,"
            "crm_designer_loyalty.group_loyalty_manager",
            company_id=self.company.id,
            company_ids=self.company.ids,
        )

        def form(user):
            arch = self.Statement.with_user(user).get_view(view_type="form")["arch"]
            return etree.fromstring(arch)

        loyalty_form = form(self.user_loyalty)
        self.assertFalse(loyalty_form.xpath("//button[@name='action_view_bill']"))
        self.assertEqual(
            loyalty_form.xpath("//field[@name='move_id']/@options"),
            ["{'no_open': True}"],
        )
        self.assertEqual(
            len(form(accountant).xpath("//button[@name='action_view_bill']")), 1
        )
        action = statement.with_user(accountant).action_view_bill()
        bill = (
            self.env[action["res_model"]].with_user(accountant).browse(action["res_id"])
        )
        self.assertEqual((bill.partner_id, bill.amount_total), (self.designer, 5_000.0))

    def test_partner_form_without_designer_groups(self):
        """Users outside the designer groups still open partner forms: the
        loyalty fields are stripped from their views."""
        accountant = new_test_user(
            self.env,
            "cdl_accountant",
            groups="base.group_user,account.group_account_invoice",
            company_id=self.company.id,
            company_ids=self.company.ids,
        )
        Partner = self.env["res.partner"].with_user(accountant)
        views = Partner.get_views([(False, "form"), (False, "kanban")])["views"]
        self.assertNotIn("loyalty_", views["form"]["arch"])
        self.assertNotIn("loyalty_", views["kanban"]["arch"])
        sales_views = Partner.with_user(self.user_sales).get_views([(False, "form")])
        self.assertIn("loyalty_progress", sales_views["views"]["form"]["arch"])
        self.assertEqual(
            self.designer.with_user(self.user_sales).loyalty_unpaid_amount, 5_000.0
        )
