# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import random
from datetime import date

from dateutil.relativedelta import relativedelta

from odoo.tests import TransactionCase, tagged

from ..analytics import forecast
from .planning_common import PlanningCommon

# seasonal indices (January first), averaging 1
SEASON = [0.7, 0.75, 0.9, 1.0, 1.1, 1.2, 1.3, 1.25, 1.1, 1.0, 0.9, 0.8]


def synthetic(months, first_month=0, noise=0.0, seed=7):
    """(1000 + 20 t) x the index of the month, times 1 ± ``noise``."""
    rng = random.Random(seed)
    return [
        (1000 + 20 * t)
        * SEASON[(first_month + t) % 12]
        * (1 + rng.uniform(-noise, noise))
        for t in range(months)
    ]


@tagged("post_install", "-at_install")
class TestForecastModel(TransactionCase):
    """The model on series of known trend (1000 + 20 t) and season."""

    def test_recovers_trend_and_season(self):
        # 36 months from April: trend and every index recovered within 1e-6
        # (relative), the residuals are zero
        model = forecast.fit(synthetic(36, 3), 3)
        self.assertTrue(model["seasonal"])
        self.assertAlmostEqual(model["intercept"], 1000, delta=1000e-6)
        self.assertAlmostEqual(model["slope"], 20, delta=20e-6)
        for fitted, known in zip(model["indices"], SEASON, strict=True):
            self.assertAlmostEqual(fitted, known, delta=1e-6)
        self.assertAlmostEqual(model["sigma"], 0, delta=1e-3)
        # the next January: (1000 + 20 x 45) x 0.7 = 1330
        expected, low, high = forecast.forecast(synthetic(36, 3), 10, 3)[-1]
        self.assertAlmostEqual(expected, 1330, delta=0.01)
        self.assertAlmostEqual(low, 1330, delta=0.01)
        self.assertAlmostEqual(high, 1330, delta=0.01)

    def test_noisy_series_beats_seasonal_naive(self):
        # ±5 % noise: trend within 2 %, indices within 0.03, an 80 % interval
        # around the forecast; the model's backtest MAPE on the last 6 months
        # is below that of "same month last year" (which misses the trend)
        series = synthetic(36, 0, noise=0.05)
        model = forecast.fit(series)
        self.assertAlmostEqual(model["slope"], 20, delta=0.4)
        for fitted, known in zip(model["indices"], SEASON, strict=True):
            self.assertAlmostEqual(fitted, known, delta=0.03)
        expected, low, high = forecast.forecast(series, 1)[0]
        self.assertLess(low, expected)
        self.assertLess(expected, high)
        self.assertAlmostEqual(high - expected, 1.2816 * model["sigma"], places=6)
        model_mape, naive_mape = forecast.backtest(series)
        self.assertLess(model_mape, 5)
        self.assertGreater(naive_mape, 10)
        self.assertLess(model_mape, naive_mape)

    def test_short_series_trend_only(self):
        # 12 months: no seasonality, the line through the points
        model = forecast.fit([100 + 10 * t for t in range(12)])
        self.assertFalse(model["seasonal"])
        self.assertEqual(model["indices"], [1.0] * 12)
        self.assertAlmostEqual(model["slope"], 10)
        self.assertAlmostEqual(forecast.forecast([100, 110, 120], 1)[0][0], 130)
        self.assertEqual(forecast.backtest([1, 2, 3]), (None, None))
        self.assertEqual(forecast.summary([], 0, 1)["forecast_revenue"], 0)


@tagged("post_install", "-at_install")
class TestPlanForecast(PlanningCommon):
    """A plan line's forecast from its invoices: 30 months of exact trend and
    season before April 2026 (October 2023 to March 2026) for one salesperson,
    forecast of April within 0.01."""

    def test_plan_line_forecast(self):
        start = date(2023, 10, 1)
        series = synthetic(30, 9)
        for t, amount in enumerate(series):
            self._sale(
                self.client,
                self.user_sales2,
                round(amount, 2),
                start + relativedelta(months=t, day=5),
            )
        plan = self._plan(
            [{"user_id": self.user_sales2.id, "target_revenue": 2000}],
            start=date(2026, 4, 1),
        )
        plan.action_compute_forecast()
        line = plan.line_ids
        # April 2026 is t = 30: (1000 + 600) x 1.0
        self.assertEqual(line.forecast_method, "seasonal")
        self.assertAlmostEqual(line.forecast_revenue, 1600, delta=0.05)
        self.assertAlmostEqual(line.forecast_gap, 400, delta=0.05)
        self.assertLess(line.forecast_low, line.forecast_revenue + 0.01)
        self.assertLess(line.forecast_mape, 0.01)
        self.assertGreater(line.naive_mape, 10)
