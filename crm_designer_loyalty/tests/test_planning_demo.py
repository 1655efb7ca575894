# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date

from odoo.tests import tagged

from ..demo.crm_designer_demo import CrmDesignerDemo
from ..demo.planning_demo import PlanningDemo
from .common import DesignerCrmCommon


@tagged("post_install", "-at_install")
class TestPlanningDemo(DesignerCrmCommon):
    def test_demo_plans(self):
        env = self.env(su=True)
        today = date(2026, 6, 15)
        CrmDesignerDemo(env).generate(
            designers=3, clients=30, months=14, seed=3, today=today
        )
        plans = PlanningDemo(env).load(past=3, future=2, today=today)
        self.assertEqual(
            plans.mapped("date_from"),
            [date(2026, m, 1) for m in (3, 4, 5, 6, 7)],
        )
        past = plans.filtered(lambda p: p.date_from < date(2026, 6, 1))
        self.assertEqual(set(past.mapped("state")), {"approved"})
        self.assertEqual(set((plans - past).mapped("state")), {"draft"})
        # 4 salespeople x 2 natures, 2 teams, 3 categories, 4 assortment lines
        self.assertEqual(set(plans.mapped("line_count")), {17})
        lines = past.line_ids
        self.assertTrue(lines.filtered(lambda l: l.flag == "under"))
        self.assertTrue(lines.filtered(lambda l: l.flag == "on"))
        self.assertTrue(all(line.forecast_method for line in plans.line_ids[:8]))
        self.assertTrue(lines.filtered(lambda l: l.flag != "on").activity_ids)
        # bonuses approved up to April, May's in draft
        bonuses = past.bonus_ids
        self.assertEqual(len(bonuses), 12)
        self.assertEqual(
            set(bonuses.filtered(lambda b: b.state == "approved").mapped("date_from")),
            {date(2026, 3, 1), date(2026, 4, 1)},
        )
        self.assertTrue(any(bonuses.mapped("amount")))
        leads = env["crm.lead"].search([("name", "like", ": project ")])
        self.assertEqual(len(leads), 12)
        bare = leads.filtered(lambda lead: not lead.activity_ids)
        self.assertEqual(len(bare), 4)
        self.assertTrue(all(bare.mapped("cdl_no_next_step")))
        kinds = env["crm.activity.volume.report"].search([]).mapped("kind")
        self.assertTrue({"call", "meeting", "email"} <= set(kinds))
        cards = env["crm.sales.scorecard"].search([])
        self.assertEqual(set(cards.mapped("date_from")), set(past.mapped("date_from")))
