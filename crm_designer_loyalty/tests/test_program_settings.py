# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.exceptions import AccessError, ValidationError
from odoo.tests import tagged

from .common import DesignerCrmCommon


@tagged("post_install", "-at_install")
class TestProgramSettings(DesignerCrmCommon):
    """Loyalty > Program Settings: a Loyalty Manager (not an administrator)
    edits the loyalty settings of the company, and only those."""

    def test_loyalty_manager_edits_program_settings(self):
        company = self.company.with_user(self.user_loyalty)
        self.assertFalse(company.has_access("write"))
        company.write({"loyalty_min_payout": 2500})
        self.assertEqual(self.company.loyalty_min_payout, 2500)
        # the form saves through web_save
        values = company.web_save(
            {"loyalty_points_expiry_months": 12, "loyalty_pricelist_mapping": False},
            {"loyalty_points_expiry_months": {}, "loyalty_min_payout": {}},
        )
        self.assertEqual(
            values,
            [
                {
                    "id": self.company.id,
                    "loyalty_points_expiry_months": 12,
                    "loyalty_min_payout": 2500,
                }
            ],
        )
        self.assertFalse(self.company.loyalty_pricelist_mapping)
        self.company.with_user(self.user_config).write({"loyalty_min_payout": 300})
        self.assertEqual(self.company.loyalty_min_payout, 300)

    def test_only_program_fields_and_validation(self):
        company = self.company.with_user(self.user_loyalty)
        name = self.company.name
        sale_journal = self.company_data["default_journal_sale"]
        cases = [
            (AccessError, "not allowed to modify", {"name": "Renamed"}),
            (
                AccessError,
                "not allowed to modify",
                {"loyalty_min_payout": 100, "name": "Renamed"},
            ),
            (
                ValidationError,
                "minimum payout cannot be neg",
                {"loyalty_min_payout": -1},
            ),
            (
                ValidationError,
                "not a purchase journal",
                {"loyalty_payout_journal_id": sale_journal.id},
            ),
            (
                ValidationError,
                "payout product .*product_a.* is not a service",
                {"loyalty_payout_product_id": self.product_a.id},
            ),
        ]
        for error, message, values in cases:
            with self.assertRaisesRegex(error, message), self.env.cr.savepoint():
                company.write(values)
        other = self.setup_other_company(name="Other Shop")["company"]
        with self.assertRaises(AccessError):
            other.with_user(self.user_loyalty).write({"loyalty_min_payout": 100})
        self.assertEqual(
            (
                self.company.name,
                self.company.loyalty_min_payout,
                other.loyalty_min_payout,
            ),
            (name, 0, 0),
        )

    def test_consultant_edits_segmentation_and_dossier_settings(self):
        """Consultants without the Administration group edit the segmentation and
        reminder settings in Program Settings; Loyalty Managers cannot."""
        self.assertFalse(self.user_config.has_group("base.group_system"))
        consultant = self.company.with_user(self.user_config)
        consultant.write({"segment_abc_a": 70, "significant_date_reminder_days": 10})
        self.assertEqual(
            (self.company.segment_abc_a, self.company.significant_date_reminder_days),
            (70, 10),
        )
        with (
            self.assertRaisesRegex(ValidationError, "class A up to .* below class B"),
            self.env.cr.savepoint(),
        ):
            consultant.write({"segment_abc_a": 99, "segment_abc_b": 90})
        with self.assertRaises(AccessError):
            self.company.with_user(self.user_loyalty).write({"segment_abc_a": 60})
        self.assertEqual(self.company.segment_abc_a, 70)
        # the Settings app is not offered to them
        menus = self.env["ir.ui.menu"].with_user(self.user_config).search([])
        self.assertNotIn(
            self.env.ref("crm_designer_loyalty.res_config_settings_menu"), menus
        )
        self.assertIn(
            self.env.ref("crm_designer_loyalty.res_company_loyalty_program_menu"), menus
        )
        arch = (
            self.env["res.company"]
            .with_user(self.user_config)
            .get_view(
                self.env.ref(
                    "crm_designer_loyalty.res_company_view_form_loyalty_program"
                ).id
            )["arch"]
        )
        self.assertIn('name="segment_abc_a"', arch)

    def test_salesperson_cannot_edit(self):
        with self.assertRaises(AccessError):
            self.company.with_user(self.user_sales).write({"loyalty_min_payout": 2500})
        self.assertEqual(self.company.loyalty_min_payout, 0)
        server_action = self.env.ref(
            "crm_designer_loyalty.res_company_loyalty_program_server_action"
        )
        with self.assertRaises(AccessError):
            server_action.with_user(self.user_sales).run()

    def test_menu_action_opens_current_company(self):
        server_action = self.env.ref(
            "crm_designer_loyalty.res_company_loyalty_program_server_action"
        )
        action = server_action.with_user(self.user_loyalty).run()
        self.assertEqual(
            (action["res_model"], action["res_id"]), ("res.company", self.company.id)
        )
        # the form stays editable for a user without write access on companies
        arch = (
            self.env["res.company"]
            .with_user(self.user_loyalty)
            .get_views([(action["view_id"][0], "form")])["views"]["form"]["arch"]
        )
        self.assertIn('edit="1"', arch)
        self.assertIn('name="loyalty_min_payout"', arch)
        # and the user reads all its fields, the journal and product included
        self.company.loyalty_payout_journal_id = self.company_data[
            "default_journal_purchase"
        ]
        [values] = self.company.with_user(self.user_loyalty).web_read(
            {
                "loyalty_payout_journal_id": {"fields": {"display_name": {}}},
                "loyalty_payout_product_id": {"fields": {"display_name": {}}},
                "loyalty_threshold_basis": {},
                "currency_id": {},
            }
        )
        self.assertEqual(
            values["loyalty_payout_journal_id"]["id"],
            self.company_data["default_journal_purchase"].id,
        )
