# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date, datetime

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from .common import DesignerCrmCommon


@tagged("post_install", "-at_install")
class TestCampaignEffect(DesignerCrmCommon):
    """Issue 16: the difference in differences of a campaign against the
    untargeted partners of its segment, and the conversion by source."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.mailer = cls._create_user(
            "cdl_mailer",
            "crm_designer_loyalty.group_designer_user",
            "mass_mailing.group_mass_mailing_user",
        )
        tag = cls.env["res.partner.category"].create({"name": "Spring segment"})
        Partner = cls.env["res.partner"]
        cls.t1, cls.t2, cls.c1, cls.c2, cls.c3 = Partner.create(
            [
                {"name": name, "email": f"{name}@example.com", "category_id": tag.ids}
                for name in ("t1", "t2", "c1", "c2", "c3")
            ]
        )
        cls.campaign = cls.env["utm.campaign"].create(
            {
                "title": "Spring",
                "cdl_segment_domain": repr([("category_id", "in", tag.ids)]),
                "cdl_effect_weeks": 4,
            }
        )
        mailing = cls.env["mailing.mailing"].create(
            {
                "subject": "Spring",
                "campaign_id": cls.campaign.id,
                "mailing_model_id": cls.env["ir.model"]._get_id("res.partner"),
                "mailing_domain": repr([("id", "in", (cls.t1 | cls.t2).ids)]),
            }
        )
        cls.env["mailing.trace"].create(
            [
                {
                    "model": "res.partner",
                    "res_id": partner.id,
                    "mass_mailing_id": mailing.id,
                    "email": partner.email,
                    "trace_status": "sent",
                    "sent_datetime": datetime(2026, 3, 1, 10, hour),
                }
                for hour, partner in enumerate(cls.t1 | cls.t2)
            ]
        )

    def test_01_difference_in_differences(self):
        """Before: 1 Feb - 1 Mar 2026, after: 1 - 29 Mar 2026.
        Revenue per partner: targeted 50 -> 300 (+250), control 120 -> 150
        (+30): DiD 220. Orders per partner: targeted 0 -> 1/2, control 1/3 ->
        0: DiD 5/6. Leads: targeted 0 -> 1/2, control 0 -> 0: DiD 1/2."""
        for partner, amount, day in (
            (self.t1, 100, date(2026, 2, 10)),
            (self.t1, 400, date(2026, 3, 20)),
            (self.t1, 1000, date(2026, 1, 10)),  # before the before period
            (self.t1, 1000, date(2026, 3, 29)),  # after the after period
            (self.t2, 200, date(2026, 3, 2)),
            (self.c1, 300, date(2026, 2, 28)),
            (self.c1, 300, date(2026, 3, 1)),
            (self.c2, 150, date(2026, 3, 15)),
            (self.c3, 60, date(2026, 2, 1)),
            (self.client, 5000, date(2026, 3, 15)),  # not in the segment
        ):
            self._invoice(partner, amount, date=day)
        for partner, day in (
            (self.t1, "2026-03-05 09:00"),
            (self.c1, "2026-02-20 09:00"),
        ):
            self._order(partner, 10).date_order = day
        lead = self.env["crm.lead"].create({"name": "Spring", "partner_id": self.t2.id})
        self.env.flush_all()
        self.env.cr.execute(
            "UPDATE crm_lead SET create_date = '2026-03-10' WHERE id = %s", [lead.id]
        )
        self.campaign.with_user(self.mailer).action_cdl_compute_effect()
        self.assertEqual(self.campaign.cdl_effect_date, date(2026, 3, 1))
        rows = {
            (r.group, r.period): (
                r.partner_count,
                r.lead_count,
                r.order_count,
                r.revenue,
            )
            for r in self.campaign.cdl_effect_ids
        }
        self.assertEqual(
            rows,
            {
                ("target", "before"): (2, 0, 0, 100),
                ("target", "after"): (2, 1, 1, 600),
                ("control", "before"): (3, 0, 1, 360),
                ("control", "after"): (3, 0, 0, 450),
            },
        )
        self.assertAlmostEqual(self.campaign.cdl_did_revenue, 220, places=2)
        self.assertAlmostEqual(self.campaign.cdl_did_orders, 5 / 6, places=4)
        self.assertAlmostEqual(self.campaign.cdl_did_leads, 0.5, places=4)
        # computed again: the rows are replaced, not added
        self.campaign.with_user(self.mailer).action_cdl_compute_effect()
        self.assertEqual(len(self.campaign.cdl_effect_ids), 4)

    def test_02_refusals(self):
        with self.assertRaisesRegex(AccessError, "Only Sales Managers"):
            self.campaign.with_user(self.user_sales).action_cdl_compute_effect()
        with self.assertRaisesRegex(ValidationError, "between 1 and 104"):
            self.campaign.cdl_effect_weeks = 0
        self.campaign.cdl_segment_domain = "[('name', '=',"
        with self.assertRaisesRegex(UserError, "not a valid filter"):
            self.campaign.with_user(self.mailer).action_cdl_compute_effect()
        unsent = self.env["utm.campaign"].create({"title": "Unsent"})
        with self.assertRaisesRegex(UserError, "has sent no mailing"):
            unsent.with_user(self.mailer).action_cdl_compute_effect()

    def test_03_conversion_by_source(self):
        source = self.env["utm.source"].create({"name": "Exhibition"})
        Lead = self.env["crm.lead"]
        values = {"source_id": source.id, "user_id": self.user_sales.id}
        Lead.create({**values, "name": "L1", "type": "lead"})
        lost = Lead.create({**values, "name": "L2", "type": "opportunity"})
        lost.action_set_lost()
        won = Lead.create(
            {
                **values,
                "name": "L3",
                "type": "opportunity",
                "partner_id": self.client.id,
            }
        )
        won.action_set_won()
        order = self._order(self.client, 500, opportunity_id=won.id)
        order._create_invoices().action_post()
        self._order(self.client, 700, opportunity_id=won.id)  # not invoiced
        self.env.flush_all()
        Report = self.env["crm.conversion.report"]
        for user, expected in (
            (self.user_manager, [3, 2, 1, 1, 500]),
            (self.user_sales, [3, 2, 1, 1, 500]),
            (self.user_sales2, [0, 0, 0, 0, 0]),
        ):
            [row] = Report.with_user(user)._read_group(
                [("source_id", "=", source.id)],
                [],
                [
                    "lead_count:sum",
                    "opportunity_count:sum",
                    "won_count:sum",
                    "invoiced_count:sum",
                    "invoiced_amount:sum",
                ],
            )
            self.assertEqual([value or 0 for value in row], expected, user.login)
