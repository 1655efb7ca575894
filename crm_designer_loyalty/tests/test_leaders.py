# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Product and salesperson leaders: the sales of the window of the latest
segmentation (run 2025-07-15: 2024-07-01 to 2025-06-30) by product and by
salesperson of the invoice."""

from datetime import date

from odoo.tests import tagged

from .segmentation_common import SegmentationCommon


@tagged("post_install", "-at_install")
class TestLeaders(SegmentationCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.lamp = cls.env["product.product"].create(
            {"name": "Lamp", "list_price": 30, "standard_price": 10}
        )
        mine = {"invoice_user_id": cls.user_sales.id, "team_id": cls.team.id}
        other = {"invoice_user_id": cls.user_sales2.id, "team_id": cls.other_team.id}
        cls._sale(cls.client, 1000, date(2024, 8, 1), **mine)
        cls._invoice(cls.client, 300, date(2025, 2, 1), product=cls.lamp, **mine)
        cls._sale(cls.client_other, 500, date(2025, 3, 1), **other)
        cls._sale(cls.client_other, 200, date(2025, 4, 1), "out_refund", **other)
        # outside the window: after it (but before the run) and before it
        cls._sale(cls.client, 700, date(2025, 7, 5), **mine)
        cls._invoice(cls.client, 999, date(2024, 6, 30), product=cls.lamp, **mine)

    def _leaders(self, groupby, user=None):
        Report = self.env["crm.leader.report"].with_company(self.company)
        if user:
            Report = Report.with_user(user)
        return {
            key.display_name: (revenue, cost, margin)
            for key, revenue, cost, margin in Report._read_group(
                [], [groupby], ["revenue:sum", "cost:sum", "margin:sum"]
            )
        }

    def test_product_and_salesperson_leaders(self):
        self._run()
        # Sofa: 1 000 + 500 - 200 (refund), cost 40 + 40 - 40
        self.assertEqual(
            self._leaders("product_id"),
            {"Sofa": (1300.0, 40.0, 1260.0), "Lamp": (300.0, 10.0, 290.0)},
        )
        self.assertEqual(
            self._leaders("user_id"),
            {
                self.user_sales.name: (1300.0, 50.0, 1250.0),
                self.user_sales2.name: (300.0, 0.0, 300.0),
            },
        )
        row = self.env["crm.leader.report"].search([("product_id", "=", self.lamp.id)])
        self.assertEqual(
            (row.date_from, row.date_to), (date(2024, 7, 1), date(2025, 7, 1))
        )

    def test_salesperson_sees_own_sales(self):
        self._run()
        self.assertEqual(
            self._leaders("product_id", self.user_sales),
            {"Sofa": (1000.0, 40.0, 960.0), "Lamp": (300.0, 10.0, 290.0)},
        )
        self.assertEqual(
            self._leaders("product_id", self.user_manager),
            {"Sofa": (1300.0, 40.0, 1260.0), "Lamp": (300.0, 10.0, 290.0)},
        )
