# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The daily workspace walked through in headless Chromium (the tours of
static/tests/tours/workspace_tours.js). The browser is part of the set-up:
without it these tests fail, they are not skipped."""

from datetime import date

from odoo.tests import HttpCase, tagged
from odoo.tests.common import _find_executable

from .loyalty_common import LoyaltyCommon


@tagged("post_install", "-at_install")
class TestWorkspaceTours(LoyaltyCommon, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.client.designer_id = cls.designer
        cls._paid_invoice(100_000, date(2026, 3, 10))
        cls.env["designer.loyalty.tier"]._tier_review(review_date=date(2026, 4, 1))
        cls.env["designer.reward.statement"]._generate(date(2026, 3, 1))
        cls.env["crm.segmentation.run"]._run_company(cls.company, date(2026, 4, 2))

    def setUp(self):
        super().setUp()
        self.assertTrue(
            _find_executable(),
            "Chromium is missing: install Debian's chromium (tools/env.sh does)",
        )

    def test_consultant_tour(self):
        self.start_tour(
            "/odoo/action-crm_designer_loyalty.res_partner_designer_action",
            "crm_designer_loyalty_consultant_tour",
            login="cdl_loyalty",
        )

    def test_salesperson_tour(self):
        self.start_tour(
            "/odoo/action-crm_designer_loyalty.res_partner_client_server_action",
            "crm_designer_loyalty_salesperson_tour",
            login="cdl_sales",
        )
