# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import re
from contextlib import closing

from odoo.exceptions import UserError, ValidationError
from odoo.tests import tagged
from odoo.tools import SQL

from .dossier_common import DossierCommon

NAN = float("nan")
INF = float("inf")
# what JSON-RPC (NaN, Infinity, -Infinity), XML-RPC (float('nan')) or an import
# (text) can send for a number
NOT_FINITE = (NAN, INF, -INF, "nan", "Infinity")


@tagged("post_install", "-at_install")
class TestBadInput(DossierCommon):
    """Issue 12, items 5, 12 and 13: what a client sends (RPC, import, forms)
    as the role that edits it is refused with a message naming the record and
    the field, and nothing is written."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.tier = cls.env["designer.loyalty.tier"].create(
            {"name": "Gold", "threshold": 500, "rate": 10}
        )
        cls.rule = cls.env["designer.loyalty.category.rule"].create(
            {
                "categ_id": cls.env["product.category"].create({"name": "Sofas"}).id,
                "mode": "multiplier",
                "rate": 3,
                "multiplier": 2,
            }
        )
        cls.attribute = cls.env["res.partner.attribute"].create(
            {"name": "Rooms", "attribute_type": "number"}
        )
        cls.value = cls.env["res.partner.attribute.value"].create(
            {
                "partner_id": cls.client.id,
                "attribute_id": cls.attribute.id,
                "value_number": 4,
            }
        )
        cls.document = cls.env["res.partner.document"].create(
            {"partner_id": cls.client.id, "name": "Contract"}
        )

    def _label(self, record, field):
        return re.escape(record._fields[field].string)

    def _assert_refused_writes(self, records, cases, regex):
        """Each ``{field: value}`` of ``cases`` written on ``records`` (as their
        user) is refused with ``regex`` (formatted with the field's label) and
        leaves the stored values as they were."""
        for values in cases:
            (field,) = values
            before = records.sudo().read([field])
            with self.assertRefused(
                ValidationError, regex.format(field=self._label(records, field))
            ):
                records.write(values)
            records.invalidate_model()
            self.assertEqual(records.sudo().read([field]), before, values)

    # --- items 12 and 13: NaN and infinities -----------------------------------

    def test_company_settings_refuse_nan_and_infinity(self):
        """Every float, monetary and integer setting of the company, as the
        consultant (segmentation, reminders) or the Loyalty Manager (loyalty
        settings) who edit them in Program Settings."""
        for user, fields in (
            (
                self.user_config,
                (
                    "segment_abc_a",
                    "segment_abc_b",
                    "segment_xyz_x",
                    "segment_xyz_y",
                    "segment_at_risk_factor",
                    "segment_window_months",
                    "segment_xyz_min_months",
                    "segment_lost_days",
                    "significant_date_reminder_days",
                ),
            ),
            (
                self.user_loyalty,
                ("loyalty_min_payout", "loyalty_points_expiry_months"),
            ),
        ):
            self._assert_refused_writes(
                self.company.with_user(user),
                [{field: value} for field in fields for value in NOT_FINITE],
                rf'Companies "{re.escape(self.company.name)}": {{field}} must be a '
                "finite number, not ",
            )
        # the Program Settings form saves through web_save
        with self.assertRefused(ValidationError, "Minimum Payout must be a finite"):
            self.company.with_user(self.user_loyalty).web_save(
                {"loyalty_min_payout": NAN}, {}
            )
        self.assertEqual(self.company.loyalty_min_payout, 0)

    def test_settings_form_refuses_nan_and_infinity(self):
        """The Settings app (res.config.settings, related fields) is refused as
        well, before the settings are applied."""
        Settings = self.env["res.config.settings"]
        for field in ("loyalty_min_payout", "segment_abc_a", "segment_at_risk_factor"):
            for value in (NAN, INF):
                with self.assertRefused(
                    ValidationError,
                    rf"{self._label(Settings, field)} must be a finite number",
                ):
                    Settings.create({field: value}).execute()
        self.assertEqual(
            self.company.read(["loyalty_min_payout", "segment_abc_a"])[0],
            {"id": self.company.id, "loyalty_min_payout": 0, "segment_abc_a": 80},
        )

    def test_tier_and_rule_refuse_nan_and_infinity(self):
        tier = self.tier.with_user(self.user_loyalty)
        self._assert_refused_writes(
            tier,
            [{field: value} for field in ("rate", "threshold") for value in NOT_FINITE],
            r'Designer Loyalty Tier "Gold": {field} must be a finite number, not ',
        )
        rule = self.rule.with_user(self.user_loyalty)
        self._assert_refused_writes(
            rule,
            [
                {field: value}
                for field in ("rate", "multiplier")
                for value in NOT_FINITE
            ],
            r'Designer Loyalty Product Category Rule "Sofas": {field} must be a '
            "finite number, not ",
        )
        Tier = self.env["designer.loyalty.tier"].with_user(self.user_loyalty)
        with self.assertRefused(
            ValidationError,
            r'Designer Loyalty Tier "Platinum": Rate \(%\) must be a finite number, '
            "not nan",
        ):
            Tier.create({"name": "Platinum", "threshold": 9000, "rate": NAN})
        # a default sent in the context is the same value
        with self.assertRefused(ValidationError, r"Threshold must be a finite number"):
            Tier.with_context(default_threshold=INF).create({"name": "Platinum"})
        self.assertFalse(Tier.search([("name", "=", "Platinum")]))

    def test_tier_history_refuses_nan_and_infinity(self):
        """Consultants may correct the tier history."""
        change = self.env["designer.tier.change"].create(
            {
                "designer_id": self.designer.id,
                "date": "2026-01-01",
                "new_tier_id": self.tier.id,
                "rolling_sales": 700,
                "company_id": self.company.id,
                "direction": "up",
            }
        )
        self._assert_refused_writes(
            change.with_user(self.user_config),
            [{"rolling_sales": bad} for bad in NOT_FINITE] + [{"date": "2026-02-30"}],
            r"Designer Tier Change: {field} must be a ",
        )

    def test_attribute_number_refuses_nan_and_infinity(self):
        """A salesperson fills the dossier of their client."""
        value = self.value.with_user(self.user_sales)
        self._assert_refused_writes(
            value,
            [{"value_number": bad} for bad in NOT_FINITE],
            r'Partner Attribute Value "Rooms": {field} must be a finite number',
        )
        Value = self.env["res.partner.attribute.value"].with_user(self.user_sales)
        other = self.env["res.partner.attribute"].create(
            {"name": "Floors", "attribute_type": "number"}
        )
        with self.assertRefused(ValidationError, "Number must be a finite number"):
            Value.create(
                {
                    "partner_id": self.client.id,
                    "attribute_id": other.id,
                    "value_number": INF,
                }
            )
        self.assertFalse(Value.search([("attribute_id", "=", other.id)]))

    # --- items 5 and 12: bounds ------------------------------------------------

    def test_tier_and_rule_bounds(self):
        """Item 5: a tier rate of 1e12 or a multiplier of 1e9 was accepted."""
        self._assert_refused_writes(
            self.tier.with_user(self.user_loyalty),
            [{"rate": 1e12}, {"rate": 100.01}, {"rate": -1}],
            r'Designer Loyalty Tier "Gold": {field} must be between 0 and 100, not ',
        )
        rule = self.rule.with_user(self.user_loyalty)
        self._assert_refused_writes(
            rule,
            [{"rate": 101}, {"rate": -0.5}],
            r'Category Rule "Sofas": {field} must be between 0 and 100, not ',
        )
        self._assert_refused_writes(
            rule,
            [{"multiplier": 1e9}, {"multiplier": 10.5}, {"multiplier": -2}],
            r'Category Rule "Sofas": {field} must be between 0 and 10, not ',
        )
        Rule = self.env["designer.loyalty.category.rule"].with_user(self.user_loyalty)
        categ = self.env["product.category"].create({"name": "Lamps"})
        with self.assertRefused(
            ValidationError, r'"Lamps": Multiplier must be between 0 and 10, not 11'
        ):
            Rule.create({"categ_id": categ.id, "mode": "multiplier", "multiplier": 11})
        self.assertFalse(Rule.search([("categ_id", "=", categ.id)]))
        # the bounds themselves are allowed
        self.tier.with_user(self.user_loyalty).rate = 100
        rule.write({"rate": 100, "multiplier": 10})

    def test_company_threshold_bounds(self):
        """Item 12: a window of 100 000 months was saved, then every
        segmentation run failed; the other thresholds had no upper bound."""
        consultant = self.company.with_user(self.user_config)
        for values, message in (
            (
                {"segment_window_months": 100_000},
                "the analysis window (months) must be between 1 and 120 months, not",
            ),
            (
                {"segment_window_months": 121},
                "the analysis window (months) must be between 1 and 120 months",
            ),
            (
                {"segment_lost_days": 100_000},
                "lost after (days) must be between 1 and 3660 days, not 100000",
            ),
            (
                {"segment_xyz_y": 1e6},
                "class Y up to (CV %) cannot exceed 1000 (1000000.0)",
            ),
            (
                {"segment_at_risk_factor": 1e9},
                "the at risk factor must be above 0 and at most 100, not 1000000000.0",
            ),
        ):
            self._assert_refused_writes(
                consultant,
                [values],
                re.escape(f"Segmentation settings of {self.company.name}: {message}"),
            )
        with self.assertRefused(
            ValidationError,
            re.escape("points expiry (months) must be between 0 (never) and 120"),
        ):
            self.company.with_user(self.user_loyalty).write(
                {"loyalty_points_expiry_months": 1200}
            )
        self.assertEqual(self.company.loyalty_points_expiry_months, 0)
        # through the Settings app too
        Settings = self.env["res.config.settings"]
        with self.assertRefused(
            ValidationError, "analysis window \\(months\\) must be between 1 and 120"
        ):
            Settings.create({"segment_window_months": 100_000}).execute()
        self.company.invalidate_recordset()
        self.assertEqual(self.company.segment_window_months, 12)
        # the bounds themselves are allowed
        consultant.write(
            {
                "segment_window_months": 120,
                "segment_lost_days": 3660,
                "segment_xyz_y": 1000,
                "segment_at_risk_factor": 100,
            }
        )

    def test_segmentation_run_refuses_stored_bad_settings(self):
        """Item 12: settings stored before these checks (NaN, a window of
        100 000 months) stop the run with a clear message, instead of nonsense
        classes reported as a success or a raw ValueError."""
        Run = self.env["crm.segmentation.run"].with_user(self.user_config)
        for column, value, message in (
            ("segment_abc_a", "NaN", "Class A up to (%) must be a finite number"),
            ("segment_at_risk_factor", "Infinity", "At Risk Factor must be a finite"),
            (
                "segment_window_months",
                100_000,
                "the analysis window (months) must be between 1 and 120 months",
            ),
        ):
            # the value written by SQL is undone after the case
            with closing(self.env.cr.savepoint()):
                self.env.cr.execute(
                    SQL(
                        "UPDATE res_company SET %s = %s WHERE id = %s",
                        SQL.identifier(column),
                        value,
                        self.company.id,
                    )
                )
                self.company.invalidate_recordset()
                with self.assertRefused(
                    UserError,
                    re.escape(
                        f"Segmentation settings of {self.company.name}: {message}"
                    ),
                ):
                    Run.action_run_now()
        self.assertFalse(Run.search([]))

    # --- item 13: the statement wizard's month ---------------------------------

    def test_statement_wizard_refuses_wrong_month(self):
        """A wrong month reached the database (raw psycopg2 errors)."""
        Wizard = self.env["designer.reward.statement.generate"].with_user(
            self.user_loyalty
        )
        for month in ("2026-02-30", "garbage", "2026-13-01", 20260201):
            message = re.escape(
                "Generate Designer Reward Statements: Month must be a date written "
                f'YYYY-MM-DD, not "{month}".'
            )
            with self.assertRefused(ValidationError, message):
                Wizard.create({"month": month}).action_generate()
            # a default sent in the context is the same value
            with self.assertRefused(ValidationError, message):
                Wizard.with_context(default_month=month).create({}).action_generate()
            wizard = Wizard.create({"month": "2026-01-15"})
            with self.assertRefused(ValidationError, message):
                wizard.write({"month": month})
            wizard.invalidate_recordset()
            self.assertEqual(str(wizard.month), "2026-01-15")
        self.assertFalse(self.env["designer.reward.statement"].search([]))

    # --- item 13: required names -------------------------------------------------

    def test_required_names_cannot_be_blank(self):
        """A tier or a document with an empty name was accepted; so were the
        other named records of the configuration."""
        blanks = ("", "   ", False)
        config = self.user_config
        option = self.env["res.partner.attribute.option"].create(
            {"name": "Three", "attribute_id": self.attribute.id}
        )
        for user, record, values in (
            (self.user_loyalty, self.tier, {"threshold": 800}),
            (self.user_sales, self.document, {"partner_id": self.client.id}),
            (config, self.attribute, {}),
            (config, option, {"attribute_id": self.attribute.id}),
            (config, self.env.ref("crm_designer_loyalty.crm_rfm_segment_best"), {}),
            (config, self.env["res.partner.document.type"].create({"name": "X"}), {}),
            (config, self.env["res.partner.design.style"].create({"name": "X"}), {}),
        ):
            record = record.with_user(user)
            description = re.escape(record._description)
            self._assert_refused_writes(
                record,
                [{"name": blank} for blank in blanks],
                rf'^{description} "{re.escape(record.display_name)}": '
                r"{field} is required\.$",
            )
            count = record.search_count([])
            label = self._label(record, "name")
            for blank in blanks:
                with self.assertRefused(
                    ValidationError, rf"^{description}: {label} is required\.$"
                ):
                    record.create({**values, "name": blank})
            self.assertEqual(record.search_count([]), count)
