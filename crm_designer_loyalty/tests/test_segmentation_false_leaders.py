# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""False leaders on a hand-built case: class A clients whose window revenue
comes mainly from one invoice (> 70 %) and without a purchase in the last 6
months. Run on 2025-07-15, window 2024-07-01 to 2025-06-30, cut-off 2025-01-15."""

from datetime import date

from odoo.exceptions import ValidationError
from odoo.tests import tagged

from .segmentation_common import SegmentationCommon


@tagged("post_install", "-at_install")
class TestSegmentationFalseLeaders(SegmentationCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company.write(
            {"segment_false_leader_share": 70, "segment_false_leader_months": 6}
        )
        Partner = cls.env["res.partner"]
        # six clients of 1 000 each in the window: all class A
        cases = {
            # 80 % in one invoice, silent since October: a false leader
            "One Big Order": [(800, date(2024, 9, 10)), (200, date(2024, 10, 10))],
            # exactly 70 %: not above the share (class N, flagged before)
            "Exactly Seventy": [(700, date(2024, 9, 10)), (300, date(2024, 10, 10))],
            # last purchase exactly 6 months before the run: still recent
            "Exactly Six Months": [(800, date(2024, 9, 10)), (200, date(2025, 1, 15))],
            # one day older: a false leader
            "Six Months And A Day": [
                (800, date(2024, 9, 10)),
                (200, date(2025, 1, 14)),
            ],
            # four equal invoices, silent: 25 %
            "Spread": [(250, date(2024, m, 5)) for m in (7, 8, 9, 10)],
            # the big invoice is recent
            "Recent Big Order": [(100, date(2024, 8, 1)), (900, date(2025, 6, 1))],
        }
        cls.cases = {}
        for name, sales in cases.items():
            client = Partner.create({"name": name, "is_company": True})
            for amount, invoice_date in sales:
                cls._sale(client, amount, invoice_date)
            cls.cases[name] = client
        # 20 small recent clients of 100: 8 000 in all, the six above are A
        for i in range(20):
            small = Partner.create({"name": f"Small {i}", "is_company": True})
            cls._sale(small, 100, date(2025, 6, 10))

    def test_false_leaders_exactly(self):
        self._run()
        snaps = self.Snapshot.search(
            [("company_id", "=", self.company.id), ("date", "=", date(2025, 7, 15))]
        )
        self.assertEqual(
            {s.partner_id.name for s in snaps if s.abc_class == "A"},
            {*self.cases, "Small 0", "Small 1", "Small 2", "Small 3"},
        )
        self.assertEqual(
            {s.partner_id.name for s in snaps.filtered("false_leader")},
            {"One Big Order", "Six Months And A Day"},
        )
        shares = {
            name: self._snap(client).top_invoice_share
            for name, client in self.cases.items()
        }
        # computed for the class A clients silent for 6 months only
        self.assertEqual(
            shares,
            {
                "One Big Order": 80.0,
                "Exactly Seventy": 70.0,
                "Exactly Six Months": 0.0,
                "Six Months And A Day": 80.0,
                "Spread": 25.0,
                "Recent Big Order": 0.0,
            },
        )
        self.assertEqual(self._snap(self.cases["Exactly Seventy"]).xyz_class, "N")
        self.assertIn(
            "False leader: the largest invoice of the window makes 80.00 %",
            self._snap(self.cases["One Big Order"]).explanation,
        )
        # the partner filter reads the latest run
        Partner = self.env["res.partner"].with_company(self.company)
        self.assertEqual(
            Partner.search([("false_leader", "=", True)]),
            self.cases["One Big Order"] | self.cases["Six Months And A Day"],
        )
        self.assertNotIn(
            self.cases["One Big Order"],
            Partner.search(
                [
                    ("false_leader", "=", False),
                    ("id", "in", [c.id for c in self.cases.values()]),
                ]
            ),
        )

    def test_settings_in_force(self):
        """A lower share and a longer silence change the flagged clients."""
        self.company.write(
            {"segment_false_leader_share": 69.99, "segment_false_leader_months": 9}
        )
        run = self._run()
        self.assertEqual((run.false_leader_share, run.false_leader_months), (69.99, 9))
        flagged = self.Snapshot.search(
            [("company_id", "=", self.company.id), ("false_leader", "=", True)]
        )
        # cut-off 2024-10-15: October 10 is older, January 14 is not
        self.assertEqual(
            flagged.partner_id,
            self.cases["One Big Order"] | self.cases["Exactly Seventy"],
        )

    def test_bad_settings(self):
        for values in (
            {"segment_false_leader_share": 100},
            {"segment_false_leader_share": 0},
            {"segment_false_leader_share": float("nan")},
            {"segment_false_leader_months": 0},
            {"segment_false_leader_months": 121},
        ):
            with self.subTest(values=values), self.assertRaises(ValidationError):
                self.company.write(values)
