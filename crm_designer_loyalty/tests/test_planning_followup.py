# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import timedelta

from odoo import fields
from odoo.exceptions import ValidationError
from odoo.tests import tagged

from .planning_common import PlanningCommon


@tagged("post_install", "-at_install")
class TestNoInquiryLost(PlanningCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.team.user_id = cls.user_manager
        Lead = cls.env["crm.lead"]
        cls.bare, cls.planned, cls.late, cls.won = Lead.create(
            [
                {
                    "name": name,
                    "type": "opportunity",
                    "user_id": cls.user_sales.id,
                    "team_id": cls.team.id,
                }
                for name in ("Bare", "Planned", "Late", "Won")
            ]
        )
        today = fields.Date.today()
        cls.planned.activity_schedule(
            "mail.mail_activity_data_call",
            date_deadline=today + timedelta(days=2),
            user_id=cls.user_sales.id,
        )
        cls.late.activity_schedule(
            "mail.mail_activity_data_call",
            date_deadline=today - timedelta(days=2),
            user_id=cls.user_sales.id,
        )
        cls.won.action_set_won()
        cls.leads = cls.bare | cls.planned | cls.late | cls.won

    def test_no_next_step(self):
        self.assertEqual(
            self.leads.mapped("cdl_no_next_step"), [True, False, True, False]
        )
        Lead = self.env["crm.lead"]
        self.assertEqual(
            Lead.search(
                [("id", "in", self.leads.ids), ("cdl_no_next_step", "=", True)]
            ),
            self.bare | self.late,
        )
        self.assertEqual(
            Lead.search(
                [("id", "in", self.leads.ids), ("cdl_no_next_step", "!=", True)]
            ),
            self.planned | self.won,
        )

    def test_pipeline_counts(self):
        """The pipeline's side panel counts the salesperson's leads by next
        step; a category filters them."""
        self.assertEqual(
            self.leads.mapped("cdl_next_step"), ["missing", "planned", "overdue", "won"]
        )
        Lead = self.env["crm.lead"].with_user(self.user_sales)
        panel = Lead.search_panel_select_range(
            "cdl_next_step",
            enable_counters=True,
            search_domain=[("user_id", "=", self.user_sales.id)],
        )
        self.assertEqual(
            {value["id"]: value["__count"] for value in panel["values"]},
            {"missing": 1, "overdue": 1, "planned": 1, "won": 1},
        )
        self.assertEqual(
            Lead.search(
                [
                    ("user_id", "=", self.user_sales.id),
                    ("cdl_next_step", "=", "overdue"),
                ]
            ),
            self.late,
        )
        self.assertEqual(
            Lead.search(
                [
                    ("user_id", "=", self.user_sales.id),
                    ("cdl_next_step", "in", ["missing", "planned"]),
                ]
            ),
            self.bare | self.planned,
        )

    def test_daily_todo_for_the_sales_manager(self):
        self.company.cdl_no_next_step_days = 3
        self.env.flush_all()
        self.env.cr.execute(
            "UPDATE crm_lead SET write_date = now() - interval '4 days',"
            " date_last_stage_update = now() - interval '4 days' WHERE id IN %s",
            [tuple(self.leads.ids)],
        )
        self.env.invalidate_all()
        Lead = self.env["crm.lead"]
        Lead._cron_cdl_no_next_step()
        # only the lead without any activity: the overdue one has its own to-do
        todo = self.bare.activity_ids
        self.assertEqual(todo.user_id, self.user_manager)
        self.assertEqual(todo.summary, "No next step")
        self.assertEqual(len(self.late.activity_ids), 1)
        self.assertFalse(self.won.activity_ids)
        Lead._cron_cdl_no_next_step()
        self.assertEqual(len(self.bare.activity_ids), 1)
        with self.assertRaises(ValidationError):
            self.company.cdl_no_next_step_days = -1
