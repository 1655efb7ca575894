# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date

from odoo.tests import tagged

from .dossier_common import DossierCommon


@tagged("post_install", "-at_install")
class TestSignificantDateGreeting(DossierCommon):
    """Issue 16: the significant-date cron emails the greeting on the day when
    the date says "Send the greeting", in the partner's language, once a
    year; the other dates keep their to-do."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._load_russian()
        cls.Date = cls.env["res.partner.significant.date"]
        cls.activity_type = cls.env.ref(
            "crm_designer_loyalty.mail_activity_type_significant_date"
        )
        cls.company.significant_date_reminder_days = 7
        cls.client.write({"lang": "ru_RU", "email": "client.one@example.com"})
        cls.client_other.write({"lang": "en_US", "email": "other@example.com"})

    def _greetings(self, partners):
        return self.env["mail.message"].search(
            [
                ("model", "=", "res.partner"),
                ("res_id", "in", partners.ids),
                ("message_type", "=", "comment"),
            ]
        )

    def _activities(self, partners):
        return self.env["mail.activity"].search(
            [
                ("res_model", "=", "res.partner"),
                ("res_id", "in", partners.ids),
                ("activity_type_id", "=", self.activity_type.id),
            ]
        )

    def test_birthday_greeting_in_partner_language_once(self):
        russian, english = self.Date.create(
            [
                {
                    "partner_id": self.client.id,
                    "date": date(1980, 6, 10),
                    "reminder_action": "email",
                },
                {
                    "partner_id": self.client_other.id,
                    "date": date(1985, 6, 10),
                    "reminder_action": "email",
                },
            ]
        )
        self.assertEqual(
            russian.greeting_template_id,
            self.env.ref(
                "crm_designer_loyalty.mail_template_significant_date_birthday"
            ),
        )
        both = self.client | self.client_other
        # sent on the day, not within the to-do window
        self.assertEqual(self.Date._cron_schedule_reminders(today=date(2026, 6, 9)), 0)
        self.assertEqual(self.Date._cron_schedule_reminders(today=date(2026, 6, 10)), 2)
        ru = self._greetings(self.client)
        self.assertEqual(
            (ru.subject, ru.author_id, ru.partner_ids),
            ("С днём рождения, Client One!", self.user_sales.partner_id, self.client),
        )
        self.assertIn("Поздравляем вас с днём рождения!", str(ru.body))
        self.assertNotIn("Happy birthday", str(ru.body))
        en = self._greetings(self.client_other)
        self.assertEqual(
            (en.subject, en.author_id, en.partner_ids),
            (
                "Happy birthday, Client Other!",
                self.user_sales2.partner_id,
                en.partner_ids,
            ),
        )
        self.assertIn("Happy birthday! The whole team of", str(en.body))
        # one email queued to each partner
        mails = self.env["mail.mail"].search([("mail_message_id", "in", (ru | en).ids)])
        self.assertEqual(
            sorted(
                (mail.mail_message_id.res_id, len(mail.recipient_ids & both))
                for mail in mails
                if mail.recipient_ids & both
            ),
            sorted([(self.client.id, 1), (self.client_other.id, 1)]),
        )
        self.assertEqual(mails.mapped("state"), ["outgoing"] * len(mails))
        # a re-run, that day or later, sends nothing more; no to-do either
        self.assertEqual(self.Date._cron_schedule_reminders(today=date(2026, 6, 10)), 0)
        self.assertEqual(self.Date._cron_schedule_reminders(today=date(2026, 6, 11)), 0)
        self.assertEqual(len(self._greetings(both)), 2)
        self.assertEqual((russian | english).mapped("last_reminded_year"), [2026, 2026])
        self.assertFalse(self._activities(both))
        # next year, once again
        self.assertEqual(self.Date._cron_schedule_reminders(today=date(2027, 6, 10)), 2)
        self.assertEqual(len(self._greetings(both)), 4)

    def test_holiday_greeting(self):
        anniversary, holiday = self.Date.create(
            [
                {
                    "partner_id": self.client.id,
                    "date": date(2001, 6, 12),
                    "date_type": "company_anniversary",
                    "reminder_action": "email",
                },
                {
                    "partner_id": self.client_other.id,
                    "date": date(2020, 6, 12),
                    "date_type": "professional_holiday",
                    "name": "Interior Designer Day",
                    "reminder_action": "email",
                },
            ]
        )
        holiday_template = self.env.ref(
            "crm_designer_loyalty.mail_template_significant_date_holiday"
        )
        self.assertEqual(anniversary.greeting_template_id, holiday_template)
        self.assertEqual(holiday.greeting_template_id, holiday_template)
        self.assertEqual(self.Date._cron_schedule_reminders(today=date(2026, 6, 12)), 2)
        ru = self._greetings(self.client)
        self.assertEqual(ru.subject, f"Поздравление от {self.company.name}")
        self.assertIn("Поздравляем с годовщиной компании Client One!", str(ru.body))
        en = self._greetings(self.client_other)
        self.assertEqual(en.subject, f"Congratulations from {self.company.name}")
        self.assertIn(
            "Please accept our congratulations: Interior Designer Day!", str(en.body)
        )

    def test_todo_dates_keep_their_activity(self):
        """A date set to "To-do", and a date to send whose partner has no email,
        get the to-do of the reminder window, and no message."""
        no_email = self.env["res.partner"].create(
            {"name": "No Email", "user_id": self.user_sales.id, "lang": "ru_RU"}
        )
        todo, fallback = self.Date.create(
            [
                {"partner_id": self.client.id, "date": date(1980, 6, 15)},
                {
                    "partner_id": no_email.id,
                    "date": date(1990, 6, 16),
                    "reminder_action": "email",
                },
            ]
        )
        self.assertEqual(todo.reminder_action, "todo")
        self.assertEqual(self.Date._cron_schedule_reminders(today=date(2026, 6, 10)), 2)
        activities = self._activities(self.client | no_email)
        self.assertEqual(
            sorted((a.res_id, a.date_deadline, a.user_id.login) for a in activities),
            sorted(
                [
                    (self.client.id, date(2026, 6, 15), "cdl_sales"),
                    (no_email.id, date(2026, 6, 16), "cdl_sales"),
                ]
            ),
        )
        self.assertFalse(self._greetings(self.client | no_email))
        self.assertEqual(fallback.last_reminded_year, 2026)
        self.assertEqual(self.Date._cron_schedule_reminders(today=date(2026, 6, 15)), 0)
        self.assertEqual(len(self._activities(self.client | no_email)), 2)
