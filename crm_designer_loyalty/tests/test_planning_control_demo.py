# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date

from odoo.tests import tagged

from ..demo.crm_designer_demo import CrmDesignerDemo
from ..demo.planning_control_demo import PlanningControlDemo
from .common import DesignerCrmCommon


@tagged("post_install", "-at_install")
class TestPlanningControlDemo(DesignerCrmCommon):
    def test_demo_deliveries_and_work_plans(self):
        env = self.env(su=True)
        today = date(2026, 6, 15)
        CrmDesignerDemo(env).generate(
            designers=3, clients=30, months=6, seed=3, today=today
        )
        PlanningControlDemo(env).load(today=today)
        rows = env["crm.order.delivery.report"].search([])
        old = rows.filtered(lambda r: r.date < date(2026, 5, 1))
        self.assertTrue(old)
        self.assertEqual(set(old.mapped("qty_undelivered")), {0})
        self.assertTrue(any(r.qty_undelivered > 0 for r in rows - old))
        users = env["res.users"].search([("login", "=like", "cdl_demo_sales_%")])
        self.assertEqual(
            users.sale_team_id.user_id, users.filtered(lambda u: u.login[-1] in "13")
        )
        plans = env["crm.work.plan.report"].search(
            [("user_id", "in", users.ids), ("date_deadline", ">", today)]
        )
        self.assertEqual(
            sorted(
                set(plans.mapped("summary")) & {"Showroom visit", "Send the quotation"}
            ),
            ["Send the quotation", "Showroom visit"],
        )
        self.assertEqual(
            set(
                plans.filtered(lambda p: p.summary == "Showroom visit").mapped(
                    "date_deadline"
                )
            ),
            {date(2026, 6, 22)},
        )
