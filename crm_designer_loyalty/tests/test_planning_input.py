# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import base64
import io
from datetime import date

from openpyxl import Workbook

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from .planning_common import PlanningCommon

TITLES = (
    "Salesperson",
    "Product Category",
    "Region",
    "Client",
    "Client Class",
    "Channel",
    "Nature",
    "Revenue Target",
    "Margin Target",
)


@tagged("post_install", "-at_install")
class TestPlanInput(PlanningCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.plan = cls._plan([{"user_id": cls.user_sales.id, "target_revenue": 100}])

    def _xlsx(self, rows, titles=TITLES):
        book = Workbook()
        sheet = book.active
        sheet.append(titles)
        for row in rows:
            sheet.append(row)
        content = io.BytesIO()
        book.save(content)
        return base64.b64encode(content.getvalue())

    def _import(self, rows, **values):
        return (
            self.env["crm.sales.plan.import"]
            .with_user(self.user_manager)
            .create({"plan_id": self.plan.id, "file": self._xlsx(rows), **values})
            .action_import()
        )

    def test_import(self):
        self._import(
            [
                [
                    "cdl_sales",
                    "Chairs",
                    None,
                    None,
                    None,
                    None,
                    "guaranteed",
                    1000,
                    400,
                ],
                [
                    None,
                    None,
                    self.region.name,
                    "Client New",
                    "b",
                    "Instagram Test",
                    "Planned",
                    "2 500,50",
                    None,
                ],
            ],
            replace=True,
        )
        lines = self.plan.line_ids.sorted("id")
        self.assertEqual(len(lines), 2)
        self.assertEqual(
            (lines[0].user_id, lines[0].categ_id, lines[0].nature),
            (self.user_sales, self.chairs, "guaranteed"),
        )
        self.assertEqual((lines[0].target_revenue, lines[0].target_margin), (1000, 400))
        self.assertEqual(
            (
                lines[1].state_id,
                lines[1].partner_id,
                lines[1].client_class,
                lines[1].medium_id,
                lines[1].nature,
                lines[1].target_revenue,
            ),
            (self.region, self.client_new, "B", self.instagram, "planned", 2500.5),
        )

    def test_import_with_a_bad_row_writes_nothing(self):
        before = self.plan.line_ids
        with self.assertRaises(UserError) as caught:
            self._import(
                [
                    ["cdl_sales", None, None, None, None, None, None, 1000, None],
                    ["nobody", None, None, None, None, None, None, 1000, None],
                    ["cdl_sales", None, None, None, "D", None, None, "nan", None],
                    [None, None, None, None, None, None, None, 1000, None],
                    ["cdl_sales", None, None, None, None, None, None, None, None],
                ],
                replace=True,
            )
        message = str(caught.exception)
        for expected in (
            'Row 3, Salesperson: "nobody" not found.',
            'Row 4, Client Class: "D" is not A, B or C.',
            "Row 4, Revenue Target: nan is not a finite number.",
            "Row 5: no dimension.",
            "Row 6: no revenue or margin target.",
        ):
            self.assertIn(expected, message)
        self.assertNotIn("Row 2", message)
        self.assertEqual(self.plan.line_ids, before)

    def test_import_unknown_column(self):
        wizard = (
            self.env["crm.sales.plan.import"]
            .with_user(self.user_manager)
            .create({"plan_id": self.plan.id, "file": self._xlsx([["x"]], ["Colour"])})
        )
        with self.assertRaises(UserError):
            wizard.action_import()
        self.assertEqual(len(self.plan.line_ids), 1)

    def test_bad_amounts_and_lines(self):
        for value in ("nan", float("inf"), float("-inf")):
            with self.subTest(value), self.assertRaises(ValidationError):
                self.Line.create(
                    {
                        "plan_id": self.plan.id,
                        "user_id": self.user_sales.id,
                        "target_revenue": value,
                    }
                )
        with self.assertRaises(ValidationError):
            self.Line.create({"plan_id": self.plan.id, "target_revenue": 100})
        with self.assertRaises(ValidationError):
            self.Line.create({"plan_id": self.plan.id, "user_id": self.user_sales.id})
        with self.assertRaises(ValidationError):
            self.plan.base_bonus = float("nan")
        with self.assertRaises(UserError):
            self.plan.line_ids.actual_revenue = 1e6
        self.assertEqual(len(self.plan.line_ids), 1)

    def test_periods(self):
        with self.assertRaises(ValidationError):
            self._plan([], start=date(2026, 3, 15))
        with self.assertRaises(ValidationError):
            self._plan([], start=date(2026, 2, 1), period_type="quarter")
        # March is taken by self.plan
        with self.assertRaises(ValidationError):
            self._plan([], start=date(2026, 3, 1), name="Again")
        with self.assertRaises(ValidationError):
            self._plan([], start=date(2026, 3, 1), period_type="quarter")
        # a quarter and a month of it are plans of different period types
        quarter = self._plan([], start=date(2026, 1, 1), period_type="quarter")
        self.assertEqual(quarter.date_to, date(2026, 3, 31))
        with self.assertRaises(ValidationError):
            self._plan(
                [], start=date(2026, 4, 1), period_type="quarter"
            ).date_from = date(2026, 1, 1)

    def test_salesperson_refusals(self):
        own = self.plan.line_ids.with_user(self.user_sales)
        self.assertEqual(own.target_revenue, 100)
        with self.assertRaises(AccessError):
            own.target_revenue = 1_000_000
        with self.assertRaises(AccessError):
            own.coordination_note = "mine"
        with self.assertRaises(AccessError):
            self.env["crm.sales.plan.line"].with_user(self.user_sales).create(
                {
                    "plan_id": self.plan.id,
                    "user_id": self.user_sales.id,
                    "target_revenue": 1,
                }
            )
        with self.assertRaises(AccessError):
            self.plan.with_user(self.user_sales).base_bonus = 10_000
        with self.assertRaises(AccessError):
            self.env["crm.sales.plan.band"].with_user(self.user_sales).create(
                {"plan_id": self.plan.id, "lower_pct": 0, "coefficient": 5}
            )
        with self.assertRaises(UserError):
            self.plan.with_user(self.user_sales).action_approve()
        with self.assertRaises(AccessError):
            self.plan.line_ids.with_user(self.user_sales2).read(["target_revenue"])
        wizard = self.env["crm.sales.plan.import"].with_user(self.user_sales)
        with self.assertRaises(AccessError):
            wizard.create({"plan_id": self.plan.id, "file": self._xlsx([])})
        self.assertEqual(self.plan.state, "draft")
