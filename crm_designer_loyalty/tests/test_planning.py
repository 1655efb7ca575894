# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date

from odoo.tests import tagged

from .planning_common import PlanningCommon


@tagged("post_install", "-at_install")
class TestPlanFact(PlanningCommon):
    """March 2026, by hand (chair: cost 400, category Chairs under Furniture;
    lamp: cost 100, Lighting):

    - Client One (bought in January: guaranteed), salesperson cdl_sales:
      chair 1000 (margin 600), lamp 300 (margin 200), lamp credited 300
      (margin -200): revenue 1000, margin 600;
    - Client New (first purchase: planned), salesperson cdl_sales2, team Other,
      medium Instagram: chair 2000 (margin 1600);
    - not counted: an April invoice, a draft March invoice.
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        sales, sales2 = cls.user_sales, cls.user_sales2
        cls._sale(cls.client, sales, 500, date(2026, 1, 20))
        cls.inv_chair = cls._sale(cls.client, sales, 1000, date(2026, 3, 5))
        cls.inv_lamp = cls._sale(cls.client, sales, 300, date(2026, 3, 10), cls.lamp)
        cls.refund = cls._sale(
            cls.client,
            sales,
            300,
            date(2026, 3, 20),
            cls.lamp,
            move_type="out_refund",
            reversed_entry_id=cls.inv_lamp.id,
        )
        cls.inv_new = cls._sale(
            cls.client_new,
            sales2,
            2000,
            date(2026, 3, 15),
            team_id=cls.other_team.id,
            medium_id=cls.instagram.id,
        )
        cls._sale(cls.client, sales, 5000, date(2026, 4, 1))
        cls._sale(cls.client, sales, 7000, date(2026, 3, 25), post=False)
        cls.plan = cls._plan(
            [
                {"user_id": sales.id, "target_revenue": 1500},
                {"categ_id": cls.furniture.id, "target_revenue": 2500},
                {"nature": "planned", "target_revenue": 1000},
                {"nature": "guaranteed", "target_margin": 500},
                {
                    "city": " nizhny NOVGOROD ",
                    "medium_id": cls.instagram.id,
                    "target_revenue": 2500,
                },
                {
                    "state_id": cls.region.id,
                    "team_id": cls.other_team.id,
                    "partner_id": cls.client_new.id,
                    "target_revenue": 2000,
                    "target_margin": 1000,
                },
                {
                    "categ_id": cls.lighting.id,
                    "user_id": sales2.id,
                    "target_revenue": 10,
                },
            ]
        )
        cls.plan.action_compute_plan_fact()
        cls.lines = cls.plan.line_ids.sorted("id")

    def test_plan_fact_by_hand(self):
        self.assertEqual(
            [
                (
                    line.actual_revenue,
                    line.actual_margin,
                    line.fulfilment,
                    line.deviation_revenue,
                    line.flag,
                )
                for line in self.lines
            ],
            [
                (1000, 600, 66.67, -500, "under"),
                (3000, 2200, 120.0, 500, "on"),  # sub-category, 120 % is not above
                (2000, 1600, 200.0, 1000, "over"),
                (1000, 600, 120.0, 1000, "on"),  # on margin: 600 / 500
                (2000, 1600, 80.0, -500, "under"),
                (2000, 1600, 100.0, 0, "on"),
                (0, 0, 0.0, -10, "under"),
            ],
        )
        self.assertEqual(self.lines[5].deviation_margin, 600)

    def test_drill_down(self):
        action = self.lines[0].action_view_documents()
        self.assertEqual(action["res_model"], "account.move")
        moves = self.env["account.move"].search(action["domain"])
        self.assertEqual(moves, self.inv_chair | self.inv_lamp | self.refund)
        action = self.lines[2].action_view_documents()
        self.assertEqual(
            self.env["account.move"].search(action["domain"]), self.inv_new
        )

    def test_coordination_activities(self):
        flagged = self.lines.filtered(lambda l: l.flag in ("under", "over"))
        self.assertEqual(len(flagged), 4)
        self.assertEqual(flagged.activity_ids.user_id, self.user_manager)
        self.assertEqual(len(flagged.activity_ids), 4)
        self.assertFalse((self.lines - flagged).activity_ids)
        # a second computation adds none
        self.plan.action_compute_plan_fact()
        self.assertEqual(len(self.lines.activity_ids), 4)

    def test_actuals_from_confirmed_orders(self):
        self.company.cdl_plan_actual_source = "order"
        order = self._order(self.client, 700, user_id=self.user_sales.id)
        order.date_order = "2026-03-12 10:00:00"
        self._order(self.client, 900, user_id=self.user_sales.id, confirm=False)
        self.plan.action_compute_plan_fact()
        self.assertEqual(self.lines[0].actual_revenue, 700)
        action = self.lines[0].action_view_documents()
        self.assertEqual(action["res_model"], "sale.order")
        self.assertEqual(action["domain"], [("id", "in", order.ids)])

    def test_copy_next_period_with_growth(self):
        wizard = (
            self.env["crm.sales.plan.copy"]
            .with_user(self.user_manager)
            .create({"plan_id": self.plan.id, "name": "April", "growth_pct": 10})
        )
        action = wizard.action_copy()
        april = self.Plan.browse(action["res_id"])
        self.assertEqual(april.date_from, date(2026, 4, 1))
        self.assertEqual(april.date_to, date(2026, 4, 30))
        self.assertEqual(april.state, "draft")
        lines = april.line_ids.sorted("id")
        self.assertEqual(
            lines.mapped("target_revenue"), [1650, 2750, 1100, 0, 2750, 2200, 11]
        )
        self.assertEqual(lines[3].target_margin, 550)
        self.assertEqual(lines[4].city, " nizhny NOVGOROD ")
        self.assertEqual(lines[0].user_id, self.user_sales)
        self.assertFalse(lines[0].actual_revenue)
