# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from collections import Counter
from datetime import date, datetime, timedelta

from odoo.tests import tagged

from ..demo.contact_history_demo import ContactHistoryDemo
from ..demo.crm_designer_demo import CrmDesignerDemo
from .common import DesignerCrmCommon


@tagged("post_install", "-at_install")
class TestContactHistoryDemo(DesignerCrmCommon):
    """The contact history of a small generated data set."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.today = date(2026, 6, 15)
        env = cls.env(su=True)
        cls.data = CrmDesignerDemo(env).generate(
            designers=3, clients=12, months=6, seed=11, today=cls.today
        )
        cls.clients = cls.data["clients"]
        cls.history = ContactHistoryDemo(
            env, cls.data["designers"] + cls.clients, today=cls.today
        ).load()

    def test_done_activities_with_purpose_and_result(self):
        done = self.history["done"]
        self.assertEqual(len(done), 30)
        self.assertEqual(set(done.mapped("model")), {"res.partner"})
        self.assertEqual(set(done.mapped("res_id")), set(self.clients.ids))
        self.assertEqual(done.subtype_id, self.env.ref("mail.mt_activities"))
        self.assertEqual(
            Counter(message.mail_activity_type_id.name for message in done),
            Counter({"Meeting": 12, "Call": 10, "Email": 8}),
        )
        first = done[0]
        self.assertEqual(
            first.preview,
            "Call done: Satisfaction call after installation "
            "Feedback: Very satisfied, will recommend us.",
        )
        # by the clients' salespeople, over the last six months
        for message in done:
            client = self.env["res.partner"].browse(message.res_id)
            self.assertEqual(message.author_id, client.user_id.partner_id)
            self.assertLess(message.date, datetime(2026, 6, 15))
            self.assertGreaterEqual(
                message.date, datetime(2026, 6, 15) - timedelta(180)
            )

    def test_emails_planned_activities_and_notes(self):
        emails = self.history["emails"]
        self.assertEqual(len(emails), 1)
        self.assertEqual(set(emails.mapped("message_type")), {"email"})
        for email in emails:
            self.assertEqual(email.author_id.id, email.res_id)
            self.assertTrue(email.subject)
        planned = self.history["planned"]
        self.assertEqual(len(planned), 1)
        self.assertEqual(set(planned.mapped("res_model")), {"res.partner"})
        for activity in planned:
            client = self.env["res.partner"].browse(activity.res_id)
            self.assertEqual(activity.user_id, client.user_id)
            self.assertTrue(activity.summary)
        self.assertEqual(
            sorted((a.date_deadline - self.today).days for a in planned),
            [12],
        )
        notes = self.history["notes"]
        self.assertEqual(
            Counter(notes.mapped("model")),
            Counter({"res.partner": 3, "sale.order": 2}),
        )
        self.assertEqual(
            set(notes.filtered(lambda n: n.model == "res.partner").mapped("res_id")),
            set(self.data["designers"].ids),
        )

    def test_decision_makers(self):
        contacts = self.data["contacts"]
        self.assertEqual(self.history["decision_makers"], contacts)
        self.assertEqual(
            [(c.parent_id.name, c.decision_role, c.function) for c in contacts],
            [
                ("Artinterior LLC 1", "decision_maker", "Director"),
                ("Okadom Studio 5", "decision_maker", "Director"),
                ("Okadom Studio 5", "budget_holder", "Chief Accountant"),
                ("Okadom Studio 5", "influencer", "Project Manager"),
                ("Homeoka Hotel 9", "decision_maker", "Director"),
            ],
        )
        for company in contacts.parent_id:
            self.assertEqual(
                company.decision_maker_ids[:1].decision_role, "decision_maker"
            )
