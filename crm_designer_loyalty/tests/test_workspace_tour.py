# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The daily workspace walked through in headless Chromium (the tours of
static/tests/tours/workspace_tours.js). The browser is part of the set-up:
without it these tests fail, they are not skipped (HttpCase skips a tour
whose browser is missing or cannot be driven)."""

import unittest
from datetime import date

from dateutil.relativedelta import relativedelta

from odoo import fields, http
from odoo.tests import HttpCase, tagged

from .common import render_report_text
from .loyalty_common import LoyaltyCommon


@tagged("post_install", "-at_install")
class TestWorkspaceTours(LoyaltyCommon, HttpCase):
    # the screen the designer's form is laid out for (issue 15)
    browser_size = "1440x900"

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # The server's first static requests compute the modules' manifests
        # (``root.statics``, a cached property), several threads at once:
        # concurrent ast parsing breaks on Python 3.11 ("AST constructor
        # recursion depth mismatch"). Computed here, before the browser.
        assert http.root.statics
        cls.client.designer_id = cls.designer
        cls._paid_invoice(100_000, date(2026, 3, 10))
        cls.env["designer.loyalty.tier"]._tier_review(review_date=date(2026, 4, 1))
        cls.env["crm.segmentation.run"]._run_company(cls.company, date(2026, 4, 2))
        cls.env["res.partner.significant.date"].create(
            {"partner_id": cls.client.id, "date_type": "birthday", "date": "1980-05-17"}
        )

    def _tour(self, url, tour, login):
        """Run ``tour``: a browser that is missing or cannot be driven fails
        the test (HttpCase would skip it)."""
        try:
            self.start_tour(url, tour, login=login)
        except unittest.SkipTest as skipped:
            self.fail(
                f"The tour could not run in Chromium ({skipped}): install Debian's "
                "chromium and websocket-client (tools/env.sh does)"
            )

    def test_consultant_tour(self):
        """Thresholds set, segmentation run, statement generated and printed
        through the UI; what they wrote is checked here."""
        self.assertEqual(self.company.segment_abc_a, 80)
        self._tour(
            "/odoo/action-crm_designer_loyalty.res_company_loyalty_program_server_action",
            "crm_designer_loyalty_consultant_tour",
            "cdl_config",
        )
        self.assertEqual(self.company.segment_abc_a, 70)
        run = self.env["crm.segmentation.run"].search(
            [("company_id", "=", self.company.id)], order="date desc", limit=1
        )
        today = fields.Date.today()
        self.assertEqual(
            (run.date, run.state, run.abc_a, run.partner_count, run.count_a),
            (today, "done", 70, 1, 1),
        )
        statement = self.env["designer.reward.statement"].search(
            [("designer_id", "=", self.designer.id)]
        )
        self.assertEqual(
            (statement.date_to, statement.amount_total),
            (today + relativedelta(months=-1, day=31), 5_000),
        )
        text = render_report_text(
            self.env,
            "crm_designer_loyalty.designer_reward_statement_report_action",
            statement,
            self.user_config,
        )
        self.assertIn("Your current tier: Base", text)

    def test_salesperson_tour(self):
        self._tour(
            "/odoo/action-crm_designer_loyalty.res_partner_client_server_action",
            "crm_designer_loyalty_salesperson_tour",
            "cdl_sales",
        )
        text = render_report_text(
            self.env,
            "crm_designer_loyalty.res_partner_dossier_report_action",
            self.client,
            self.user_sales,
        )
        self.assertIn("Client One", text)
        self.assertIn("Birthday", text)
