# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Contact history across clients: done activities, emails, messages and notes
on the clients and their opportunities, by who did them, type, purpose and
result; a salesperson sees the history of their own clients."""

from odoo.tests import tagged

from ..demo.contact_history_demo import DONE_ACTIVITIES, ContactHistoryDemo
from .common import DesignerCrmCommon


@tagged("post_install", "-at_install")
class TestContactHistory(DesignerCrmCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        call = cls.env.ref("mail.mail_activity_data_call")
        client = cls.client.with_user(cls.user_sales)
        client.activity_schedule(
            activity_type_id=call.id,
            summary="Present the collection",
            user_id=cls.user_sales.id,
        ).action_feedback(feedback="Order agreed")
        client.message_post(
            body="Catalogue sent",
            message_type="comment",
            subtype_xmlid="mail.mt_comment",
        )
        client.message_post(
            body="Prefers oak", message_type="comment", subtype_xmlid="mail.mt_note"
        )
        # not a contact: a notification (what message_post posts by default)
        client.message_post(body="Address updated")
        lead = cls.env["crm.lead"].create(
            {
                "name": "Kitchen",
                "partner_id": cls.client_other.id,
                "user_id": cls.user_sales2.id,
                "type": "opportunity",
            }
        )
        lead = lead.with_user(cls.user_sales2)
        lead.activity_schedule(
            activity_type_id=call.id, summary=False, user_id=cls.user_sales2.id
        ).action_feedback()
        lead.message_post(body="Quote", message_type="email")
        cls.clients = cls.client | cls.client_other

    def _counts(self, groupby, user=None):
        Report = self.env["crm.contact.history.report"].with_user(
            user or self.user_manager
        )
        return {
            tuple(
                (key.display_name or False) if hasattr(key, "_name") else key
                for key in keys
            ): count
            for *keys, count in Report._read_group(
                [("partner_id", "in", self.clients.ids)], groupby, ["__count"]
            )
        }

    def test_contact_history_counts(self):
        self.assertEqual(
            self._counts(["author_user_id", "kind"]),
            {
                (self.user_sales.name, "activity"): 1,
                (self.user_sales.name, "message"): 1,
                (self.user_sales.name, "note"): 1,
                (self.user_sales2.name, "activity"): 1,
                (self.user_sales2.name, "email"): 1,
            },
        )
        self.assertEqual(
            self._counts(["partner_id", "activity_type_id", "purpose", "result"]),
            {
                ("Client One", "Call", "Present the collection", "Order agreed"): 1,
                ("Client One", False, False, False): 2,
                ("Client Other", "Call", False, False): 1,
                ("Client Other", False, False, False): 1,
            },
        )
        self.assertEqual(sum(self._counts(["date:month"]).values()), 5)

    def test_salesperson_sees_own_clients(self):
        self.assertEqual(
            self._counts(["partner_id"], self.user_sales), {("Client One",): 3}
        )
        self.assertEqual(
            self._counts(["partner_id"], self.user_sales2), {("Client Other",): 2}
        )
        self.assertEqual(
            self._counts(["partner_id"], self.user_manager),
            {("Client One",): 3, ("Client Other",): 2},
        )

    def test_demo(self):
        """The demo contacts: the done activities of a client keep their
        purpose and result, by the client's salesperson."""
        user = self._create_user(
            "cdl_demo_sales_test", "crm_designer_loyalty.group_designer_user"
        )
        client = self.env["res.partner"].create(
            {"name": "Demo Client", "user_id": user.id}
        )
        done = ContactHistoryDemo(self.env, client).done_activities()
        rows = (
            self.env["crm.contact.history.report"]
            .sudo()
            .search([("partner_id", "=", client.id)])
        )
        self.assertEqual(len(rows), len(done))
        self.assertEqual(set(rows.mapped("kind")), {"activity"})
        self.assertEqual(rows.author_user_id, user)
        expected = {
            (purpose, result)
            for choices in DONE_ACTIVITIES.values()
            for purpose, results in choices
            for result in results
        }
        for row in rows:
            self.assertIn((row.purpose, row.result), expected)
