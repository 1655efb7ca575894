# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import base64
import io
from datetime import date

import openpyxl

from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from ..analytics import registers
from .dossier_common import DossierCommon

# monthly factor values of 2025; the sales of month t are 10 x factor(t - 2) + 100
FACTOR = [3, 1, 4, 1, 5, 9, 2, 6, 5, 3, 5, 8]


@tagged("post_install", "-at_install")
class TestExternalFactors(DossierCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Factor = cls.env["crm.external.factor"]
        cls.factor = Factor.create({"name": "Ad budget", "unit": "kRUB"})
        cls.temperature = Factor.create({"name": "Mean temperature", "unit": "°C"})

    def _csv(self, text):
        return self.env["crm.external.factor.import"].create(
            {"file": base64.b64encode(text.encode()), "filename": "values.csv"}
        )

    def test_statistics_by_hand(self):
        r = registers.pearson([1, 2, 3, 4, 5], [2, 4, 5, 4, 5])
        self.assertAlmostEqual(r, 0.7745966692414834, places=12)
        self.assertAlmostEqual(registers.p_value(r, 5), 0.1240270626575546, places=10)
        self.assertIsNone(registers.pearson([1, 1, 1], [1, 2, 3]))
        self.assertEqual(registers.p_value(1.0, 10), 0.0)

    def test_factor_leading_sales_by_two_months(self):
        values = [
            {"factor_id": self.factor.id, "date": date(2025, month, 15), "value": x}
            for month, x in enumerate(FACTOR, start=1)
        ]
        # two values in January: the month's mean is 3
        values[0]["value"] = 2
        values.append(
            {"factor_id": self.factor.id, "date": date(2025, 1, 20), "value": 4}
        )
        self.env["crm.external.factor.value"].create(values)
        for month in range(3, 13):
            self._invoice(
                self.client,
                10 * FACTOR[month - 3] + 100,
                date=date(2025, month, 10),
            )
        wizard = self.env["crm.factor.influence"].create(
            {
                "factor_id": self.factor.id,
                "date_from": date(2025, 1, 1),
                "date_to": date(2025, 12, 1),
            }
        )
        wizard.action_compute()
        best = wizard.line_ids.filtered("is_best")
        self.assertEqual((best.lag, best.n), (2, 10))
        self.assertAlmostEqual(best.r, 1.0, places=9)
        self.assertEqual(
            (wizard.best_lag, wizard.best_n, round(wizard.best_r, 9)), (2, 10, 1.0)
        )
        self.assertEqual(wizard.line_ids.mapped("n"), [12, 11, 10, 9, 8, 7, 6])
        # fewer than 12 months compared at the best lag
        self.assertIn("Only 10 months compared", wizard.warning)
        factor_points = wizard.point_ids.filtered(lambda p: p.series == "factor")
        self.assertEqual(factor_points.mapped("raw_value"), [float(x) for x in FACTOR])
        # normalized: 0 at the lowest month (1), 100 at the highest (9)
        self.assertEqual(factor_points[5].value, 100.0)
        self.assertEqual(factor_points[1].value, 0.0)

    def test_events_of_the_period_beside_the_timeline(self):
        Event = self.env["crm.market.event"]
        other_company = self.env["res.company"].create({"name": "Other salon"})
        events = Event.create(
            [
                {"name": name, "date": day, "kind": "market"}
                for name, day in (
                    ("Before", date(2024, 12, 31)),
                    ("First day", date(2025, 1, 1)),
                    ("March fair", date(2025, 3, 20)),
                    ("March promotion", date(2025, 3, 2)),
                    ("Last day", date(2025, 12, 31)),
                    ("After", date(2026, 1, 1)),
                )
            ]
        )
        Event.create(
            {
                "name": "Other company",
                "date": date(2025, 6, 1),
                "company_id": other_company.id,
            }
        )
        in_period = events.filtered(lambda e: e.name not in ("Before", "After"))
        self.env["crm.external.factor.value"].create(
            [
                {"factor_id": self.factor.id, "date": date(2025, month, 15), "value": x}
                for month, x in enumerate(FACTOR, start=1)
            ]
        )
        # whole months: a first day in mid-January still takes January 1st
        wizard = self.env["crm.factor.influence"].create(
            {
                "factor_id": self.factor.id,
                "date_from": date(2025, 1, 15),
                "date_to": date(2025, 12, 1),
            }
        )
        self.assertEqual(wizard.event_ids, in_period)
        wizard.action_compute()
        action = wizard.action_view_events()
        self.assertEqual(action["res_model"], "crm.market.event")
        self.assertEqual(action["name"], "Events from 01/2025 to 12/2025")
        self.assertEqual(Event.search(action["domain"]), in_period)
        # the timeline lists, beside each month, the events of that month
        points = wizard.point_ids.filtered(lambda p: p.series == "factor")
        self.assertEqual(len(points), 12)
        self.assertEqual(
            {p.month.month: sorted(p.event_ids.mapped("name")) for p in points},
            {m: [] for m in range(1, 13)}
            | {
                1: ["First day"],
                3: ["March fair", "March promotion"],
                12: ["Last day"],
            },
        )

    def test_monthly_values_by_aggregation_and_currency_rates(self):
        self.env["crm.external.factor.value"].create(
            [
                {"factor_id": self.factor.id, "date": date(2025, 1, day), "value": v}
                for day, v in ((3, 10.0), (17, 30.0), (28, 20.0))
            ]
        )
        currency = self.env["res.currency"].create(
            {"name": "CDL", "symbol": "C", "active": True}
        )
        self.env["res.currency.rate"].create(
            [
                {"currency_id": currency.id, "name": day, "rate": rate}
                for day, rate in ((date(2025, 1, 10), 0.01), (date(2025, 1, 20), 0.02))
            ]
        )
        rates = self.env["crm.external.factor"].create(
            {"name": "CDL rate", "source": "currency", "currency_id": currency.id}
        )

        def monthly(factor, aggregation):
            self.env.flush_all()
            self.env.cr.execute(
                registers.factor_series_query(
                    {
                        "id": factor.id,
                        "source": factor.source,
                        "aggregation": aggregation,
                        "currency_id": factor.currency_id.id,
                    },
                    self.company.id,
                    date(2025, 1, 1),
                    date(2025, 1, 1),
                )
            )
            return [(month, float(value)) for month, value in self.env.cr.fetchall()]

        january = date(2025, 1, 1)
        self.assertEqual(monthly(self.factor, "mean"), [(january, 20.0)])
        self.assertEqual(monthly(self.factor, "sum"), [(january, 60.0)])
        self.assertEqual(monthly(self.factor, "last"), [(january, 20.0)])
        # 1 / 0.01 and 1 / 0.02 company currency units per CDL
        self.assertEqual(monthly(rates, "mean"), [(january, 75.0)])

    def test_wrong_period_refused(self):
        wizard = self.env["crm.factor.influence"].create(
            {
                "factor_id": self.factor.id,
                "date_from": date(2025, 6, 1),
                "date_to": date(2025, 6, 30),
            }
        )
        with self.assertRefused(UserError, "first month must come before"):
            wizard.action_compute()

    def test_import_with_one_bad_row_writes_nothing(self):
        wizard = self._csv(
            "factor,date,value\n"
            "Ad budget,2025-01-31,10.5\n"
            "Ad budget,2025-02-30,11\n"
            "Mean temperature,28.02.2025,-7\n"
        )
        with self.assertRefused(UserError, r"1 row\(s\) are wrong.\nRow 3: "):
            wizard.action_import()
        self.assertFalse(self.env["crm.external.factor.value"].search([]))

    def test_import_lists_every_bad_row(self):
        self.env["crm.external.factor.value"].create(
            {"factor_id": self.factor.id, "date": date(2025, 3, 31), "value": 1}
        )
        wizard = self._csv(
            "factor;date;value\n"
            "Ad budget;2025-01-31;10,5\n"
            "Weather;2025-01-31;1\n"
            "Ad budget;2025-01-31;12\n"
            "Ad budget;2025-03-31;12\n"
            "Mean temperature;2025-01-31;nan\n"
            "Mean temperature;2025-01-31;inf\n"
        )
        with self.assertRaises(UserError) as caught:
            wizard.action_import()
        self.assertEqual(
            str(caught.exception).split("\n"),
            [
                "Nothing was imported: 5 row(s) are wrong.",
                'Row 3: unknown factor "Weather"',
                "Row 4: duplicate date: same as row 2",
                "Row 5: duplicate date: a value is already stored",
                'Row 6: "nan" is not a finite number',
                'Row 7: "inf" is not a finite number; duplicate date: same as row 6',
            ],
        )
        self.assertEqual(len(self.env["crm.external.factor.value"].search([])), 1)

    def test_import_xlsx(self):
        book = openpyxl.Workbook()
        sheet = book.active
        sheet.append(["Factor", "Date", "Value"])
        sheet.append(["Ad budget", date(2025, 1, 31), 10])
        sheet.append(["mean temperature", "31.01.2025", -7.5])
        content = io.BytesIO()
        book.save(content)
        self.env["crm.external.factor.import"].create(
            {
                "file": base64.b64encode(content.getvalue()),
                "filename": "values.xlsx",
            }
        ).action_import()
        values = self.env["crm.external.factor.value"].search([], order="value")
        self.assertEqual(
            [(v.factor_id, v.date, v.value) for v in values],
            [
                (self.temperature, date(2025, 1, 31), -7.5),
                (self.factor, date(2025, 1, 31), 10.0),
            ],
        )

    def test_access(self):
        with self.assertRaises(AccessError):
            self.env["crm.external.factor.value"].with_user(self.user_sales).create(
                {"factor_id": self.factor.id, "date": date(2025, 1, 1), "value": 1}
            )
        with self.assertRaises(AccessError):
            self.env["crm.external.factor.import"].with_user(self.user_sales).create(
                {"file": base64.b64encode(b"factor,date,value\n")}
            )
        with self.assertRaises(AccessError):
            self.env["crm.factor.influence"].with_user(self.user_sales).create(
                {"factor_id": self.factor.id}
            )
        # salespeople read the factors and record events
        self.assertEqual(
            self.env["crm.external.factor"]
            .with_user(self.user_sales)
            .search([("id", "=", self.factor.id)]),
            self.factor,
        )
        self.env["crm.market.event"].with_user(self.user_sales).create(
            {"name": "New salon of Mebel Plus", "kind": "market"}
        )
