# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date

from odoo.exceptions import AccessError
from odoo.tests import tagged

from .planning_common import PlanningCommon


@tagged("post_install", "-at_install")
class TestScorecard(PlanningCommon):
    """March 2026 beside February, for cdl_sales (chair: cost 400), by hand:

    - February: A 100, B 200, C 300, E 50 credited in full: clients A, B, C
      (E nets zero); sales 600, gross profit -600;
    - March: A 400 and D 1000 (D's first invoice) by cdl_sales, C 500 by
      cdl_sales2: sales 1400, gross profit 600; retained A and C: 2 / 3 =
      66.67 %; one new client (D);
    - orders: one confirmed in February, one confirmed and one cancelled in
      March; done activities in March: 2 calls, 1 meeting, 1 email, 1 to-do;
    - partners of cdl_sales: Anna Designer, Client One, B, C, D, E; B and D
      have the required email and city: 2 / 6 = 33.33 %;
    - lost in March: 2 "Too expensive", 1 "Chose a competitor", 1 no reason;
    - complaints of cdl_sales's clients: received Feb 5 (closed Feb 8, 3
      days), Feb 20 (closed Mar 2, 10 days), Mar 3 (closed Mar 5, 2 days),
      Mar 20 (open): March 2 received, (10 + 2) / 2 = 6 days; February 2
      received, 3 days; one complaint of cdl_sales2's client in March.
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        sales, sales2 = cls.user_sales, cls.user_sales2
        Partner = cls.env["res.partner"]

        def client(name, **values):
            return Partner.create({"name": name, "user_id": sales.id, **values})

        a = cls.client
        b = client("B", email="b@example.com", city="Kstovo")
        c = client("C", email="c@example.com")
        d = client("D", email="d@example.com", city="Bor")
        e = client("E")
        for partner, amount in ((a, 100), (b, 200), (c, 300), (e, 50)):
            cls._sale(partner, sales, amount, date(2026, 2, 10))
        cls._sale(e, sales, 50, date(2026, 2, 20), move_type="out_refund")
        cls._sale(a, sales, 400, date(2026, 3, 5))
        cls._sale(d, sales, 1000, date(2026, 3, 6))
        cls._sale(c, sales2, 500, date(2026, 3, 7))
        for day, cancel in (
            ("2026-02-10", False),
            ("2026-03-10", False),
            ("2026-03-11", True),
        ):
            order = cls._order(a, 100, user_id=sales.id)
            if cancel:
                order.cdl_cancel_reason_id = cls.env.ref(
                    "crm_designer_loyalty.sale_order_cancel_reason_other"
                )
                order._action_cancel()
            order.date_order = f"{day} 10:00:00"
        cls.company.cdl_scorecard_field_ids = (
            cls.env["ir.model.fields"]
            .sudo()
            .search([("model", "=", "res.partner"), ("name", "in", ("email", "city"))])
        )
        cls._done_activities(a, sales)
        cls._lost_leads(sales)
        cls._claims(a, b, cls.client_other)
        cls.plan = cls._plan([{"user_id": sales.id, "target_revenue": 1000}])
        action = cls.plan.action_compute_scorecards()
        cls.Card = cls.env["crm.sales.scorecard"].with_user(cls.user_manager)
        cls.cards = cls.Card.search(action["domain"])

    @classmethod
    def _done_activities(cls, partner, user):
        types = [
            "mail.mail_activity_data_call",
            "mail.mail_activity_data_call",
            "mail.mail_activity_data_meeting",
            "mail.mail_activity_data_email",
            "mail.mail_activity_data_todo",
        ]
        # one at a time: a batch subscribes the same user once per activity
        activities = cls.env["mail.activity"]
        for xmlid in types:
            activities |= activities.create(
                {
                    "res_model_id": cls.env["ir.model"]._get_id("res.partner"),
                    "res_id": partner.id,
                    "activity_type_id": cls.env.ref(xmlid).id,
                    "user_id": user.id,
                }
            )
        messages = activities.with_user(user)._action_done()[0]
        messages.flush_recordset()
        cls.env.cr.execute(
            "UPDATE mail_message SET date = '2026-03-12 09:00' WHERE id IN %s",
            [tuple(messages.ids)],
        )

    @classmethod
    def _lost_leads(cls, user):
        Reason = cls.env["crm.lost.reason"]
        expensive = Reason.create({"name": "Too expensive"})
        competitor = Reason.create({"name": "Chose a competitor"})
        leads = cls.env["crm.lead"].create(
            [{"name": f"Lead {i}", "user_id": user.id} for i in range(4)]
        )
        for lead, reason in zip(
            leads, (expensive, expensive, competitor, Reason), strict=True
        ):
            lead.action_set_lost(lost_reason_id=reason.id)
        leads.flush_recordset()
        cls.env.cr.execute(
            "UPDATE crm_lead SET date_closed = '2026-03-15' WHERE id IN %s",
            [tuple(leads.ids)],
        )

    @classmethod
    def _claims(cls, a, b, other):
        settled = cls.env.ref("crm_claim.stage_claim2")
        cls.env["crm.claim"].create(
            [
                {
                    "name": f"Complaint {received}",
                    "partner_id": partner.id,
                    "date": f"{received} 09:00:00",
                    **(
                        {"stage_id": settled.id, "date_closed": f"{closed} 09:00:00"}
                        if closed
                        else {}
                    ),
                }
                for partner, received, closed in (
                    (a, "2026-02-05", "2026-02-08"),
                    (b, "2026-02-20", "2026-03-02"),
                    (a, "2026-03-03", "2026-03-05"),
                    (b, "2026-03-20", None),
                    (other, "2026-03-21", None),
                )
            ]
        )

    def test_scorecard_by_hand(self):
        card = self.cards.filtered(lambda c: c.user_id == self.user_sales)
        self.assertRecordValues(
            card,
            [
                {
                    "date_from": date(2026, 3, 1),
                    "date_to": date(2026, 3, 31),
                    "rank": 1,
                    "sales": 1400,
                    "prev_sales": 600,
                    "gross_profit": 600,
                    "prev_gross_profit": -600,
                    "prev_client_count": 3,
                    "retained_client_count": 2,
                    "retention_rate": 66.67,
                    "new_client_count": 1,
                    "order_count": 1,
                    "prev_order_count": 1,
                    "cancelled_order_count": 1,
                    "call_count": 2,
                    "meeting_count": 1,
                    "email_count": 1,
                    "other_activity_count": 1,
                    "partner_count": 6,
                    "complete_partner_count": 2,
                    "completeness": 33.33,
                    "lost_count": 4,
                    "top_loss_reasons": "Too expensive (2), Chose a competitor (1)",
                    "claim_count": 2,
                    "prev_claim_count": 2,
                    "claim_resolution_days": 6,
                    "prev_claim_resolution_days": 3,
                }
            ],
        )
        other = self.cards.filtered(lambda c: c.user_id == self.user_sales2)
        self.assertEqual(
            (other.rank, other.sales, other.new_client_count, other.claim_count),
            (2, 500, 0, 1),
        )
        # a second computation replaces the period's rows
        self.plan.action_compute_scorecards()
        self.assertFalse(self.cards.exists() - self.cards)
        self.assertEqual(
            self.Card.search_count([("date_from", "=", date(2026, 3, 1))]),
            len(self.cards),
        )

    def test_activity_volume(self):
        Volume = self.env["crm.activity.volume.report"].with_user(self.user_sales)
        rows = Volume.search(
            [("date", ">=", "2026-03-01"), ("date", "<", "2026-04-01")]
        )
        self.assertEqual(
            sorted(rows.mapped("kind")), ["call", "call", "email", "meeting", "other"]
        )
        self.assertEqual(rows.user_id, self.user_sales)
        self.assertEqual(rows.team_id, self.team)
        groups = Volume._read_group(
            [("date", ">=", "2026-03-01")], ["kind"], ["__count"]
        )
        self.assertEqual(
            dict(groups), {"call": 2, "meeting": 1, "email": 1, "other": 1}
        )
        self.assertFalse(
            self.env["crm.activity.volume.report"]
            .with_user(self.user_sales2)
            .search([("date", ">=", "2026-03-01"), ("date", "<", "2026-04-01")])
        )

    def test_scorecard_access_and_pdf(self):
        Card = self.env["crm.sales.scorecard"].with_user(self.user_sales)
        own = Card.search([("date_from", "=", date(2026, 3, 1))])
        self.assertEqual(own.user_id, self.user_sales)
        with self.assertRaises(AccessError):
            own.sales = 1e9
        other = self.cards.filtered(lambda c: c.user_id == self.user_sales2)
        with self.assertRaises(AccessError):
            other.with_user(self.user_sales).read(["sales"])
        html = (
            self.env["ir.actions.report"]
            .with_user(self.user_sales)
            ._render_qweb_html(
                "crm_designer_loyalty.crm_sales_scorecard_report_action", own.ids
            )[0]
            .decode()
        )
        self.assertIn("Too expensive (2)", html)
        self.assertIn("Average Resolution (days)", html)
        self.assertIn(self.user_sales.name, html)
