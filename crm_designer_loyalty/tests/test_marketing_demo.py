# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date

from odoo.tests import tagged

from ..demo.crm_designer_demo import CrmDesignerDemo
from ..demo.marketing_demo import MarketingDemo
from .common import DesignerCrmCommon


@tagged("post_install", "-at_install")
class TestMarketingDemo(DesignerCrmCommon):
    """The marketing and deal-cycle demo data on a small generated data set."""

    def test_marketing_demo(self):
        env = self.env(su=True)
        today = date(2026, 6, 15)
        generated = CrmDesignerDemo(env).generate(
            designers=3, clients=12, months=6, seed=11, today=today
        )
        env["crm.segmentation.run"]._run_company(self.company, today)
        data = MarketingDemo(env).load(today=today, clients=generated["clients"])
        leads = data["leads"]
        self.assertEqual(len(leads), 6)
        self.assertEqual(len(leads.filtered(lambda lead: not lead.active)), 2)
        self.assertTrue(all(lead.cdl_party_ids for lead in leads))
        self.assertEqual(leads.order_ids.opportunity_id, leads)
        cancelled = data["cancelled_orders"]
        self.assertEqual(len(cancelled), 3)
        self.assertEqual(set(cancelled.mapped("state")), {"cancel"})
        self.assertTrue(all(cancelled.mapped("cdl_cancel_reason_id")))
        scheduled = data["scheduled_orders"].with_context(cdl_today=today)
        self.assertEqual(len(scheduled.cdl_schedule_ids), 12)
        # nothing invoiced: every first payment stage is overdue
        self.assertEqual(
            scheduled.cdl_schedule_ids.filtered(
                lambda s: s.kind == "payment" and s.is_overdue
            ).order_id,
            scheduled,
        )
        self.assertEqual(
            data["mailing"]._get_recipients(),
            env["res.partner"].search([("abc_class", "=", "A")]).ids,
        )
        self.assertTrue(data["mailing"]._get_recipients())
        campaign = data["campaign"]
        self.assertEqual(data["mailing"].campaign_id, campaign)
        self.assertEqual(len(campaign.cdl_effect_ids), 4)
        targeted = campaign.cdl_effect_ids.filtered(lambda r: r.group == "target")
        self.assertEqual(
            targeted.mapped("partner_count"),
            [len(env["res.partner"].search([("abc_class", "=", "A")])[::2])] * 2,
        )
        self.assertTrue(all(leads.mapped("source_id")))
        self.assertEqual(
            sorted(data["mailing_list"].contact_ids.mapped("email")),
            sorted(
                generated["clients"][:12].designer_id.filtered("email").mapped("email")
            ),
        )
