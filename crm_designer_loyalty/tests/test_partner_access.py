# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date

from lxml import etree

from odoo.exceptions import AccessError
from odoo.tests import new_test_user, tagged

from .dossier_common import DossierCommon
from .loyalty_common import LoyaltyCommon

# what a client can put in the context of an RPC call or an import
CLIENT_CONTEXT = {"designer_reward_system": True, "cdl_no_commit": True}


@tagged("post_install", "-at_install")
class TestPartnerAccess(LoyaltyCommon, DossierCommon):
    """Issue 12, items 8 to 11: partners, their loyalty figures and the reward
    ledger through the API (write, create, load, read, export), as the role
    that tried it."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.team_mate = new_test_user(
            cls.env,
            "cdl_team_mate",
            groups="base.group_user,crm_designer_loyalty.group_designer_user",
            company_id=cls.company.id,
            company_ids=cls.company.ids,
        )
        cls.team.member_ids += cls.team_mate
        export = cls.env.ref("base.group_allow_export")
        export.users += cls.user_sales | cls.user_loyalty
        cls.employee = new_test_user(
            cls.env,
            "cdl_employee",
            groups="base.group_user",
            company_id=cls.company.id,
            company_ids=cls.company.ids,
        )
        # both designers reviewed: Gold for Anna (user_sales), Silver for Boris
        # (user_sales2)
        for designer, tier, sales in (
            (cls.designer, cls.tier_gold, 3_200_000.0),
            (cls.designer2, cls.tier_silver, 1_500_000.0),
        ):
            designer.sudo().write(
                {
                    "loyalty_tier_id": tier.id,
                    "loyalty_rolling_sales": sales,
                    "loyalty_review_date": date(2026, 3, 1),
                }
            )

    def _figures(self, designer):
        return designer.sudo().read(
            ["loyalty_tier_id", "loyalty_rolling_sales", "loyalty_review_date"],
            load=None,
        )

    # --- item 8: the salesperson of a partner --------------------------------

    def test_salesperson_cannot_take_another_teams_partner(self):
        """Item 8: writing oneself (or one's team) on another team's client or
        designer is refused; the ledger, statements and dossier stay theirs."""
        for partner in (self.client_other, self.designer2):
            for vals in ({"user_id": self.user_sales.id}, {"team_id": self.team.id}):
                with self.subTest(partner=partner.name, vals=vals):
                    with self.assertRefused(
                        AccessError,
                        f"{partner.name} is followed by cdl_sales2.*only a Sales "
                        "Manager",
                    ):
                        partner.with_user(self.user_sales).with_context(
                            **CLIENT_CONTEXT
                        ).write(vals)
                    self.assertEqual(partner.user_id, self.user_sales2)
        # nor by putting another team's contact under a company of theirs
        contact = self.env["res.partner"].create(
            {"name": "Olga Contact", "parent_id": self.client_other.id}
        )
        with self.assertRefused(AccessError, "Olga Contact is followed by cdl_sales2"):
            contact.with_user(self.user_sales).parent_id = self.client
        result = (
            self.env["res.partner"]
            .with_user(self.user_sales)
            .load(
                [".id", "user_id/.id"],
                [[str(self.client_other.id), str(self.user_sales.id)]],
            )
        )
        self.assertFalse(result["ids"])
        self.assertRegex(result["messages"][0]["message"], "is followed by cdl_sales2")
        self.assertEqual(self.client_other.user_id, self.user_sales2)

    def test_salesperson_gives_own_partners_to_own_team_only(self):
        """Item 8: on their own partner, a salesperson sets a team mate (the
        team follows) but not a salesperson of another team."""
        with self.assertRefused(
            AccessError, "Only a Sales Manager can give Client One to cdl_sales2"
        ):
            self.client.with_user(self.user_sales).user_id = self.user_sales2
        with self.assertRefused(
            AccessError, "Only a Sales Manager can give Client One to Other Team"
        ):
            self.client.with_user(self.user_sales).team_id = self.other_team
        self.client.with_user(self.user_sales).user_id = self.team_mate
        self.assertEqual(
            (self.client.user_id, self.client.team_id), (self.team_mate, self.team)
        )
        # a partner nobody has yet is taken by the salesperson who sells to it
        newcomer = self.env["res.partner"].create({"name": "Newcomer"})
        newcomer.with_user(self.user_sales).user_id = self.user_sales
        self.assertEqual(
            (newcomer.user_id, newcomer.team_id), (self.user_sales, self.team)
        )

    def test_sales_manager_assigns_any_partner(self):
        self.client_other.with_user(self.user_manager).user_id = self.user_sales
        self.assertEqual(
            (self.client_other.user_id, self.client_other.team_id),
            (self.user_sales, self.team),
        )
        self.client_other.with_user(self.user_manager).team_id = self.other_team
        self.assertEqual(self.client_other.team_id, self.other_team)

    def test_salesperson_creates_partners_from_leads_and_orders(self):
        """Item 8: Odoo's flows that create a partner with the current user as
        salesperson, and the first-touch attribution (run as superuser), still
        work for a salesperson."""
        lead = (
            self.env["crm.lead"]
            .with_user(self.user_sales)
            .create(
                {
                    "name": "Kitchen",
                    "contact_name": "Lena Lead",
                    "designer_id": self.designer.id,
                }
            )
        )
        wizard = (
            self.env["crm.lead2opportunity.partner"]
            .with_user(self.user_sales)
            .with_context(
                active_model="crm.lead", active_id=lead.id, active_ids=lead.ids
            )
            .create({"name": "convert", "action": "create"})
        )
        wizard.action_apply()
        self.assertEqual(
            (lead.partner_id.name, lead.partner_id.user_id),
            ("Lena Lead", self.user_sales),
        )
        partner_id, _name = (
            self.env["res.partner"].with_user(self.user_sales).name_create("Oleg New")
        )
        order = self._order(
            self.env["res.partner"].browse(partner_id),
            1_000,
            confirm=False,
            designer_id=self.designer.id,
            user_id=self.user_sales.id,
        ).with_user(self.user_sales)
        order.action_confirm()
        self.assertEqual(order.partner_id.designer_id, self.designer)

    # --- item 9: the program's figures ----------------------------------------

    def test_program_figures_refused_to_salesperson_and_loyalty_manager(self):
        """Item 9: tier, rolling sales and review date written through the API,
        with the context a client may send, are refused to the designer's own
        salesperson and to the Loyalty Manager."""
        before = self._figures(self.designer)
        cases = (
            {"loyalty_tier_id": self.tier_base.id},
            {"loyalty_rolling_sales": 9_999_999.0},
            {"loyalty_review_date": "2030-01-01"},
            {"loyalty_tier_id": False},
        )
        refused = "of Anna Designer are set by the loyalty program's tier review only"
        for user in (self.user_sales, self.user_loyalty):
            for vals in cases:
                with (
                    self.subTest(user=user.login, vals=vals),
                    self.assertRefused(AccessError, refused),
                ):
                    self.designer.with_user(user).with_context(**CLIENT_CONTEXT).write(
                        vals
                    )
        self.assertEqual(self._figures(self.designer), before)

    def test_program_figures_refused_on_import_and_create(self):
        """Item 9: the same through an import (load) and on new partners,
        also as context defaults."""
        Partner = self.env["res.partner"].with_user(self.user_loyalty)
        result = Partner.with_context(**CLIENT_CONTEXT).load(
            [".id", "loyalty_rolling_sales", "loyalty_review_date"],
            [[str(self.designer.id), "99999999", "2030-01-01"]],
        )
        self.assertFalse(result["ids"])
        self.assertRegex(
            result["messages"][0]["message"], "set by the loyalty program's tier review"
        )
        with self.assertRefused(AccessError, "set by the loyalty program"):
            Partner.with_user(self.user_sales).create(
                {"name": "Gold Newcomer", "loyalty_tier_id": self.tier_gold.id}
            )
        with self.assertRefused(AccessError, "set by the loyalty program"):
            Partner.with_context(default_loyalty_tier_id=self.tier_gold.id).create(
                {"name": "Gold Newcomer"}
            )
        # unchanged values (a re-imported export) and copies go through
        Partner.load(
            [".id", "loyalty_rolling_sales"], [[str(self.designer.id), "3200000"]]
        )
        copy = self.designer.with_user(self.user_sales).copy()
        self.assertFalse(copy.sudo().loyalty_tier_id)
        self.assertEqual(
            self._figures(self.designer)[0]["loyalty_rolling_sales"], 3_200_000.0
        )

    def test_program_status_kept_by_the_designers_people(self):
        """Item 8/9: another team's salesperson cannot suspend a designer; its
        salesperson and the Loyalty Manager can."""
        with self.assertRefused(
            AccessError, "The program status of Anna Designer is kept by"
        ):
            self.designer.with_user(self.user_sales2).write(
                {"designer_program_state": "suspended"}
            )
        self.assertEqual(self.designer.designer_program_state, "active")
        self.designer.with_user(self.user_sales).designer_program_state = "suspended"
        self.designer.with_user(self.user_loyalty).designer_program_state = "active"
        self.assertEqual(self.designer.designer_program_state, "active")

    # --- item 10: who reads the figures ---------------------------------------

    def test_employee_without_designer_role_reads_no_figures(self):
        """Item 10: an internal user with no role of the addon opens partner
        forms and lists but cannot read, search or group by the figures."""
        Partner = self.env["res.partner"].with_user(self.employee)
        for fname in (
            "loyalty_tier_id",
            "loyalty_rolling_sales",
            "loyalty_review_date",
            "loyalty_progress",
            "loyalty_unpaid_amount",
        ):
            with self.subTest(fname=fname), self.assertRaises(AccessError):
                self.designer.with_user(self.employee).read([fname])
        with self.assertRaises(AccessError):
            Partner.search([("loyalty_tier_id", "=", self.tier_gold.id)])
        with self.assertRaises(AccessError):
            Partner.read_group([], ["loyalty_rolling_sales:sum"], ["loyalty_tier_id"])
        self.assertNotIn("loyalty_tier_id", Partner.fields_get())
        result = Partner.get_views(
            [(False, "form"), (False, "list"), (False, "kanban")]
        )
        for view_type, view in result["views"].items():
            self.assertNotIn("loyalty_", view["arch"], view_type)
        form = etree.fromstring(result["views"]["form"]["arch"])
        spec = {
            name: {}
            for name in {
                node.get("name") for node in form.xpath("//field[not(ancestor::field)]")
            }
        }
        (values,) = self.designer.with_user(self.employee).web_read(spec)
        self.assertEqual(values["name"], "Anna Designer")

    def test_salesperson_reads_own_designers_figures_only(self):
        """Item 10: a salesperson reads (and exports) the figures of their
        own designers; those of another team's designer read empty."""
        fnames = ["loyalty_tier_id", "loyalty_rolling_sales", "loyalty_review_date"]
        designers = (self.designer | self.designer2).with_user(self.user_sales)
        self.assertEqual(
            designers.read(fnames, load=None),
            [
                {
                    "id": self.designer.id,
                    "loyalty_tier_id": self.tier_gold.id,
                    "loyalty_rolling_sales": 3_200_000.0,
                    "loyalty_review_date": date(2026, 3, 1),
                },
                {
                    "id": self.designer2.id,
                    "loyalty_tier_id": False,
                    "loyalty_rolling_sales": False,
                    "loyalty_review_date": False,
                },
            ],
        )
        spec = {"loyalty_tier_id": {"fields": {"display_name": {}}}}
        self.assertEqual(
            [values["loyalty_tier_id"] for values in designers.web_read(spec)],
            [{"id": self.tier_gold.id, "display_name": "Gold"}, False],
        )
        self.assertEqual(
            designers.export_data(["name", "loyalty_tier_id", "loyalty_progress"])[
                "datas"
            ],
            [["Anna Designer", "Gold", 100.0], ["Boris Designer", "", ""]],
        )
        # the Loyalty Manager runs the program for every designer
        self.assertEqual(
            designers.with_user(self.user_loyalty).mapped("loyalty_tier_id.name"),
            ["Gold", "Silver"],
        )
        self.assertEqual(
            designers.with_user(self.user_loyalty).read(["loyalty_tier_id"], load=None)[
                1
            ]["loyalty_tier_id"],
            self.tier_silver.id,
        )

    # --- item 11: the ledger's invoices ---------------------------------------

    def test_salesperson_exports_own_ledger_with_invoices(self):
        """Item 11: the ledger of a salesperson's designer has entries on the
        invoices of another salesperson; the salesperson exports the list as
        shown, invoice numbers included."""
        order, invoice = self._paid_order_invoice(
            100_000, date(2026, 3, 10), self.user_sales2
        )
        Reward = self.Reward.with_user(self.user_sales)
        with self.assertRaises(AccessError):
            invoice.with_user(self.user_sales).read(["name"])
        entries = Reward.search([])
        self.assertEqual(entries.designer_id, self.designer)
        arch = etree.fromstring(
            Reward.get_views([(False, "list")])["views"]["list"]["arch"]
        )
        columns = [node.get("name") for node in arch.xpath("//field")]
        rows = entries.export_data(columns)["datas"]
        self.assertEqual(rows[0][columns.index("move_name")], invoice.name)
        self.assertEqual(
            entries.read(["display_name", "order_ref"]),
            [
                {
                    "id": entries.id,
                    "display_name": f"Accrual {invoice.name} Anna Designer",
                    "order_ref": order.name,
                }
            ],
        )
        self.assertEqual(Reward.search([("move_name", "=", invoice.name)]), entries)
