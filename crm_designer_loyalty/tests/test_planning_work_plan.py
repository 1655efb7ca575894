# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date, timedelta

from odoo.exceptions import AccessError
from odoo.tests import tagged

from .planning_common import PlanningCommon


@tagged("post_install", "-at_install")
class TestWorkPlan(PlanningCommon):
    """cdl_sales2 leads the Designer Team (member: cdl_sales). Planned:
    cdl_sales a call on Monday 2026-03-02 and a meeting on Thursday
    2026-03-05 (week 10), a to-do on 2026-03-10 (week 11); cdl_sales2 a call
    on 2026-03-03; the manager a to-do on 2026-03-04; one done activity of
    cdl_sales is no longer planned."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.team.user_id = cls.user_sales2
        Activity = cls.env["mail.activity"]
        partner_model = cls.env["ir.model"]._get_id("res.partner")

        def plan(user, xmlid, day, summary):
            return Activity.create(
                {
                    "res_model_id": partner_model,
                    "res_id": cls.client.id,
                    "activity_type_id": cls.env.ref(xmlid).id,
                    "user_id": user.id,
                    "date_deadline": day,
                    "summary": summary,
                }
            )

        sales, sales2, manager = cls.user_sales, cls.user_sales2, cls.user_manager
        cls.activities = (
            plan(sales, "mail.mail_activity_data_call", "2026-03-02", "Call A")
            | plan(sales, "mail.mail_activity_data_meeting", "2026-03-05", "Meet A")
            | plan(sales, "mail.mail_activity_data_todo", "2026-03-10", "Quote A")
            | plan(sales2, "mail.mail_activity_data_call", "2026-03-03", "Call B")
            | plan(manager, "mail.mail_activity_data_todo", "2026-03-04", "Review")
        )
        done = plan(sales, "mail.mail_activity_data_call", "2026-03-02", "Done")
        done._action_done()

    def _plans(self, user, domain=()):
        return (
            self.env["crm.work.plan.report"]
            .with_user(user)
            .search([("activity_id", "in", self.activities.ids), *domain])
        )

    def test_access(self):
        """Own activities; a team leader's team members'; the manager all."""
        self.assertEqual(
            self._plans(self.user_sales).mapped("summary"),
            ["Call A", "Meet A", "Quote A"],
        )
        self.assertEqual(
            self._plans(self.user_sales2).mapped("summary"),
            ["Call A", "Call B", "Meet A", "Quote A"],
        )
        self.assertEqual(len(self._plans(self.user_manager)), 5)
        other = self._plans(self.user_manager, [("summary", "=", "Call B")])
        with self.assertRaises(AccessError):
            other.with_user(self.user_sales).read(["summary"])
        with self.assertRaises(AccessError):
            other.with_user(self.user_manager).write({"summary": "x"})

    def test_filters_and_weeks(self):
        leader = self.user_sales2
        my_team = [("user_id.crm_team_ids.user_id", "=", leader.id)]
        self.assertEqual(
            self._plans(leader, my_team).mapped("summary"),
            ["Call A", "Meet A", "Quote A"],
        )
        weeks = (
            self.env["crm.work.plan.report"]
            .with_user(self.user_manager)
            ._read_group(
                [("activity_id", "in", self.activities.ids)],
                ["date_deadline:week", "team_id"],
                ["__count"],
            )
        )
        # the week starts on Sunday or Monday, as the language says
        first = weeks[0][0]
        self.assertIn(first, (date(2026, 3, 1), date(2026, 3, 2)))
        self.assertEqual(
            [(week, team.name, count) for week, team, count in weeks],
            [
                (first, "Designer Team", 2),
                (first, "Other Team", 1),
                (first, False, 1),
                (first + timedelta(days=7), "Designer Team", 1),
            ],
        )

    def test_open_document(self):
        plan = self._plans(self.user_sales, [("summary", "=", "Quote A")])
        action = plan.action_open_document()
        self.assertEqual(
            (action["res_model"], action["res_id"]), ("res.partner", self.client.id)
        )
