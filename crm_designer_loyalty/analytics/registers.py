# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Set-based SQL of the registers: share of wallet and the influence of
external factors on sales.

Share of wallet, per client (commercial partner) and month:

- our sales: net revenue of the posted customer invoices and refunds
  (``-balance`` of their product lines, company currency, refunds negative), as
  in the segmentation and the client sales dynamics;
- their deals: the client's deals with competitors (``crm_competitor_deal``);
- total needs = our sales + their deals; share = our sales / total needs, our
  sales counted at zero when refunds exceed them.

Each side is aggregated on its own, then the two are joined: one scan of the
invoice lines and one of the deals (:func:`wallet_query`).

Influence: the monthly series of a factor (:func:`factor_series_query`,
aggregated by the factor's rule: mean, sum or last value) and of a sales
measure (:func:`sales_series_query`: revenue, orders or margin, overall, for a
product category or a sales team) are aligned month by month in SQL
(:func:`aligned_series`); the statistics (:func:`lagged_correlations`) are
plain Python over at most a few hundred points.
"""

import math

from odoo.tools import SQL

from .invoice_cost import line_cost

# Fewer aligned months than this: the correlation is shown with a warning.
MIN_POINTS = 12
MAX_LAG = 6


def _conditions(alias, company_id, date_from, date_to, partner_ids, fixed=()):
    """Conditions on the company, date and commercial partner columns of the
    invoices (``am``) or the competitor deals (``d`` and their partner ``p``)."""
    date, partner = {
        "am": (SQL("am.invoice_date"), SQL("am.commercial_partner_id")),
        "d": (SQL("d.date"), SQL("p.commercial_partner_id")),
    }[alias]
    conditions = [SQL(condition) for condition in fixed] or [SQL("TRUE")]
    if company_id:
        conditions.append(SQL("%s.company_id = %s", SQL.identifier(alias), company_id))
    if date_from:
        conditions.append(SQL("%s >= %s", date, date_from))
    if date_to:
        conditions.append(SQL("%s <= %s", date, date_to))
    if partner_ids is not None:
        conditions.append(SQL("%s = ANY(%s)", partner, list(partner_ids)))
    return SQL(" AND ").join(conditions)


def wallet_query(
    company_id=None, date_from=None, date_to=None, partner_ids=None, by_month=True
):
    """Rows (company_id, partner_id, month, our_sales, competitor_amount): per
    client and month, or per client over the period (month NULL) when
    ``by_month`` is false. Dates are inclusive; ``None`` leaves a bound open."""
    month_am = SQL(
        "date_trunc('month', am.invoice_date)::date" if by_month else "NULL::date"
    )
    month_d = SQL("date_trunc('month', d.date)::date" if by_month else "NULL::date")
    return SQL(
        """
        WITH ours AS (
            SELECT am.company_id, am.commercial_partner_id AS partner_id,
                   %(month_am)s AS month, sum(-aml.balance) AS amount
              FROM account_move am
              JOIN account_move_line aml
                ON aml.move_id = am.id AND aml.display_type = 'product'
             WHERE %(sales)s
             GROUP BY 1, 2, 3
        ), theirs AS (
            SELECT d.company_id, p.commercial_partner_id AS partner_id,
                   %(month_d)s AS month, sum(d.amount) AS amount
              FROM crm_competitor_deal d
              JOIN res_partner p ON p.id = d.partner_id
             WHERE %(deals)s
             GROUP BY 1, 2, 3
        )
        SELECT COALESCE(o.company_id, t.company_id) AS company_id,
               COALESCE(o.partner_id, t.partner_id) AS partner_id,
               COALESCE(o.month, t.month) AS month,
               COALESCE(o.amount, 0) AS our_sales,
               COALESCE(t.amount, 0) AS competitor_amount
          FROM ours o
          FULL JOIN theirs t
            ON t.company_id = o.company_id AND t.partner_id = o.partner_id
           AND t.month IS NOT DISTINCT FROM o.month
        """,
        month_am=month_am,
        month_d=month_d,
        sales=_conditions(
            "am",
            company_id,
            date_from,
            date_to,
            partner_ids,
            fixed=(
                "am.state = 'posted'",
                "am.move_type IN ('out_invoice', 'out_refund')",
                "am.commercial_partner_id IS NOT NULL",
            ),
        ),
        deals=_conditions("d", company_id, date_from, date_to, partner_ids),
    )


def share_expression(ours, theirs):
    """Share of wallet in percent of SQL sums ``ours`` and ``theirs`` (NULL when
    the client has no needs)."""
    return SQL(
        "100 * GREATEST(%(ours)s, 0) / NULLIF(GREATEST(%(ours)s, 0) + %(theirs)s, 0)",
        ours=ours,
        theirs=theirs,
    )


def share_of_wallet(cr, company_id, date_from, date_to, partner_ids=None):
    """{partner_id: (our_sales, competitor_amount, share %)} over the period,
    for the clients with sales or competitor deals in it (of ``partner_ids``
    only, commercial partners, when given)."""
    cr.execute(
        SQL(
            """
            SELECT partner_id, our_sales, competitor_amount, %(share)s
              FROM (%(wallet)s) w
            """,
            share=share_expression(SQL("our_sales"), SQL("competitor_amount")),
            wallet=wallet_query(
                company_id, date_from, date_to, partner_ids, by_month=False
            ),
        )
    )
    return {
        partner_id: (
            float(ours),
            float(theirs),
            None if share is None else float(share),
        )
        for partner_id, ours, theirs, share in cr.fetchall()
    }


# ---------------------------------------------------------------------------
# Influence of external factors
# ---------------------------------------------------------------------------

FACTOR_AGGREGATES = {
    "mean": SQL("avg(v.value)"),
    "sum": SQL("sum(v.value)"),
    "last": SQL("(array_agg(v.value ORDER BY v.date DESC))[1]"),
}


def factor_series_query(factor, company_id, date_from, date_to):
    """Rows (month, value): the monthly values of ``factor`` (a dict with
    ``id``, ``source``, ``aggregation`` and ``currency_id``) between the first
    days of the months ``date_from`` and ``date_to`` (inclusive). A currency
    factor reads the rates of the company (or shared ones): company currency
    units per unit of the currency."""
    aggregate = FACTOR_AGGREGATES[factor["aggregation"]]
    if factor["source"] == "currency":
        values = SQL(
            """
            SELECT r.name AS date, 1 / r.rate AS value
              FROM res_currency_rate r
             WHERE r.currency_id = %s AND r.rate > 0
               AND (r.company_id = %s OR r.company_id IS NULL)
            """,
            factor["currency_id"],
            company_id,
        )
    else:
        values = SQL(
            "SELECT date, value FROM crm_external_factor_value WHERE factor_id = %s",
            factor["id"],
        )
    return SQL(
        """
        SELECT date_trunc('month', v.date)::date AS month, %(aggregate)s AS value
          FROM (%(values)s) v
         WHERE v.date >= %(date_from)s
           AND v.date < (%(date_to)s::date + interval '1 month')
         GROUP BY 1
        """,
        aggregate=aggregate,
        values=values,
        date_from=date_from,
        date_to=date_to,
    )


def sales_series_query(measure, company_id, date_from, date_to, categ_id, team_id):
    """Rows (month, value): the company's monthly revenue, margin (posted
    customer invoices and refunds, company currency) or number of confirmed
    orders, for a product category (and its subcategories) or a sales team
    when given."""
    conditions = []
    if measure == "orders":
        if categ_id:
            conditions.append(
                SQL(
                    """EXISTS (SELECT 1 FROM sale_order_line sol
                                 JOIN product_product pp ON pp.id = sol.product_id
                                 JOIN product_template pt ON pt.id = pp.product_tmpl_id
                                 JOIN product_category pc ON pc.id = pt.categ_id
                                WHERE sol.order_id = so.id
                                  AND pc.parent_path LIKE %s)""",
                    f"%/{categ_id}/%",
                )
            )
        if team_id:
            conditions.append(SQL("so.team_id = %s", team_id))
        return SQL(
            """
            SELECT date_trunc('month', so.date_order)::date AS month,
                   count(*)::numeric AS value
              FROM sale_order so
             WHERE so.state = 'sale' AND so.company_id = %(company_id)s
               AND so.date_order >= %(date_from)s
               AND so.date_order < (%(date_to)s::date + interval '1 month')
               AND %(conditions)s
             GROUP BY 1
            """,
            company_id=company_id,
            date_from=date_from,
            date_to=date_to,
            conditions=SQL(" AND ").join([SQL("TRUE"), *conditions]),
        )
    joins = []
    if categ_id:
        joins.append(
            SQL(
                """JOIN product_product cpp ON cpp.id = aml.product_id
                   JOIN product_template cpt ON cpt.id = cpp.product_tmpl_id
                   JOIN product_category cpc
                     ON cpc.id = cpt.categ_id AND cpc.parent_path LIKE %s""",
                f"%/{categ_id}/%",
            )
        )
    if team_id:
        conditions.append(SQL("am.team_id = %s", team_id))
    value = SQL("sum(-aml.balance)")
    if measure == "margin":
        cost = line_cost()
        joins.append(cost.joins)
        value = SQL("sum(-aml.balance - %s)", cost.cost)
    return SQL(
        """
        SELECT date_trunc('month', am.invoice_date)::date AS month,
               %(value)s AS value
          FROM account_move am
          JOIN account_move_line aml
            ON aml.move_id = am.id AND aml.display_type = 'product'
          %(joins)s
         WHERE am.state = 'posted'
           AND am.move_type IN ('out_invoice', 'out_refund')
           AND am.company_id = %(company_id)s
           AND am.invoice_date >= %(date_from)s
           AND am.invoice_date < (%(date_to)s::date + interval '1 month')
           AND %(conditions)s
         GROUP BY 1
        """,
        value=value,
        joins=SQL(" ").join(joins),
        company_id=company_id,
        date_from=date_from,
        date_to=date_to,
        conditions=SQL(" AND ").join([SQL("TRUE"), *conditions]),
    )


def aligned_series(cr, factor_queries, sales_query, date_from, date_to):
    """{key: [(month, factor value or None, sales value)]} for every month from
    ``date_from`` to ``date_to`` (first days of months) and every factor query
    of ``factor_queries`` ({key: query of :func:`factor_series_query`}), in one
    query that aggregates the sales once: a month without sales counts 0, a
    month without factor value has none."""
    factors = SQL(" UNION ALL ").join(
        SQL("SELECT %s AS key, f.month, f.value FROM (%s) f", key, query)
        for key, query in factor_queries.items()
    )
    cr.execute(
        SQL(
            """
            WITH months AS (
                SELECT m::date AS month
                  FROM generate_series(%(date_from)s::date, %(date_to)s::date,
                                       interval '1 month') AS m
            ), sales AS (%(sales)s), factors AS (%(factors)s)
            SELECT k.key, m.month, f.value, COALESCE(s.value, 0)
              FROM unnest(%(keys)s) AS k(key)
             CROSS JOIN months m
              LEFT JOIN factors f ON f.key = k.key AND f.month = m.month
              LEFT JOIN sales s ON s.month = m.month
             ORDER BY 1, 2
            """,
            date_from=date_from,
            date_to=date_to,
            sales=sales_query,
            factors=factors,
            keys=list(factor_queries),
        )
    )
    series = {key: [] for key in factor_queries}
    for key, month, x, y in cr.fetchall():
        series[key].append((month, None if x is None else float(x), float(y)))
    return series


def pearson(xs, ys):
    """Pearson correlation of two equal-length sequences, None when one of
    them is constant or there are fewer than 3 points."""
    n = len(xs)
    if n < 3:
        return None
    mean_x, mean_y = sum(xs) / n, sum(ys) / n
    sxy = sum((x - mean_x) * (y - mean_y) for x, y in zip(xs, ys, strict=True))
    sxx = sum((x - mean_x) ** 2 for x in xs)
    syy = sum((y - mean_y) ** 2 for y in ys)
    if sxx <= 0 or syy <= 0:
        return None
    return max(-1.0, min(1.0, sxy / math.sqrt(sxx * syy)))


def _betacf(a, b, x):
    """Continued fraction of the incomplete beta function (Lentz)."""
    tiny = 1e-300
    qab, qap, qam = a + b, a + 1.0, a - 1.0
    c, d = 1.0, 1.0 - qab * x / qap
    d = 1.0 / (d if abs(d) > tiny else tiny)
    h = d
    for m in range(1, 300):
        m2 = 2 * m
        for aa in (
            m * (b - m) * x / ((qam + m2) * (a + m2)),
            -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2)),
        ):
            d = 1.0 + aa * d
            d = 1.0 / (d if abs(d) > tiny else tiny)
            c = 1.0 + aa / c
            c = c if abs(c) > tiny else tiny
            h *= d * c
        if abs(d * c - 1.0) < 1e-14:
            break
    return h


def betainc(a, b, x):
    """Regularized incomplete beta function I_x(a, b)."""
    if x <= 0.0:
        return 0.0
    if x >= 1.0:
        return 1.0
    front = math.exp(
        math.lgamma(a + b)
        - math.lgamma(a)
        - math.lgamma(b)
        + a * math.log(x)
        + b * math.log1p(-x)
    )
    if x < (a + 1.0) / (a + b + 2.0):
        return front * _betacf(a, b, x) / a
    return 1.0 - front * _betacf(b, a, 1.0 - x) / b


def p_value(r, n):
    """Two-sided p-value of a Pearson correlation ``r`` of ``n`` points (the
    Student t test with n - 2 degrees of freedom)."""
    if r is None or n < 3:
        return None
    df = n - 2
    if abs(r) >= 1.0:
        return 0.0
    t2 = r * r * df / (1.0 - r * r)
    return betainc(df / 2.0, 0.5, df / (df + t2))


def lagged_correlations(series, max_lag=MAX_LAG):
    """For each lag k from 0 to ``max_lag``: (k, n, r, p) of the factor of month
    t against the sales of month t + k (the factor leading the sales by k
    months), over the months where both are known."""
    results = []
    for lag in range(max_lag + 1):
        pairs = [
            (series[i][1], series[i + lag][2])
            for i in range(len(series) - lag)
            if series[i][1] is not None
        ]
        xs = [x for x, _y in pairs]
        ys = [y for _x, y in pairs]
        r = pearson(xs, ys)
        results.append((lag, len(pairs), r, p_value(r, len(pairs))))
    return results


def best_lag(correlations):
    """The (lag, n, r, p) of the strongest correlation (largest |r|), or None."""
    known = [row for row in correlations if row[2] is not None]
    return max(known, key=lambda row: (abs(row[2]), -row[0])) if known else None
