# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Versioned rates (issue 12): tier rates, reward types and category rules
have a start date; an invoice earns the version in force on its invoice
date, whenever it is paid. Edited by the Loyalty Manager through the API."""

from datetime import date

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.modules.migration import load_script
from odoo.tests import freeze_time, tagged
from odoo.tools.misc import file_path

from .dossier_common import DossierCommon
from .loyalty_common import LoyaltyCommon


@tagged("post_install", "-at_install")
class TestLoyaltyRates(LoyaltyCommon, DossierCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Rate = cls.env["designer.loyalty.tier.rate"]
        cls.Rule = cls.env["designer.loyalty.category.rule"]
        cls.lighting = cls.env["product.category"].create({"name": "Lighting"})
        cls.lamp = cls._create_product(name="lamp", categ_id=cls.lighting.id)

    def _versions(self, tier):
        return tier.rate_version_ids.sorted(lambda v: v.date_from or date.min).mapped(
            lambda v: (v.date_from, v.rate, v.reward_type)
        )

    def _accruals(self):
        return self._rewards(kind="accrual").mapped(
            lambda r: (
                r.move_id.invoice_date,
                r.base_amount,
                r.rate,
                r.amount,
                r.points,
            )
        )

    def test_installed_tiers_have_a_first_rate_since_always(self):
        """A fresh install behaves as before: one rate per tier, valid since
        always (the first version covers the past)."""
        for xmlid, rate in (("base", 5.0), ("silver", 7.0), ("gold", 10.0)):
            tier = self.env.ref(
                f"crm_designer_loyalty.designer_loyalty_tier_{xmlid}"
            ).sudo()
            self.assertEqual(self._versions(tier), [(False, rate, "money")])
            self.assertEqual((tier.rate, tier.reward_type), (rate, "money"))

    def test_new_rate_applies_to_invoices_dated_from_its_start(self):
        """An invoice of 20 April, paid after the rate went from 5 % to 8 % on
        1 May, earns 5 %; an invoice of 2 May earns 8 %."""
        with freeze_time("2026-04-25"):
            april = self._invoice(
                self.client,
                100_000,
                date=date(2026, 4, 20),
                designer_id=self.designer.id,
            )
        with freeze_time("2026-05-01"):
            tier = self.tier_base.with_user(self.user_loyalty)
            tier.rate = 8
            self.assertEqual((tier.rate, tier.reward_type), (8.0, "money"))
            # a correction on the same day changes that day's rate
            tier.rate = 8.5
        self.assertEqual(
            self._versions(self.tier_base),
            [(False, 5.0, "money"), (date(2026, 5, 1), 8.5, "money")],
        )
        self._pay(april, date=date(2026, 5, 10))
        self._paid_invoice(10_000, date(2026, 5, 2))
        self.assertEqual(
            self._accruals(),
            [
                (date(2026, 4, 20), 100_000.0, 5.0, 5_000.0, 0.0),
                (date(2026, 5, 2), 10_000.0, 8.5, 850.0, 0.0),
            ],
        )

    def test_reward_type_is_versioned(self):
        """Points from 1 May: the invoice of April stays in money."""
        self._new_rate(self.tier_base, date(2026, 5, 1), reward_type="points")
        self._paid_invoice(100_000, date(2026, 4, 30))
        self._paid_invoice(10_000, date(2026, 5, 1))
        self.assertEqual(
            self._accruals(),
            [
                (date(2026, 4, 30), 100_000.0, 5.0, 5_000.0, 0.0),
                (date(2026, 5, 1), 10_000.0, 5.0, 0.0, 500.0),
            ],
        )

    def test_rates_that_earned_cannot_change(self):
        """Once an invoice earned a rate, that rate is neither changed nor
        deleted, and no rate starts on or before that invoice's date."""
        self._new_rate(self.tier_base, date(2026, 6, 1), rate=6)
        self._paid_invoice(100_000, date(2026, 5, 15))
        first, june = self.tier_base.rate_version_ids.sorted(
            lambda v: v.date_from or date.min
        ).with_user(self.user_loyalty)
        message = (
            "Tier Base has reward entries up to 2026-05-15: a rate valid from "
            "{start} would change what those invoices earned"
        )
        with self.assertRefused(UserError, message.format(start="always")):
            first.rate = 9
        with self.assertRefused(UserError, message.format(start="always")):
            first.unlink()
        with self.assertRefused(UserError, message.format(start="2026-05-01")):
            self._new_rate(self.tier_base, date(2026, 5, 1), rate=9)
        with self.assertRefused(UserError, "start of a rate cannot be changed"):
            june.date_from = date(2026, 5, 1)
        # the rate of June, not used yet, is corrected or removed
        june.rate = 6.5
        june.unlink()
        with (
            freeze_time("2026-05-15"),
            self.assertRefused(UserError, message.format(start="2026-05-15")),
        ):
            self.tier_base.with_user(self.user_loyalty).rate = 9
        self.assertEqual(self._versions(self.tier_base), [(False, 5.0, "money")])
        self.assertEqual(self._accruals()[0][2:], (5.0, 5_000.0, 0.0))

    def test_rate_bounds_and_access(self):
        """Rates stay within 0-100 % and finite on the versions too; only the
        Loyalty Managers and consultants add them."""
        Rate = self.Rate.with_user(self.user_loyalty)
        for bad, message in (
            (100.5, "must be between 0 and 100"),
            (-1, "must be between 0 and 100"),
            (float("nan"), "must be a finite number"),
        ):
            with self.assertRefused(ValidationError, message):
                Rate.create(
                    {
                        "tier_id": self.tier_base.id,
                        "date_from": "2026-06-01",
                        "rate": bad,
                    }
                )
        with self.assertRefused(UserError, "first rate of tier Gold"):
            self.tier_gold.rate_version_ids.with_user(self.user_loyalty).unlink()
        with self.assertRaises(AccessError):
            self.Rate.with_user(self.user_sales).create(
                {"tier_id": self.tier_base.id, "date_from": "2026-06-01", "rate": 50}
            )
        self.assertEqual(self._versions(self.tier_base), [(False, 5.0, "money")])

    def test_category_rule_applies_from_its_start(self):
        """Lighting earns twice the tier rate since always, then the tier rate
        (multiplier 1) from 1 May: an April invoice paid in May earns 10 %."""
        rule = self.Rule.with_user(self.user_loyalty).create(
            {"categ_id": self.lighting.id, "mode": "multiplier", "multiplier": 2}
        )
        with freeze_time("2026-04-25"):
            april = self._invoice(
                self.client,
                10_000,
                date=date(2026, 4, 20),
                designer_id=self.designer.id,
                product=self.lamp,
            )
        self.Rule.with_user(self.user_loyalty).create(
            {
                "categ_id": self.lighting.id,
                "mode": "multiplier",
                "multiplier": 1,
                "date_from": date(2026, 5, 1),
            }
        )
        self._pay(april, date=date(2026, 5, 3))
        self._paid_invoice(10_000, date(2026, 5, 2), product=self.lamp)
        self.assertEqual(
            self._accruals(),
            [
                (date(2026, 4, 20), 10_000.0, 10.0, 1_000.0, 0.0),
                (date(2026, 5, 2), 10_000.0, 5.0, 500.0, 0.0),
            ],
        )
        # the rule that earned is kept as it was
        rule = rule.with_user(self.user_loyalty)
        message = "Category Lighting has reward entries up to 2026-05-02"
        for change in (
            lambda: rule.write({"multiplier": 3}),
            lambda: rule.write({"active": False}),
            rule.unlink,
            lambda: self.Rule.create(
                {
                    "categ_id": self.lighting.id,
                    "mode": "excluded",
                    "date_from": date(2026, 5, 2),
                }
            ),
        ):
            with self.assertRefused(UserError, message):
                change()
        self.assertRecordValues(rule, [{"multiplier": 2.0, "active": True}])

    def test_migration_creates_first_rates(self):
        """18.0.1.6.0: each tier gets its first rate, since always, from the
        columns of the tier, which are dropped."""
        tier = self.env["designer.loyalty.tier"].create(
            {"name": "Legacy", "threshold": 9_000_000}
        )
        self.env.flush_all()
        cr = self.env.cr
        cr.execute(
            "ALTER TABLE designer_loyalty_tier ADD COLUMN rate numeric, "
            "ADD COLUMN reward_type varchar"
        )
        cr.execute(
            "UPDATE designer_loyalty_tier SET rate = 12, reward_type = 'points' "
            "WHERE id = %s",
            tier.ids,
        )
        cr.execute(
            "DELETE FROM designer_loyalty_tier_rate WHERE tier_id = %s", tier.ids
        )
        script = load_script(
            file_path(
                "crm_designer_loyalty/migrations/18.0.1.6.0/post-rate_versions.py"
            ),
            "post_rate_versions",
        )
        script.migrate(cr, "18.0.1.5.0")
        self.env.invalidate_all()
        self.assertEqual(self._versions(tier), [(False, 12.0, "points")])
        self.assertEqual(self._versions(self.tier_base), [(False, 5.0, "money")])
        cr.execute(
            "SELECT column_name FROM information_schema.columns "
            "WHERE table_name = 'designer_loyalty_tier' "
            "AND column_name IN ('rate', 'reward_type')"
        )
        self.assertFalse(cr.fetchall())
