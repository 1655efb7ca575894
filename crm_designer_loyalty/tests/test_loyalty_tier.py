# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import threading
from ast import literal_eval
from datetime import date

from dateutil.relativedelta import relativedelta

from odoo import fields
from odoo.tests import tagged

from .loyalty_common import LoyaltyCommon


@tagged("post_install", "-at_install")
class TestLoyaltyTier(LoyaltyCommon):
    def _review(self, day, **kwargs):
        return self.env["designer.loyalty.tier"]._tier_review(
            review_date=day, designer_ids=(self.designer + self.designer2).ids, **kwargs
        )

    def _tier_messages(self, designer, subject):
        return designer.message_ids.filtered(lambda m: m.subject == subject)

    def test_tier_change_mid_year(self):
        self._review(date(2026, 1, 1))
        self.assertEqual(self.designer.loyalty_tier_id, self.tier_base)
        # a first tier is not a move up
        first = self._tier_messages(self.designer, "Your loyalty tier is now Base")
        self.assertEqual(len(first), 1)
        self.assertIn("Your loyalty tier is now", str(first.body))
        self.assertNotIn("moves up", str(first.body))
        big = self._invoice(
            self.client,
            1_200_000,
            date=date(2026, 2, 15),
            designer_id=self.designer.id,
        )
        before = self._invoice(
            self.client, 100_000, date=date(2026, 3, 20), designer_id=self.designer.id
        )
        self._review(date(2026, 4, 1))
        self.assertEqual(self.designer.loyalty_tier_id, self.tier_silver)
        self.assertEqual(self.designer.loyalty_rolling_sales, 1_300_000.0)
        after = self._paid_invoice(100_000, date(2026, 4, 15))
        self._pay(before, date=date(2026, 5, 1))
        self._pay(big, date=date(2026, 5, 1))
        amounts = {r.move_id: (r.rate, r.amount, r.tier_id) for r in self._rewards()}
        self.assertEqual(amounts[big], (5.0, 60_000.0, self.tier_base))
        self.assertEqual(amounts[before], (5.0, 5_000.0, self.tier_base))
        self.assertEqual(amounts[after], (7.0, 7_000.0, self.tier_silver))
        self.assertEqual(
            self.designer.loyalty_tier_change_ids.mapped("direction"), ["up", "first"]
        )
        self.assertEqual(
            len(self._tier_messages(self.designer, "Your loyalty tier is now Silver")),
            1,
        )

    def test_tiers_per_company(self):
        """Each company runs its own program: tier, rolling sales and review are
        per company, and the cron reviews every company that has tiers."""
        company2 = self.setup_other_company(name="Second Shop")["company"]
        self.env.user.company_ids |= company2
        Tier = self.env["designer.loyalty.tier"]
        start2 = Tier.create(
            {"name": "Start", "threshold": 0, "rate": 3, "company_id": company2.id}
        )
        premium2 = Tier.create(
            {
                "name": "Premium",
                "threshold": 500_000,
                "rate": 6,
                "company_id": company2.id,
            }
        )
        journal2 = self.env["account.journal"].search(
            [("company_id", "=", company2.id), ("type", "=", "sale")], limit=1
        )
        day = fields.Date.context_today(self.designer) - relativedelta(months=1)
        self._invoice(self.client, 1_200_000, date=day, designer_id=self.designer.id)
        self._invoice(
            self.client,
            600_000,
            date=day,
            designer_id=self.designer.id,
            journal_id=journal2.id,
        )
        Partner = self.env["res.partner"]
        # reviewed in the second company before that sale: its base tier
        Tier.with_company(company2)._tier_review(
            review_date=day - relativedelta(days=1), designer_ids=self.designer.ids
        )
        self.assertEqual(self.designer.with_company(company2).loyalty_tier_id, start2)
        self.assertFalse(self.designer.with_company(self.company).loyalty_tier_id)

        Tier._cron_tier_review()
        here = self.designer.with_company(self.company)
        there = self.designer.with_company(company2)
        self.assertEqual(
            (here.loyalty_tier_id, here.loyalty_rolling_sales, here.loyalty_progress),
            (self.tier_silver, 1_200_000.0, 40.0),
        )
        self.assertEqual(
            (there.loyalty_tier_id, there.loyalty_rolling_sales),
            (premium2, 600_000.0),
        )
        self.assertEqual(there.loyalty_progress, 100.0)
        self.assertEqual(self.designer2.with_company(company2).loyalty_tier_id, start2)
        self.assertEqual(
            self.designer.loyalty_tier_change_ids.filtered(
                lambda c: c.company_id == company2
            ).mapped("new_tier_id"),
            premium2 | start2,
        )
        self.assertEqual(premium2.designer_count, 1)
        self.assertEqual(
            Partner.with_company(company2).search(
                [("loyalty_tier_id", "=", premium2.id)]
            ),
            self.designer,
        )
        # the upgrade email speaks of the second company's tier
        message = self._tier_messages(self.designer, "Your loyalty tier is now Premium")
        self.assertIn("Premium", message.body)
        self.assertIn("6.0", message.body)
        # both companies are reviewed for today: a re-run reviews nobody
        self.assertEqual(Tier._cron_tier_review(), 0)

    def test_review_cron_runs_on_tier_model(self):
        """The monthly cron record calls the review on designer.loyalty.tier."""
        cron = self.env.ref("crm_designer_loyalty.ir_cron_designer_tier_review")
        self.assertEqual(cron.model_id.model, "designer.loyalty.tier")
        day = fields.Date.context_today(self.designer) - relativedelta(months=1)
        self._invoice(self.client, 1_100_000, date=day, designer_id=self.designer.id)
        cron.ir_actions_server_id.run()
        self.assertEqual(self.designer.loyalty_tier_id, self.tier_silver)

    def test_downgrade_batches_and_resume(self):
        self._invoice(
            self.client, 1_500_000, date=date(2025, 3, 1), designer_id=self.designer.id
        )
        self._invoice(
            self.client_other,
            3_100_000,
            date=date(2025, 3, 1),
            designer_id=self.designer2.id,
        )
        self.assertEqual(self._review(date(2025, 4, 1)), 2)
        self.assertEqual(self.designer.loyalty_tier_id, self.tier_silver)
        self.assertEqual(self.designer2.loyalty_tier_id, self.tier_gold)
        # a year later sales dropped out of the window; the run crashes after
        # its first batch and resumes on the second run
        self.assertEqual(self._review(date(2026, 4, 1), batch_size=1, max_batches=1), 1)
        self.assertEqual(self.designer.loyalty_tier_id, self.tier_base)
        self.assertEqual(self.designer2.loyalty_tier_id, self.tier_gold)
        self.assertEqual(self._review(date(2026, 4, 1), batch_size=1), 1)
        self.assertEqual(self._review(date(2026, 4, 1)), 0)
        self.assertEqual(self.designer2.loyalty_tier_id, self.tier_base)
        self.assertEqual(self.designer2.loyalty_rolling_sales, 0.0)
        self.assertEqual(
            self.designer.loyalty_tier_change_ids.mapped("direction"),
            ["down", "first"],
        )
        self.assertEqual(
            len(self._tier_messages(self.designer2, "Your loyalty tier is now Base")),
            1,
        )
        mails = self.env["mail.mail"].search(
            [("recipient_ids", "in", self.designer2.ids)]
        )
        self.assertTrue(mails, "the designer is emailed about the change")

    def test_refund_lowers_rolling_sales(self):
        invoice = self._invoice(
            self.client, 1_100_000, date=date(2026, 2, 1), designer_id=self.designer.id
        )
        self._refund(invoice, 200_000, date(2026, 2, 10))
        self._review(date(2026, 3, 1))
        self.assertEqual(self.designer.loyalty_rolling_sales, 900_000.0)
        self.assertEqual(self.designer.loyalty_tier_id, self.tier_base)

    def test_margin_basis(self):
        self.company.loyalty_threshold_basis = "margin"
        product = self._create_product(name="armchair", standard_price=300_000)
        self._invoice(
            self.client,
            1_200_000,
            date=date(2026, 2, 1),
            designer_id=self.designer.id,
            product=product,
        )
        self._review(date(2026, 3, 1))
        self.assertEqual(self.designer.loyalty_rolling_sales, 900_000.0)
        self.assertEqual(self.designer.loyalty_tier_id, self.tier_base)
        self.company.loyalty_threshold_basis = "net"
        self._review(date(2026, 3, 2))
        self.assertEqual(self.designer.loyalty_rolling_sales, 1_200_000.0)
        self.assertEqual(self.designer.loyalty_tier_id, self.tier_silver)

    def test_margin_in_product_unit(self):
        """2 Dozens sold at 360 and 6 Units credited at 30 of a product managed
        in Units at cost 10 (common._sale_in_dozens): net 540, margin 540 - (24 -
        6) x 10 = 360, the cost on the quantity in the product's unit."""
        self.company.loyalty_threshold_basis = "margin"
        self._sale_in_dozens(
            self.client,
            date(2026, 2, 1),
            date(2026, 2, 10),
            designer_id=self.designer.id,
        )
        self._review(date(2026, 3, 1))
        self.assertEqual(self.designer.loyalty_rolling_sales, 360.0)
        self.company.loyalty_threshold_basis = "net"
        self._review(date(2026, 3, 2))
        self.assertEqual(self.designer.loyalty_rolling_sales, 540.0)

    def test_progress_to_next_tier(self):
        self._invoice(
            self.client, 1_500_000, date=date(2026, 2, 1), designer_id=self.designer.id
        )
        self._review(date(2026, 3, 1))
        self.assertEqual(self.designer.loyalty_next_tier_id, self.tier_gold)
        self.assertEqual(self.designer.loyalty_progress, 50.0)
        self.assertEqual(self.designer2.loyalty_next_tier_id, self.tier_silver)
        self.assertEqual(self.designer2.loyalty_progress, 0.0)

    def test_pricelists_by_rank(self):
        Pricelist = self.env["product.pricelist"]
        silver_list = Pricelist.create({"name": "Silver designers"})
        a_list = Pricelist.create({"name": "Class A clients"})
        self.tier_silver.pricelist_id = silver_list
        self.env["designer.abc.pricelist"].create(
            {"abc_class": "A", "pricelist_id": a_list.id}
        )
        self._invoice(
            self.client, 1_000_000, date=date(2026, 2, 1), designer_id=self.designer.id
        )
        self._review(date(2026, 3, 1))
        order = self._order(self.designer, 1000, confirm=False)
        self.assertEqual(order.pricelist_id, silver_list)
        # clients: the pricelist of their ABC class (as set by the segmentation)
        self.env["res.partner.segment.snapshot"].sudo().create(
            [
                {
                    "company_id": self.company.id,
                    "date": date(2026, 3, 1),
                    "partner_id": partner.id,
                    "abc_class": abc_class,
                }
                for partner, abc_class in (
                    (self.client, "A"),
                    (self.client_other, "B"),
                )
            ]
        )
        self.company.segment_last_date = date(2026, 3, 1)
        self.assertEqual(
            self._order(self.client, 10, confirm=False).pricelist_id, a_list
        )
        self.assertEqual(
            self._order(self.client_other, 10, confirm=False).pricelist_id,
            self.client_other.property_product_pricelist,
        )
        # each mapping is switched off on its own
        self.company.loyalty_abc_pricelist_mapping = False
        self.assertEqual(
            self._order(self.client, 10, confirm=False).pricelist_id,
            self.client.property_product_pricelist,
        )
        self.assertEqual(
            self._order(self.designer, 1000, confirm=False).pricelist_id, silver_list
        )
        self.company.loyalty_pricelist_mapping = False
        order2 = self._order(self.designer, 1000, confirm=False)
        self.assertEqual(order2.pricelist_id, self.designer.property_product_pricelist)

    def test_mailing_by_tier(self):
        action = self.tier_silver.action_open_mailing()
        self.assertEqual(action["res_model"], "mailing.mailing")
        mailing = (
            self.env["mailing.mailing"]
            .with_context(**action["context"])
            .create({"subject": "Silver news"})
        )
        self.designer.sudo().write({"email": "anna@example.com"})
        self._invoice(
            self.client, 1_000_000, date=date(2026, 2, 1), designer_id=self.designer.id
        )
        self._review(date(2026, 3, 1))
        self.assertEqual(
            self.env["res.partner"].search(mailing._parse_mailing_domain()),
            self.designer,
        )

    def test_saved_mailing_filters_by_tier(self):
        """Email Marketing offers a saved recipient filter per default tier."""
        silver = self.env.ref("crm_designer_loyalty.designer_loyalty_tier_silver")
        self.designer.sudo().loyalty_tier_id = silver
        saved = self.env.ref("crm_designer_loyalty.mailing_filter_designers_silver")
        self.assertEqual(saved.mailing_model_name, "res.partner")
        self.assertEqual(
            self.env["res.partner"].search(literal_eval(saved.mailing_domain)),
            self.designer,
        )

    def test_negative_rolling_sales_fall_to_lowest_tier(self):
        """Rule: below every threshold (refunds of invoices older than the window)
        a designer falls back to the lowest active tier."""
        gold = self._invoice(
            self.client, 3_100_000, date=date(2025, 3, 1), designer_id=self.designer.id
        )
        self._review(date(2025, 4, 1))
        self.assertEqual(self.designer.loyalty_tier_id, self.tier_gold)
        self._refund(gold, 500_000, date(2026, 3, 10))
        self._review(date(2026, 4, 1))
        self.assertEqual(self.designer.loyalty_rolling_sales, -500_000.0)
        self.assertEqual(self.designer.loyalty_tier_id, self.tier_base)
        self.assertEqual(
            self.designer.loyalty_tier_change_ids.mapped("direction"),
            ["down", "first"],
        )
        self.assertEqual(
            (self.designer.loyalty_next_tier_id, self.designer.loyalty_progress),
            (self.tier_silver, 0.0),
        )

    def test_review_button_does_not_commit(self):
        self._invoice(
            self.client, 1_100_000, date=date(2026, 2, 1), designer_id=self.designer.id
        )
        committed = []
        self.patch(type(self.env.cr), "commit", lambda cr: committed.append(cr))
        self.patch(threading.current_thread(), "testing", False)
        self.designer.with_user(self.user_loyalty).action_loyalty_review()
        self.assertFalse(committed)
        self.assertEqual(self.designer.loyalty_tier_id, self.tier_silver)

    def test_points_tier_email_states_points(self):
        self.tier_silver.reward_type = "points"
        self._review(date(2026, 1, 1))
        self._invoice(
            self.client, 1_100_000, date=date(2026, 2, 1), designer_id=self.designer.id
        )
        self._review(date(2026, 3, 1))
        message = self._tier_messages(self.designer, "Your loyalty tier is now Silver")
        self.assertIn("earning 7.0 points", message.body)
        self.assertNotIn("reward rate", message.body)

    def test_designer_views_show_tier_and_classes(self):
        Partner = self.env["res.partner"].with_user(self.user_loyalty)
        for view_type in ("list", "kanban"):
            arch = Partner.get_view(
                self.env.ref(
                    f"crm_designer_loyalty.res_partner_designer_view_{view_type}"
                ).id,
                view_type,
            )["arch"]
            for field in (
                "loyalty_tier_id",
                "loyalty_rolling_sales",
                "loyalty_progress",
                "abc_class",
                "xyz_class",
                "customer_status",
            ):
                self.assertIn(f'name="{field}"', arch, f"{field} in {view_type}")
            self.assertIn('widget="progressbar"', arch)
        search = Partner.get_view(
            self.env.ref("crm_designer_loyalty.res_partner_designer_view_search").id,
            "search",
        )["arch"]
        for name in ("abc_a", "xyz_z", "status_at_risk", "group_abc", "group_status"):
            self.assertIn(f'name="{name}"', search)
