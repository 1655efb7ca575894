# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Monthly sales forecasts: linear trend with multiplicative seasonal indices.

Plain Python over a monthly series read by SQL (:func:`.planning.plan_series`):
at most a few dozen points a series, so no numeric library is needed.

- :func:`fit`: with at least 24 months, the series is ``trend(t) * index(month)``
  (least-squares line and 12 indices averaging to 1, refined alternately until
  they settle); with fewer months, the trend alone;
- :func:`forecast`: the next months, with a pessimistic and an optimistic
  scenario: the 80 % interval ``± 1.2816 s`` where ``s`` is the standard
  deviation of the residuals (actual - fitted);
- :func:`backtest`: the mean absolute percentage error (MAPE) of the model
  fitted without the last 6 months, on those months, beside the MAPE of the
  seasonal-naive forecast (the same month a year earlier).
"""

import math

SEASON = 12
MIN_SEASONAL = 24
Z80 = 1.2816  # two-sided 80 % interval of the normal law
ITERATIONS = 50


def _line(values):
    """Least-squares intercept and slope of ``values`` over t = 0, 1, ..."""
    n = len(values)
    if n == 1:
        return values[0], 0.0
    mean_t = (n - 1) / 2
    mean_y = sum(values) / n
    var = sum((t - mean_t) ** 2 for t in range(n))
    slope = sum((t - mean_t) * (y - mean_y) for t, y in enumerate(values)) / var
    return mean_y - slope * mean_t, slope


def fit(series, first_month=0):
    """Model of ``series`` (monthly values, oldest first; ``first_month`` is the
    calendar month index 0-11 of the first value): a dict with ``intercept``,
    ``slope``, ``indices`` (12 values, all 1 without seasonality), ``seasonal``,
    ``sigma`` (standard deviation of the residuals) and ``first_month``."""
    n = len(series)
    indices = [1.0] * SEASON
    intercept, slope = _line(series)
    seasonal = n >= MIN_SEASONAL
    if seasonal:
        for _i in range(ITERATIONS):
            ratios = [[] for _m in range(SEASON)]
            for t, y in enumerate(series):
                trend = intercept + slope * t
                if trend > 0:
                    ratios[(first_month + t) % SEASON].append(y / trend)
            raw = [sum(r) / len(r) if r else 1.0 for r in ratios]
            scale = sum(raw) / SEASON or 1.0
            new = [value / scale for value in raw]
            adjusted = [
                y / (new[(first_month + t) % SEASON] or 1.0)
                for t, y in enumerate(series)
            ]
            intercept, slope = _line(adjusted)
            settled = max(abs(a - b) for a, b in zip(new, indices, strict=True))
            indices = new
            if settled < 1e-9:
                break
    model = {
        "intercept": intercept,
        "slope": slope,
        "indices": indices,
        "seasonal": seasonal,
        "first_month": first_month,
    }
    residuals = [y - predict(model, t) for t, y in enumerate(series)]
    params = 2 + (SEASON - 1 if seasonal else 0)
    freedom = max(n - params, 1)
    model["sigma"] = math.sqrt(sum(r * r for r in residuals) / freedom)
    return model


def predict(model, t):
    """The fitted value at index ``t`` (0 = the first month of the series)."""
    month = (model["first_month"] + t) % SEASON
    return (model["intercept"] + model["slope"] * t) * model["indices"][month]


def forecast(series, horizon, first_month=0):
    """``horizon`` months after ``series``: a list of ``(expected, pessimistic,
    optimistic)``, none below zero."""
    model = fit(series, first_month)
    margin = Z80 * model["sigma"]
    result = []
    for step in range(horizon):
        expected = max(predict(model, len(series) + step), 0.0)
        result.append((expected, max(expected - margin, 0.0), expected + margin))
    return result


def mape(actual, predicted):
    """Mean absolute percentage error (%) over the months with sales; None
    when there is none."""
    errors = [abs(a - p) / abs(a) for a, p in zip(actual, predicted, strict=True) if a]
    return 100 * sum(errors) / len(errors) if errors else None


def backtest(series, first_month=0, holdout=6):
    """``(model MAPE, seasonal-naive MAPE)`` on the last ``holdout`` months,
    the model fitted on the months before them; None where the series is too
    short (the naive forecast needs the same month a year earlier)."""
    if len(series) < holdout + 2:
        return None, None
    train, actual = series[:-holdout], series[-holdout:]
    model = [
        expected for expected, _low, _high in forecast(train, holdout, first_month)
    ]
    naive = None
    if len(series) >= holdout + SEASON:
        naive = mape(actual, series[-holdout - SEASON : -SEASON])
    return mape(actual, model), naive


# the forecast fields of a plan line, as :func:`summary` gives them
FIELDS = (
    "forecast_revenue",
    "forecast_low",
    "forecast_high",
    "forecast_gap",
    "forecast_method",
    "forecast_mape",
    "naive_mape",
)


def summary(series, first_month, horizon):
    """The forecast of the ``horizon`` months after ``series`` summed (expected,
    pessimistic, optimistic), the method and the backtest MAPEs (0 where
    unknown); all zero for an empty series."""
    if not series:
        return {
            "forecast_revenue": 0.0,
            "forecast_low": 0.0,
            "forecast_high": 0.0,
            "forecast_method": None,
            "forecast_mape": 0.0,
            "naive_mape": 0.0,
        }
    months = forecast(series, horizon, first_month)
    model_mape, naive_mape = backtest(series, first_month)
    return {
        "forecast_revenue": sum(m[0] for m in months),
        "forecast_low": sum(m[1] for m in months),
        "forecast_high": sum(m[2] for m in months),
        "forecast_method": "seasonal" if len(series) >= MIN_SEASONAL else "trend",
        "forecast_mape": model_mape or 0.0,
        "naive_mape": naive_mape or 0.0,
    }
