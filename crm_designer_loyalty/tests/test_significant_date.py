# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date

from odoo.exceptions import ValidationError
from odoo.tests import Form, tagged

from .dossier_common import DossierCommon


@tagged("post_install", "-at_install")
class TestSignificantDate(DossierCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Date = cls.env["res.partner.significant.date"]
        cls.activity_type = cls.env.ref(
            "crm_designer_loyalty.mail_activity_type_significant_date"
        )
        cls.company.significant_date_reminder_days = 7

    def _reminders(self, partner):
        return self.env["mail.activity"].search(
            [
                ("res_model", "=", "res.partner"),
                ("res_id", "=", partner.id),
                ("activity_type_id", "=", self.activity_type.id),
            ]
        )

    def test_reminder_created_n_days_ahead_for_salesperson(self):
        today = date(2026, 6, 10)
        birthday = self.Date.create(
            {"partner_id": self.client.id, "date": date(1980, 6, 17), "name": "Boss"}
        )
        self.Date.create({"partner_id": self.client.id, "date": date(1980, 6, 18)})
        self.assertEqual(self.Date._cron_schedule_reminders(today=today), 1)
        activity = self._reminders(self.client)
        self.assertEqual(len(activity), 1)
        self.assertEqual(activity.user_id, self.user_sales)
        self.assertEqual(activity.date_deadline, date(2026, 6, 17))
        self.assertEqual(activity.summary, "Client One: Boss")
        self.assertEqual(birthday.last_reminded_year, 2026)

    def test_rerun_creates_no_duplicate(self):
        row = self.Date.create(
            {"partner_id": self.client.id, "date": date(1980, 6, 12)}
        )
        self.assertEqual(self.Date._cron_schedule_reminders(today=date(2026, 6, 10)), 1)
        self.assertEqual(self.Date._cron_schedule_reminders(today=date(2026, 6, 10)), 0)
        self.assertEqual(self.Date._cron_schedule_reminders(today=date(2026, 6, 11)), 0)
        self.assertEqual(len(self._reminders(self.client)), 1)
        # A corrected date is reminded again, once.
        row.date = date(1980, 6, 14)
        self.assertEqual(self.Date._cron_schedule_reminders(today=date(2026, 6, 11)), 1)
        self.assertEqual(self.Date._cron_schedule_reminders(today=date(2026, 6, 11)), 0)
        self.assertEqual(
            sorted(self._reminders(self.client).mapped("date_deadline")),
            [date(2026, 6, 12), date(2026, 6, 14)],
        )

    def test_same_day_written_again_is_not_reminded_again(self):
        """An import writing the date again, or correcting only its year, does
        not send the reminder of the day a second time."""
        row = self.Date.create(
            {"partner_id": self.client.id, "date": date(1980, 6, 12)}
        )
        self.assertEqual(self.Date._cron_schedule_reminders(today=date(2026, 6, 10)), 1)
        row.write({"date": date(1980, 6, 12)})
        row.write({"date": "1981-06-12"})
        self.assertEqual(row.last_reminded_year, 2026)
        self.assertEqual(self.Date._cron_schedule_reminders(today=date(2026, 6, 11)), 0)
        self.assertEqual(len(self._reminders(self.client)), 1)

    def test_contact_person_reminded_to_company_salesperson(self):
        contact = self.env["res.partner"].create(
            {"name": "Director", "parent_id": self.client.id, "user_id": False}
        )
        self.assertFalse(contact.user_id)
        self.Date.create({"partner_id": contact.id, "date": date(1975, 6, 15)})
        self.Date.with_user(self.user_manager)._cron_schedule_reminders(
            today=date(2026, 6, 10)
        )
        activity = self._reminders(contact)
        self.assertEqual(
            (activity.user_id, activity.date_deadline),
            (self.user_sales, date(2026, 6, 15)),
        )

    def test_next_year_occurrence_across_new_year(self):
        row = self.Date.create(
            {
                "partner_id": self.client.id,
                "date": date(2001, 1, 2),
                "date_type": "company_anniversary",
            }
        )
        self.Date._cron_schedule_reminders(today=date(2026, 12, 28))
        self.assertEqual(self._reminders(self.client).date_deadline, date(2027, 1, 2))
        self.assertEqual(row.last_reminded_year, 2027)
        # Reminded already for 2027: nothing on 1 January 2027.
        self.assertEqual(self.Date._cron_schedule_reminders(today=date(2027, 1, 1)), 0)
        # A year later the 2028 occurrence is reminded.
        self.assertEqual(
            self.Date._cron_schedule_reminders(today=date(2027, 12, 30)), 1
        )
        self.assertEqual(
            sorted(self._reminders(self.client).mapped("date_deadline")),
            [date(2027, 1, 2), date(2028, 1, 2)],
        )

    def test_february_29(self):
        row = self.Date.create(
            {"partner_id": self.client.id, "date": date(2000, 2, 29)}
        )
        self.Date._cron_schedule_reminders(today=date(2027, 2, 21))
        self.assertEqual(self._reminders(self.client).date_deadline, date(2027, 2, 28))
        self.assertEqual(row._next_occurrence(date(2027, 3, 1)), date(2028, 2, 29))
        self.Date._cron_schedule_reminders(today=date(2028, 2, 22))
        self.assertEqual(
            sorted(self._reminders(self.client).mapped("date_deadline")),
            [date(2027, 2, 28), date(2028, 2, 29)],
        )

    def test_window_follows_settings_and_fallback_user(self):
        partner = self.env["res.partner"].create({"name": "No Salesperson"})
        self.Date.create({"partner_id": partner.id, "date": date(1990, 6, 20)})
        today = date(2026, 6, 10)
        self.assertEqual(self.Date._cron_schedule_reminders(today=today), 0)
        settings = self.env["res.config.settings"].create({})
        settings.significant_date_reminder_days = 10
        settings.execute()
        self.assertEqual(self.company.significant_date_reminder_days, 10)
        for days in (-1, 366):
            with self.assertRefused(
                ValidationError,
                r"^Significant date reminder of company_1_data: the number of days "
                rf"before the date must be between 0 and 365, not {days}\.$",
            ):
                self.env["res.config.settings"].create(
                    {"significant_date_reminder_days": days}
                ).execute()
        self.assertEqual(self.company.significant_date_reminder_days, 10)
        self.Date.with_user(self.user_manager)._cron_schedule_reminders(today=today)
        activity = self._reminders(partner)
        self.assertEqual(activity.user_id, self.user_manager)
        self.assertEqual(activity.date_deadline, date(2026, 6, 20))

    def test_one_off_date_reminded_only_in_its_year(self):
        self.Date.create(
            {
                "partner_id": self.client.id,
                "date": date(2026, 6, 12),
                "date_type": "custom",
                "recurring": False,
            }
        )
        self.assertEqual(self.Date._cron_schedule_reminders(today=date(2027, 6, 10)), 0)
        self.assertEqual(self.Date._cron_schedule_reminders(today=date(2026, 6, 10)), 1)

    def test_date_without_partner_is_refused(self):
        with self.assertRefused(ValidationError, "the partner is required"):
            self.Date.create({"date": date(1990, 1, 1), "name": "Orphan"})
        row = self.Date.create({"partner_id": self.client.id, "date": date(1990, 1, 1)})
        with self.assertRefused(ValidationError, "Significant Date.*partner"):
            row.partner_id = False
        self.assertEqual(row.partner_id, self.client)

    def test_next_occurrence_and_form(self):
        with Form(self.Date) as form:
            form.partner_id = self.client
            form.date = date(1990, 3, 1)
        row = form.save()
        self.assertEqual(row.company_id, self.company)
        self.assertEqual(row.next_occurrence_sort, "03-01")
        self.assertEqual(row._next_occurrence(date(2026, 6, 10)), date(2027, 3, 1))
        self.assertEqual(row._next_occurrence(date(2026, 3, 1)), date(2026, 3, 1))
        self.assertGreaterEqual(row.next_occurrence, date.today())

    def test_two_dates_of_an_unfollowed_partner_in_one_run(self):
        # an imported company: its salesperson does not follow it
        partner = (
            self.env["res.partner"]
            .with_context(tracking_disable=True)
            .create(
                {
                    "name": "Imported Co",
                    "is_company": True,
                    "user_id": self.user_sales.id,
                }
            )
        )
        self.assertFalse(partner.message_partner_ids)
        self.Date.create(
            [
                {"partner_id": partner.id, "date": date(1990, 3, 1), "name": "Boss"},
                {
                    "partner_id": partner.id,
                    "date": date(2001, 3, 2),
                    "date_type": "company_anniversary",
                },
            ]
        )
        self.Date.create({"partner_id": self.client.id, "date": date(1985, 3, 1)})
        self.assertEqual(self.Date._cron_schedule_reminders(today=date(2026, 2, 25)), 3)
        reminders = self._reminders(partner)
        self.assertEqual(
            sorted(reminders.mapped("date_deadline")),
            [date(2026, 3, 1), date(2026, 3, 2)],
        )
        self.assertEqual(reminders.user_id, self.user_sales)
        self.assertEqual(partner.message_partner_ids, self.user_sales.partner_id)
        self.assertEqual(len(self._reminders(self.client)), 1)
        # a re-run the next day creates nothing more
        self.assertEqual(self.Date._cron_schedule_reminders(today=date(2026, 2, 26)), 0)
        self.assertEqual(len(self._reminders(partner)), 2)

    def test_follower_added_meanwhile_by_another_transaction(self):
        """A second worker (or a user) makes the assignee follow the partner
        after this transaction started: the batch is left to the next run, no
        raw UniqueViolation, no half-written reminders."""
        partner = self.env["res.partner"].create({"name": "Walk-in Client"})
        row = self.Date.create({"partner_id": partner.id, "date": date(1980, 6, 12)})
        # the cron's user is the assignee (the partner has no salesperson);
        # the other transaction can only see committed partners
        root = self.env.ref("base.user_root")
        Date = self.Date.with_user(root)
        assignee = root.partner_id
        with self.env.registry.cursor() as other:
            other.execute(
                "INSERT INTO mail_followers (res_model, res_id, partner_id) "
                "VALUES ('res.partner', %s, %s)",
                [partner.id, assignee.id],
            )
        try:
            self.assertEqual(Date._cron_schedule_reminders(today=date(2026, 6, 10)), 0)
            self.assertFalse(self._reminders(partner))
            self.assertFalse(row.last_reminded_year)
        finally:
            with self.env.registry.cursor() as other:
                other.execute(
                    "DELETE FROM mail_followers WHERE res_model = 'res.partner' "
                    "AND res_id = %s",
                    [partner.id],
                )
        # the next run reminds it
        self.assertEqual(Date._cron_schedule_reminders(today=date(2026, 6, 10)), 1)
        self.assertEqual(len(self._reminders(partner)), 1)
