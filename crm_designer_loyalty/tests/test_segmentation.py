# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Segmentation engine on a hand-built dataset.

Run date 2025-07-15, window 6 months: Jan-Jun 2025 (July excluded); K = 3,
D = 365 days, at-risk factor 2, thresholds 80/95 and 10/25 (defaults).

Client (creation order = id order)  invoices (2025 unless said)     window revenue
Alpha   100 on the 10th Jan-Jun (June to a child contact)            600
Beta    300 on Jan 10, Mar 10, May 10; refund 100 on May 20          800
Gamma   200 on Jun 20                                                200
Delta   500 on 2024-01-10 (outside the window)                         0
Epsilon an opportunity only                                            0
Zeta    100 on Jan 10, 110 on Feb 10                                 210
Eta      50 on Mar 3                                                  50
Theta   100 on the 5th of Jan, Mar, May; 140 on Feb, Apr, Jun 5th    720

ABC (total of positive values 2580), ranked Beta, Theta, Alpha, Zeta, Gamma, Eta:
  share = value / 2580, "above" = cumulative share of the clients ranked above
  Beta  800 31.0078 % above  0       -> A
  Theta 720 27.9070 % above 31.0078  -> A
  Alpha 600 23.2558 % above 58.9147  -> A
  Zeta  210  8.1395 % above 82.1705  -> B (>= 80)
  Gamma 200  7.7519 % above 90.3101  -> B
  Eta    50  1.9380 % above 98.0620  -> C (>= 95); Delta, Epsilon 0 -> C
"""

import re
from datetime import date
from unittest.mock import patch

from odoo import Command
from odoo.exceptions import AccessError, ValidationError
from odoo.tests import tagged
from odoo.tools import config

from ..analytics import segmentation
from .segmentation_common import RUN_DATE, SegmentationCommon


@tagged("post_install", "-at_install")
class TestSegmentation(SegmentationCommon):
    WINDOW_MONTHS = 6

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Partner = cls.env["res.partner"]
        names = ["Alpha", "Beta", "Gamma", "Delta", "Epsilon", "Zeta", "Eta", "Theta"]
        partners = Partner.create(
            [{"name": name, "is_company": True} for name in names]
        )
        (
            cls.alpha,
            cls.beta,
            cls.gamma,
            cls.delta,
            cls.epsilon,
            cls.zeta,
            cls.eta,
            cls.theta,
        ) = partners
        cls.alpha_buyer = Partner.create(
            {"name": "Alpha Buyer", "parent_id": cls.alpha.id}
        )
        for month in range(1, 6):
            cls._sale(cls.alpha, 100, date(2025, month, 10))
        cls._sale(cls.alpha_buyer, 100, date(2025, 6, 10))
        for month in (1, 3, 5):
            cls._sale(cls.beta, 300, date(2025, month, 10))
        cls._sale(cls.beta, 100, date(2025, 5, 20), move_type="out_refund")
        cls._sale(cls.gamma, 200, date(2025, 6, 20))
        cls._sale(cls.delta, 500, date(2024, 1, 10))
        cls.env["crm.lead"].create(
            {
                "name": "New showroom",
                "type": "opportunity",
                "partner_id": cls.epsilon.id,
            }
        )
        cls._sale(cls.zeta, 100, date(2025, 1, 10))
        cls._sale(cls.zeta, 110, date(2025, 2, 10))
        cls._sale(cls.eta, 50, date(2025, 3, 3))
        for month in range(1, 7):
            cls._sale(cls.theta, 100 if month % 2 else 140, date(2025, month, 5))
        # the clients who bought in the window
        cls.buyers = cls.alpha | cls.beta | cls.gamma | cls.zeta | cls.eta | cls.theta

    def _classes(self, run_date=RUN_DATE):
        snaps = self.Snapshot.search([("date", "=", run_date)])
        return {
            s.partner_id.name: (s.abc_class, s.xyz_class, s.customer_status)
            for s in snaps
        }

    def test_01_classes(self):
        run = self._run()
        self.assertEqual(run.state, "done")
        self.assertEqual(
            self._classes(),
            {
                "Alpha": ("A", "X", "regular"),
                "Beta": ("A", "Z", "regular"),
                "Gamma": ("B", "N", "one_time"),
                "Delta": ("C", "N", "lost"),
                "Epsilon": ("C", "N", "potential"),
                "Zeta": ("B", "N", "at_risk"),
                "Eta": ("C", "N", "one_time"),
                "Theta": ("A", "Y", "regular"),
            },
        )
        self.assertEqual(
            (run.partner_count, run.count_a, run.count_b, run.count_c), (8, 3, 2, 3)
        )
        self.assertEqual(
            (run.count_x, run.count_y, run.count_z, run.count_n), (1, 1, 1, 5)
        )
        self.assertEqual(
            (
                run.count_potential,
                run.count_one_time,
                run.count_regular,
                run.count_at_risk,
                run.count_lost,
            ),
            (1, 2, 3, 1, 1),
        )
        self.assertEqual(
            (run.date_from, run.date_to), (date(2025, 1, 1), date(2025, 7, 1))
        )

    def test_02_abc_shares(self):
        self._run()
        expected = {
            # partner: (value, share, above, cumulative) by the table of the docstring
            self.beta: (800, 31.0078, 0.0, 31.0078),
            self.theta: (720, 27.9070, 31.0078, 58.9147),
            self.alpha: (600, 23.2558, 58.9147, 82.1705),
            self.zeta: (210, 8.1395, 82.1705, 90.3101),
            self.gamma: (200, 7.7519, 90.3101, 98.0620),
            self.eta: (50, 1.9380, 98.0620, 100.0),
        }
        for partner, (value, share, above, cum) in expected.items():
            snap = self._snap(partner)
            self.assertEqual(snap.revenue, value, partner.name)
            self.assertEqual(snap.abc_value, value, partner.name)
            self.assertAlmostEqual(snap.share, share, places=4, msg=partner.name)
            self.assertAlmostEqual(snap.cum_share_above, above, places=4)
            self.assertAlmostEqual(snap.cum_share, cum, places=4)
        self.assertFalse(self._snap(self.delta).share)
        self.assertEqual(self._snap(self.delta).revenue, 0)
        # the margin is computed on the revenue basis too (it showed 0.00):
        # Beta 3 x (300 - 40) - (100 - 40) = 720, as in Sales Dynamics
        self.assertEqual(self.company.segment_abc_basis, "revenue")
        self.assertEqual(self._snap(self.beta).margin, 720)
        self.assertEqual(self._snap(self.alpha).margin, 360)

    def test_02_explanation_in_the_users_language(self):
        """Every number of the class explanation in the user's language (it
        mixed "$ 15 507,80" with "1.47 %", "33.0 days", "2.0 x")."""
        self.env["res.lang"]._activate_lang("ru_RU")
        self.env["res.lang"]._lang_get("ru_RU").write(
            {"decimal_point": ",", "thousands_sep": "\u00a0", "grouping": "[3,0]"}
        )
        self.company.segment_at_risk_factor = 2.5
        self._run()
        snap = self._snap(self.beta).with_context(lang="ru_RU")
        explanation = snap.explanation
        self.assertIn("31,01 %", explanation)  # share
        self.assertIn("103,08 %", explanation)  # CV
        self.assertIn(" 60 ", explanation)  # median interval, no ".0"
        self.assertIn("2,5 x", explanation)  # at-risk factor
        self.assertIn("80 %", explanation)  # threshold A
        self.assertNotRegex(explanation, r"\d\.\d+ (%|x|дн)")
        english = self._snap(self.beta).explanation
        self.assertIn("share 31.01 %", english)
        self.assertIn("after 2.5 x the median", english)

    def test_03_xyz_cv(self):
        self._run()
        alpha, beta, theta = (
            self._snap(self.alpha),
            self._snap(self.beta),
            self._snap(self.theta),
        )
        # Alpha: 100 every month -> std 0 -> CV 0 %, 6 active months
        self.assertEqual(
            (alpha.cv, alpha.active_months, alpha.monthly_mean), (0, 6, 100)
        )
        # Theta: 100/140 alternating, mean 120, population std 20 -> CV 16.6667 %
        self.assertAlmostEqual(theta.cv, 16.6667, places=4)
        self.assertEqual(theta.monthly_mean, 120)
        # Beta months 300, 0, 300, 0, 200 (300 - refund 100), 0: mean 800/6;
        # mean of squares 220000/6; variance 170000/9; std = sqrt(170000)/3;
        # CV = 100 * std / mean = 103.0776 %; 3 months with an invoice
        self.assertAlmostEqual(beta.cv, 103.0776, places=4)
        self.assertEqual(beta.active_months, 3)
        # Zeta: 2 active months < K = 3 -> N although its CV is computable
        self.assertEqual(self._snap(self.zeta).active_months, 2)

    def test_04_status_metrics(self):
        self._run()
        zeta = self._snap(self.zeta)
        # Jan 10 -> Feb 10: one interval of 31 days; Feb 10 -> Jul 15 = 155 > 2 x 31
        self.assertEqual((zeta.median_interval, zeta.recency_days), (31, 155))
        beta = self._snap(self.beta)
        # intervals 59 and 61 days -> median 60; May 10 -> Jul 15 = 66 days < 120
        self.assertEqual((beta.median_interval, beta.recency_days), (60, 66))
        self.assertEqual(beta.invoice_count, 3)
        delta = self._snap(self.delta)
        # 2024-01-10 -> 2025-07-15 = 552 days > 365; no purchase in the window
        self.assertEqual(delta.last_purchase_date, date(2024, 1, 10))
        self.assertEqual(
            (delta.frequency, delta.recency_days, delta.rfm_score), (0, 0, False)
        )
        epsilon = self._snap(self.epsilon)
        self.assertEqual(
            (epsilon.invoice_count, epsilon.last_purchase_date), (0, False)
        )

    def test_05_rfm_scores(self):
        """6 clients with purchases in the window. Each score comes from the
        rank d of the client's value among the n distinct values, worst first:
        1 + floor(4 (d - 1) / (n - 1)); equal values share their score.

        R (days, most first; n 6): Zeta 155, Eta 134, Beta 66, Theta 40,
          Alpha 35, Gamma 25 -> 1, 1, 2, 3, 4, 5
        F (invoices, fewest first; n 4): Gamma, Eta 1 | Zeta 2 | Beta 3 |
          Alpha, Theta 6 -> 1, 2, 3, 5
        M (net revenue, least first; n 6): Eta 50, Gamma 200, Zeta 210,
          Alpha 600, Theta 720, Beta 800 -> 1, 1, 2, 3, 4, 5
        """
        self._run()
        scores = {
            p.name: (self._snap(p).rfm_score, self._snap(p).rfm_segment_id.name)
            for p in self.buyers
        }
        self.assertEqual(
            scores,
            {
                "Alpha": ("453", "Loyal"),
                "Beta": ("235", "At Risk"),
                "Gamma": ("511", "Unprofitable"),
                "Zeta": ("122", "Lost"),
                "Eta": ("111", "Lost"),
                "Theta": ("354", "Loyal"),
            },
        )
        theta = self._snap(self.theta)
        self.assertEqual(
            (theta.recency_days, theta.frequency, theta.monetary), (40, 6, 720)
        )

    def test_06_partner_fields_and_children(self):
        self._run(batch_size=3)
        # the child contact's invoice rolled up to Alpha; the child is not classified
        self.assertEqual(self._snap(self.alpha).frequency, 6)
        self.assertFalse(self._snap(self.alpha_buyer))
        self.assertFalse(self.alpha_buyer.abc_class)
        self.assertEqual(
            (self.alpha.abc_class, self.alpha.xyz_class, self.alpha.customer_status),
            ("A", "X", "regular"),
        )
        self.assertEqual(self.alpha.rfm_score, "453")
        self.assertEqual(self.alpha.rfm_segment_id.name, "Loyal")
        self.assertEqual(self.alpha.segment_snapshot_id, self._snap(self.alpha))
        self.assertEqual(self.zeta.customer_status, "at_risk")
        self.assertEqual(
            self.env["res.partner"].search_count(
                [("abc_class", "=", "A"), ("id", "in", (self.alpha | self.beta).ids)]
            ),
            2,
        )
        groups = self.env["res.partner"]._read_group(
            [("id", "in", (self.alpha | self.beta | self.zeta | self.eta).ids)],
            ["abc_class"],
            ["__count"],
        )
        self.assertEqual(dict(groups), {"A": 2, "B": 1, "C": 1})
        # a partner without a snapshot row has no class: "= False", "!= 'A'"
        Partner = self.env["res.partner"]
        some = self.alpha | self.zeta | self.alpha_buyer
        self.assertEqual(
            Partner.search([("abc_class", "=", False), ("id", "in", some.ids)]),
            self.alpha_buyer,
        )
        self.assertEqual(
            Partner.search([("abc_class", "!=", "A"), ("id", "in", some.ids)]),
            self.zeta | self.alpha_buyer,
        )
        self.assertEqual(
            Partner.search(
                [("rfm_segment_id.name", "=", "Loyal"), ("id", "in", some.ids)]
            ),
            self.alpha,
        )
        not_loyal = Partner.search(
            [
                ("rfm_segment_id", "not any", [("name", "=", "Loyal")]),
                ("id", "in", some.ids),
            ]
        )
        self.assertIn(self.alpha_buyer, not_loyal)  # no segment at all
        self.assertNotIn(self.alpha, not_loyal)
        # sortable and groupable like a stored field
        self.assertEqual(
            Partner.search(
                [("id", "in", (self.zeta | self.eta | self.beta).ids)],
                order="abc_class desc, id",
            ).mapped("name"),
            ["Eta", "Zeta", "Beta"],
        )
        fields = Partner.fields_get(["abc_class"], ["groupable", "sortable"])
        self.assertEqual(fields["abc_class"], {"groupable": True, "sortable": True})
        explanation = self.alpha.segment_explanation
        self.assertIn("share 23.26 %", explanation)
        self.assertIn("A below 80 %", explanation)
        self.assertIn("RFM 453 (Loyal)", explanation)

    def test_07_margin_basis(self):
        """Margin = revenue - 40 x quantity (refund: -100 + 40). Alpha 360, Beta
        3 x 260 - 60 = 720, Theta 720 - 240 = 480, Gamma 160, Zeta 130, Eta 10;
        total 1860. Ranked Beta, Theta, Alpha, Gamma, Zeta, Eta: above 0, 38.7097,
        64.5161, 83.8710, 92.4731, 99.4624 -> A A A B B C."""
        self.company.segment_abc_basis = "margin"
        self._run()
        self.assertEqual(self._snap(self.beta).margin, 720)
        self.assertEqual(self._snap(self.theta).abc_value, 480)
        self.assertAlmostEqual(self._snap(self.beta).share, 38.7097, places=4)
        self.assertAlmostEqual(
            self._snap(self.gamma).cum_share_above, 83.8710, places=4
        )
        self.assertEqual(
            {p.name: self._snap(p).abc_class for p in self.buyers},
            {
                "Alpha": "A",
                "Beta": "A",
                "Gamma": "B",
                "Zeta": "B",
                "Eta": "C",
                "Theta": "A",
            },
        )

    def test_08_foreign_currency(self):
        """200 EUR at 2 EUR per USD (rate of the test currency) = 100 USD."""
        eur = self.setup_other_currency("EUR")
        iota = self.env["res.partner"].create({"name": "Iota"})
        self._sale(iota, 200, date(2025, 6, 1), currency_id=eur.id)
        self._run()
        self.assertEqual(self.company.currency_id.name, "USD")
        self.assertEqual(self._snap(iota).revenue, 100)
        self.assertEqual(self._snap(iota).monetary, 100)

    def test_09_rerun_same_day(self):
        self._run()
        count = self.Snapshot.search_count([("date", "=", RUN_DATE)])
        # Eta's only invoice is cancelled: a re-run the same day drops its row and
        # clears its classes; Gamma buys 2000 more and becomes the top client.
        eta_invoice = self.env["account.move"].search(
            [("partner_id", "=", self.eta.id)]
        )
        eta_invoice.button_draft()
        eta_invoice.button_cancel()
        self._sale(self.gamma, 2000, date(2025, 6, 25))
        run2 = self._run()
        self.assertEqual(
            self.Snapshot.search_count([("date", "=", RUN_DATE)]), count - 1
        )
        self.assertEqual(len(self._snap(self.alpha)), 1)  # replaced, not doubled
        self.assertEqual(self._snap(self.alpha).run_id, run2)
        self.assertFalse(self._snap(self.eta))
        self.assertEqual(
            (self.eta.abc_class, self.eta.segment_snapshot_id.id), (False, False)
        )
        # Gamma 2200 of 4530: share 48.5651 %, first -> A
        gamma = self._snap(self.gamma)
        self.assertEqual(
            (gamma.abc_class, gamma.revenue, gamma.cum_share_above), ("A", 2200, 0)
        )
        self.assertAlmostEqual(gamma.share, 48.5651, places=4)
        # the day's run record is reused: one run per company and day
        self.assertEqual(run2, self.Run.search([("date", "=", RUN_DATE)]))

    def test_10_history_and_transitions(self):
        """Second run on 2025-08-15, window Feb-Jul 2025: Theta 620, Alpha 500,
        Beta 500 (tie: lower id first), Gamma 200, Zeta 110, Eta 50 (total 1980).
        Alpha's last purchase Jun 10 is 66 days old > 2 x 31: regular -> at risk,
        and its months 100 x 5 + 0 give CV 44.72 %: X -> Z."""
        self._run()
        self.iota = self.env["res.partner"].create({"name": "Iota"})
        self._sale(self.iota, 90, date(2025, 8, 1))
        self._run(date(2025, 8, 15))
        alpha = self._snap(self.alpha, date(2025, 8, 15))
        beta = self._snap(self.beta, date(2025, 8, 15))
        self.assertAlmostEqual(alpha.cum_share_above, 31.3131, places=4)
        self.assertAlmostEqual(beta.cum_share_above, 56.5657, places=4)
        self.assertAlmostEqual(alpha.cv, 44.7214, places=4)
        self.assertTrue(alpha.is_latest)
        self.assertFalse(self._snap(self.alpha).is_latest)
        Transition = self.env["crm.segment.transition.report"]
        row = Transition.search(
            [("partner_id", "=", self.alpha.id), ("date", "=", date(2025, 8, 15))]
        )
        self.assertEqual(
            (
                row.previous_date,
                row.abc_from,
                row.abc_class,
                row.status_from,
                row.customer_status,
                row.xyz_from,
            ),
            (RUN_DATE, "A", "A", "regular", "at_risk", "X"),
        )
        self.assertEqual(row.xyz_class, "Z")
        at_risk = Transition.search(
            [("gone_at_risk", "=", True), ("date", "=", date(2025, 8, 15))]
        )
        # Theta: last purchase Jun 5, 71 days > 62
        self.assertEqual(at_risk.partner_id, self.alpha | self.theta)
        self.assertEqual(self.alpha.customer_status, "at_risk")
        # first snapshots: no change flags, and only purchases since the start of
        # the month make new clients (Gamma's first one, Jun 20, does not)
        first = Transition.search([("date", "=", RUN_DATE)])
        self.assertEqual(len(first), 8)
        self.assertFalse(
            first.filtered(
                lambda t: (
                    t.new_client
                    or t.abc_changed
                    or t.status_changed
                    or t.gone_at_risk
                    or t.gone_lost
                )
            )
        )
        # Iota's first purchase, Aug 1, is after the previous snapshot
        self.assertEqual(
            Transition.search(
                [("new_client", "=", True), ("date", "=", date(2025, 8, 15))]
            ).partner_id,
            self.iota,
        )

    def test_11_multi_company(self):
        company2 = self.setup_other_company(name="Second Shop")["company"]
        self.env.user.company_ids |= company2
        journal = self.env["account.journal"].search(
            [("company_id", "=", company2.id), ("type", "=", "sale")], limit=1
        )
        move = (
            self.env["account.move"]
            .with_company(company2)
            .create(
                {
                    "move_type": "out_invoice",
                    "partner_id": self.eta.id,
                    "journal_id": journal.id,
                    "invoice_date": date(2025, 6, 1),
                    "invoice_line_ids": [
                        Command.create(
                            {
                                "name": "Chair",
                                "quantity": 1,
                                "price_unit": 5000,
                                "tax_ids": [],
                            }
                        )
                    ],
                }
            )
        )
        move.action_post()
        self._run()
        self._run(company=company2)
        self.assertEqual(self._snap(self.eta).revenue, 50)
        eta2 = self._snap(self.eta, company=company2)
        self.assertEqual((eta2.revenue, eta2.abc_class, eta2.share), (5000, "A", 100))
        self.assertEqual(
            self.Snapshot.search([("company_id", "=", company2.id)]).partner_id,
            self.eta,
        )
        self.assertEqual(self.eta.with_company(self.company).abc_class, "C")
        self.assertEqual(self.eta.with_company(company2).abc_class, "A")
        self.assertFalse(self.alpha.with_company(company2).abc_class)

    def test_12_settings_validation(self):
        cases = [
            (
                {"segment_abc_a": 95, "segment_abc_b": 80},
                "class A up to (%) must be below class B up to (%) (95.0 >= 80.0)",
            ),
            ({"segment_abc_a": 0}, "class A up to (%) must be above 0 (0.0)"),
            ({"segment_abc_b": 120}, "class B up to (%) cannot exceed 100"),
            (
                {"segment_xyz_x": 30, "segment_xyz_y": 25},
                (
                    "class X up to (CV %) must be below class Y up to (CV %) "
                    "(30.0 >= 25.0)"
                ),
            ),
            ({"segment_xyz_x": -5}, "class X up to (CV %) cannot be negative (-5.0)"),
            ({"segment_window_months": -1}, "analysis window (months)"),
            (
                {"segment_window_months": 3, "segment_xyz_min_months": 4},
                (
                    "Segmentation settings of company_1_data: the minimum active "
                    "months (4) cannot exceed the analysis window (3 months)"
                ),
            ),
        ]
        for values, message in cases:
            with (
                self.assertRaisesRegex(ValidationError, re.escape(message)),
                self.env.cr.savepoint(),
            ):
                self.company.write(values)
        settings = self.env["res.config.settings"].create({})
        self.assertEqual(settings.segment_window_months, 6)
        with self.assertRaises(ValidationError), self.env.cr.savepoint():
            self.env["res.config.settings"].create({"segment_xyz_y": 5}).execute()
        with self.assertRaisesRegex(ValidationError, "RFM segment Bad"):
            self.env["crm.rfm.segment"].create({"name": "Bad", "r_min": 4, "r_max": 2})

    def test_13_salesperson_access(self):
        self.alpha.user_id = self.user_sales
        self.beta.team_id = self.team  # user_sales is a member of this team
        self._run()
        snaps = self.Snapshot.with_user(self.user_sales).search(
            [("date", "=", RUN_DATE)]
        )
        self.assertEqual(snaps.partner_id, self.alpha | self.beta)
        with self.assertRaises(AccessError):
            self._snap(self.gamma).with_user(self.user_sales).read(["abc_class"])
        # on the partner: the class of any client, the figures of own clients
        gamma = self.gamma.with_user(self.user_sales)
        self.assertEqual(
            (gamma.abc_class, gamma.segment_revenue, gamma.segment_snapshot_id.id),
            ("B", 0, False),
        )
        self.assertEqual(self.alpha.with_user(self.user_sales).segment_revenue, 600)
        manager_snaps = self.Snapshot.with_user(self.user_manager).search(
            [("date", "=", RUN_DATE)]
        )
        self.assertEqual(len(manager_snaps), 8)
        with self.assertRaises(AccessError):
            self.Run.with_user(self.user_sales).action_run_now()
        with self.assertRaises(AccessError):
            self.env.ref("crm_designer_loyalty.crm_rfm_segment_best").with_user(
                self.user_manager
            ).name = "Top"
        transitions = self.env["crm.segment.transition.report"].with_user(
            self.user_sales
        )
        self.assertEqual(transitions.search([]).partner_id, self.alpha | self.beta)

    def test_14_resume_and_cron(self):
        run = self._run(batch_size=3)
        self.assertEqual((run.state, run.partner_count), ("done", 8))
        # a crash after the batch ending at Delta (Alpha, Beta, Gamma, Delta are
        # the first ids): the classification is stored for the run, the later
        # snapshot rows were never written, the partners show no classes yet
        params = run._params()
        segmentation.build_result(self.env.cr, params, run.id)
        self.env.cr.execute(
            "DELETE FROM res_partner_segment_snapshot WHERE partner_id > %s",
            [self.delta.id],
        )
        run.write({"state": "computed", "progress_partner_id": self.delta.id})
        self.company.segment_last_date = False
        self.env.invalidate_all()
        self.assertFalse(self.theta.abc_class)
        # a client who buys meanwhile is not in the stored classification
        iota = self.env["res.partner"].create({"name": "Iota"})
        self._sale(iota, 5000, date(2025, 6, 1))
        resumed = self._run(batch_size=3)
        self.assertEqual((resumed, resumed.state), (run, "done"))
        self.assertEqual(self.Snapshot.search_count([("date", "=", RUN_DATE)]), 8)
        self.assertEqual((self.theta.abc_class, self.alpha.abc_class), ("A", "A"))
        self.assertFalse(iota.abc_class)
        self.assertEqual(self.company.segment_last_date, RUN_DATE)
        self.assertFalse(segmentation.has_result(self.env.cr, run.id))
        # without its stored classification (database restart) a run starts
        # its day again: Iota is classified now
        run.write({"state": "computed", "progress_partner_id": self.delta.id})
        resumed = self._run(batch_size=3)
        self.assertEqual((resumed.state, resumed.partner_count), ("done", 9))
        self.assertEqual(iota.abc_class, "A")
        # the nightly cron runs today's date once per company
        self.Run._cron_segmentation(batch_size=3)
        today_run = self.Run.search(
            [("date", "=", date.today()), ("company_id", "=", self.company.id)]
        )
        self.assertEqual(today_run.state, "done")
        duration = today_run.duration
        self.Run._cron_segmentation(batch_size=3)
        self.assertEqual(today_run.duration, duration)  # not run again
        # an earlier day run later leaves the current classes to the latest day
        self._run(date(2025, 7, 1))
        self.assertEqual(self.company.segment_last_date, date.today())

    def test_15_replica_cursor(self):
        """With db_replica_host set the SELECT runs on the read-only cursor and
        its rows are streamed to the primary by COPY (to a spooled file, then
        from it into the staging table), not by the primary's own pipeline:
        same results."""
        self.env.flush_all()
        self.registry.enter_test_mode(self.cr)
        self.addCleanup(self.registry.leave_test_mode)
        read_metrics, build_result = (
            segmentation.read_metrics,
            segmentation.build_result,
        )
        replicas, staged = [], []

        def read_on_replica(replica_cr, params, run_id, file):
            replicas.append((replica_cr is not self.env.cr, replica_cr.readonly))
            read_metrics(replica_cr, params, run_id, file)

        def build_on_primary(cr, params, run_id, copied=None):
            copied.seek(0)
            lines = copied.read().decode().splitlines()
            count = build_result(cr, params, run_id, copied)
            staged.append((run_id, len(lines), {line.split("\t")[0] for line in lines}))
            staged.append(count)
            return count

        with (
            patch.dict(config.options, {"db_replica_host": "replica"}),
            patch.object(segmentation, "read_metrics", side_effect=read_on_replica),
            patch.object(segmentation, "build_result", side_effect=build_on_primary),
            patch.object(
                segmentation, "_temp_table", side_effect=AssertionError("primary")
            ),
        ):
            run = self._run()
        # one read-only cursor; 8 rows of the run copied out, 8 copied in
        self.assertEqual(replicas, [(True, True)])
        self.assertEqual(staged, [(run.id, 8, {str(run.id)}), 8])
        self.assertEqual((run.state, run.partner_count), ("done", 8))
        self.assertEqual(self._snap(self.theta).rfm_score, "354")
        self.assertAlmostEqual(self._snap(self.beta).cv, 103.0776, places=4)
        self.assertEqual(self.beta.abc_class, "A")

    def test_16_sales_dynamics(self):
        Dynamics = self.env["crm.sales.dynamics.report"]
        may = Dynamics.search(
            [("partner_id", "=", self.beta.id), ("month", "=", "2025-05-01")]
        )
        # 300 invoice - 100 refund; quantity 1 - 1 = 0; cost 40 - 40 = 0
        self.assertEqual(
            (may.revenue, may.quantity, may.cost, may.invoice_count), (200, 0, 0, 2)
        )
        jan = Dynamics.search(
            [("partner_id", "=", self.beta.id), ("month", "=", "2025-01-01")]
        )
        # margin 260, average price 300, markup 260 / 40 = 650 %
        self.assertEqual((jan.margin, jan.average_price, jan.markup), (260, 300, 650))
        user = self.user_sales
        self.alpha.user_id = user
        rows = Dynamics.with_user(user).search([])
        self.assertEqual(rows.partner_id, self.alpha)
        self.assertEqual(sum(rows.mapped("revenue")), 600)

    def test_17_sales_dynamics_weighted(self):
        """Omega buys 2 sofas at 100 in January and 1 at 400 in February (cost
        40 each). Grouped: average price 600 / 3 = 200 and markup 100 x (600 -
        120) / 120 = 400 %, not the mean of the monthly 100 and 400 (250) and of
        the monthly markups 150 % and 900 % (525 %)."""
        omega = self.env["res.partner"].create({"name": "Omega"})
        for quantity, price, day in (
            (2, 100, date(2025, 1, 8)),
            (1, 400, date(2025, 2, 8)),
        ):
            self._sale(
                omega,
                price,
                day,
                invoice_line_ids=[
                    Command.create(
                        {
                            "product_id": self.sofa.id,
                            "quantity": quantity,
                            "price_unit": price,
                            "tax_ids": [Command.clear()],
                        }
                    )
                ],
            )
        Dynamics = self.env["crm.sales.dynamics.report"]
        domain = [("partner_id", "=", omega.id)]
        rows = Dynamics.search(domain, order="month")
        self.assertEqual(rows.mapped("average_price"), [100, 400])
        self.assertEqual(rows.mapped("markup"), [150, 900])
        [(partner, average_price, markup, revenue)] = Dynamics._read_group(
            domain,
            ["partner_id"],
            ["average_price:avg", "markup:avg", "revenue:sum"],
        )
        self.assertEqual(
            (partner, average_price, markup, revenue), (omega, 200, 400, 600)
        )
        # the web client's grouped list and pivot
        [group] = Dynamics.read_group(
            domain, ["average_price", "markup", "quantity"], ["partner_id"]
        )
        self.assertEqual(
            (group["average_price"], group["markup"], group["quantity"]),
            (200, 400, 3),
        )

    def test_18_undefined_cv_and_share(self):
        """Kappa buys 100 in January, February and March and returns it all in
        April: net 0 over 3 active months. The monthly mean 0 leaves the CV
        undefined (NULL, read as 0.0): Z, with "-" in the explanation, and no
        share (C)."""
        kappa = self.env["res.partner"].create({"name": "Kappa"})
        for month in (1, 2, 3):
            self._sale(kappa, 100, date(2025, month, 10))
        self._sale(kappa, 300, date(2025, 4, 10), move_type="out_refund")
        self._run()
        snap = self._snap(kappa)
        self.assertEqual(
            (snap.abc_class, snap.xyz_class, snap.revenue, snap.active_months),
            ("C", "Z", 0, 3),
        )
        self.assertEqual((snap.cv, snap.share, snap.monthly_mean), (0, 0, 0))
        self.assertIn("share -, clients ranked above -, cumulative -", snap.explanation)
        self.assertIn("XYZ Z: CV - of the monthly revenue", snap.explanation)
        self.assertIn("with a mean of zero or less (no CV)", snap.explanation)
        self.assertIn("share -,", kappa.segment_explanation)
        # a defined CV of 0 is still printed
        self.assertIn("XYZ X: CV 0.00 % of", self._snap(self.alpha).explanation)

    def test_19_potential_and_lost_statuses(self):
        """Mu has only a quotation and Epsilon only an opportunity: potential.
        Nu bought three times in early 2024, a regular client, then nothing for
        2024-03-10 -> 2025-07-15 = 492 days > 365: lost takes precedence (over
        at risk and regular too)."""
        mu, nu = self.env["res.partner"].create([{"name": "Mu"}, {"name": "Nu"}])
        self._order(mu, 500, confirm=False)
        for month in (1, 2, 3):
            self._sale(nu, 100, date(2024, month, 10))
        self._run()
        self.assertEqual(
            (self._snap(mu).customer_status, self._snap(mu).invoice_count),
            ("potential", 0),
        )
        self.assertEqual(self._snap(self.epsilon).customer_status, "potential")
        nu_snap = self._snap(nu)
        self.assertEqual(
            (
                nu_snap.customer_status,
                nu_snap.invoice_count,
                nu_snap.median_interval,
                nu_snap.last_purchase_date,
            ),
            ("lost", 3, 30, date(2024, 3, 10)),
        )
        self.assertEqual(nu.customer_status, "lost")

    def test_20_negative_value_is_c(self):
        """Lambda bought 100 in December 2024 (before the window) and returned it
        in February 2025: net -100 in the window -> C with no share, and the
        shares of the others are unchanged."""
        lam = self.env["res.partner"].create({"name": "Lambda"})
        self._sale(lam, 100, date(2024, 12, 10))
        self._sale(lam, 100, date(2025, 2, 10), move_type="out_refund")
        self._run()
        snap = self._snap(lam)
        self.assertEqual(
            (snap.abc_class, snap.revenue, snap.abc_value, snap.customer_status),
            ("C", -100, -100, "one_time"),
        )
        self.assertIn("share -,", snap.explanation)
        self.assertAlmostEqual(self._snap(self.beta).share, 31.0078, places=4)
        self.assertEqual(self._snap(self.eta).abc_class, "C")

    def test_21_reversed_invoice_is_no_purchase(self):
        """Kappa bought 300 in February and 500 in April, but the April sale was
        cancelled by a full credit note: one purchase, one active month,
        one-time, net revenue 300."""
        kappa = self.env["res.partner"].create({"name": "Kappa"})
        self._sale(kappa, 300, date(2025, 2, 10))
        cancelled = self._sale(kappa, 500, date(2025, 4, 10))
        self._refund(cancelled, 500, date(2025, 4, 12))
        self.assertEqual(cancelled.payment_state, "reversed")
        self._run()
        snap = self._snap(kappa)
        self.assertEqual(
            (
                snap.invoice_count,
                snap.frequency,
                snap.active_months,
                snap.revenue,
                snap.customer_status,
                snap.last_purchase_date,
            ),
            (1, 1, 1, 300, "one_time", date(2025, 2, 10)),
        )

    def test_22_margin_in_product_unit(self):
        """Omicron buys 2 Dozens of a product managed in Units (cost 10) at 360
        in February and returns 6 Units at 30 in March (common._sale_in_dozens):
        the cost is the current cost x the quantity in the product's unit, as in
        Odoo's invoice analysis: 240 and -60, not 2 x 10 and -6 x 10."""
        omicron = self.env["res.partner"].create({"name": "Omicron"})
        self._sale_in_dozens(omicron, date(2025, 2, 10), date(2025, 3, 10))
        Dynamics = self.env["crm.sales.dynamics.report"]
        domain = [("partner_id", "=", omicron.id)]
        self.assertEqual(
            [
                (r.quantity, r.revenue, r.cost, r.margin, r.average_price, r.markup)
                for r in Dynamics.search(domain, order="month")
            ],
            [(24, 720, 240, 480, 30, 200), (-6, -180, -60, -120, 30, 200)],
        )
        [(quantity, cost, margin, markup)] = Dynamics._read_group(
            domain, [], ["quantity:sum", "cost:sum", "margin:sum", "markup:avg"]
        )
        self.assertEqual((quantity, cost, margin), (18, 180, 360))
        # the Dozen's factor is 1/12 as a binary float, as in Odoo's own report
        self.assertAlmostEqual(markup, 200, places=10)
        self.company.segment_abc_basis = "margin"
        self._run()
        snap = self._snap(omicron)
        self.assertEqual((snap.revenue, snap.margin, snap.abc_value), (540, 360, 360))

    def test_23_refunds_only_classified(self):
        """Clients whose only activity in the window is refunds: Rho got a
        credit note of 100 in March and never an invoice (net -100); Sigma's
        only sale, 500 in April, was cancelled by a full credit note (net 0).
        No purchase: zero or negative value is C, no active month is N, no
        purchase ever is potential, no RFM; the others are unchanged."""
        rho, sigma = self.env["res.partner"].create(
            [{"name": "Rho", "is_company": True}, {"name": "Sigma", "is_company": True}]
        )
        self._sale(rho, 100, date(2025, 3, 10), move_type="out_refund")
        cancelled = self._sale(sigma, 500, date(2025, 4, 10))
        self._refund(cancelled, 500, date(2025, 4, 12))
        self.assertEqual(cancelled.payment_state, "reversed")
        run = self._run()
        for partner, revenue in ((rho, -100), (sigma, 0)):
            snap = self._snap(partner)
            self.assertEqual(
                (
                    snap.abc_class,
                    snap.xyz_class,
                    snap.customer_status,
                    snap.revenue,
                    snap.abc_value,
                    snap.share,
                    snap.active_months,
                    snap.invoice_count,
                    snap.frequency,
                    snap.last_purchase_date,
                    snap.rfm_score,
                    snap.rfm_segment_id.id,
                ),
                (
                    "C",
                    "N",
                    "potential",
                    revenue,
                    revenue,
                    0,
                    0,
                    0,
                    0,
                    False,
                    False,
                    False,
                ),
                partner.name,
            )
            self.assertIn("share -,", snap.explanation)
            self.assertIn("RFM: no purchase in the window.", snap.explanation)
        self.assertEqual(rho.abc_class, "C")
        self.assertEqual(
            (run.partner_count, run.count_a, run.count_b, run.count_c), (10, 3, 2, 5)
        )
        self.assertEqual((run.count_n, run.count_potential), (7, 3))
        self.assertAlmostEqual(self._snap(self.beta).share, 31.0078, places=4)
        self.assertEqual(self._snap(self.theta).rfm_score, "354")
