# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Set-based SQL of sales planning: plan-fact, drill-down and monthly series.

Pure functions of ``(cr, params)``; ``params`` is the dict of
:func:`make_params`. The *sales* are those of one company in a date range,
each with the dimensions a plan line may name:

- source ``invoice`` (default): the product lines of posted customer invoices
  and credit notes (a credit note counts negative), revenue in company
  currency (the line's balance), margin = revenue - cost of
  :func:`.invoice_cost.line_cost`; salesperson, team and medium of the
  invoice. Payments play no part: both Odoo 18 payment flows give the same
  actuals;
- source ``order``: the lines of confirmed sale orders (``state = 'sale'``),
  revenue and margin (``sale_margin``) converted at the order's rate.

Dimensions: salesperson, sales team, product category (a line on a category
takes its sub-categories too), state and city of the client (its commercial
partner; cities compare case- and blank-insensitive), the client, the client's
ABC class (latest segmentation run), channel (UTM medium) and nature: a sale is
*guaranteed* when its client bought in the 12 months before the anchor (the
start of the plan period; the month of the sale, for monthly series),
*planned* (new demand) otherwise.

:func:`facts_query` groups the sales by every dimension (and by month or
document when asked) before they meet the plan lines, so that the match joins
two small sets: :func:`plan_fact_update` writes all the lines of a plan in one
UPDATE. A plan line matches a sale when each dimension it names is equal (an
empty dimension matches everything).
"""

import json

from dateutil.relativedelta import relativedelta

from odoo.tools import SQL

from .invoice_cost import line_cost

# the dimensions of a plan line, columns of crm_sales_plan_line and of the facts
DIMENSIONS = (
    "user_id",
    "team_id",
    "categ_id",
    "state_id",
    "city",
    "partner_id",
    "client_class",
    "medium_id",
    "nature",
)


def make_params(plan, date_from=None, date_to=None):
    """The parameters of the plan's facts (its period unless given)."""
    company = plan.company_id
    return {
        "plan_id": plan.id,
        "company_id": company.id,
        "date_from": date_from or plan.date_from,
        "date_to": date_to or plan.date_to,
        "source": company.cdl_plan_actual_source or "invoice",
        "class_date": company.sudo().segment_last_date or None,
    }


def invoice_sales(params, date_from):
    """The product lines of the posted customer invoices and credit notes of
    ``params`` from ``date_from`` (one row each, with its dimensions)."""
    cost = line_cost("aml", "am")
    return SQL(
        """
        SELECT am.invoice_user_id AS user_id, am.team_id, pt.categ_id,
               categ.parent_path AS categ_path, cp.state_id,
               lower(btrim(cp.city)) AS city, cp.id AS partner_id,
               snap.abc_class AS client_class, am.medium_id,
               am.invoice_date AS doc_date, am.id AS document_id,
               -aml.balance AS revenue, -aml.balance - %(cost)s AS margin
          FROM account_move_line aml
          JOIN account_move am ON am.id = aml.move_id
          JOIN res_partner cp ON cp.id = am.commercial_partner_id
          LEFT JOIN product_product pp ON pp.id = aml.product_id
          LEFT JOIN product_template pt ON pt.id = pp.product_tmpl_id
          LEFT JOIN product_category categ ON categ.id = pt.categ_id
          LEFT JOIN res_partner_segment_snapshot snap
                 ON snap.partner_id = cp.id AND snap.company_id = am.company_id
                AND snap.date = %(class_date)s
          %(cost_joins)s
         WHERE am.company_id = %(company)s AND am.state = 'posted'
           AND am.move_type IN ('out_invoice', 'out_refund')
           AND aml.display_type = 'product'
           AND am.invoice_date BETWEEN %(date_from)s AND %(date_to)s
        """,
        cost=cost.cost,
        cost_joins=cost.joins,
        class_date=params["class_date"],
        company=params["company_id"],
        date_from=date_from,
        date_to=params["date_to"],
    )


def _order_sales(params, date_from):
    rate = SQL("COALESCE(NULLIF(so.currency_rate, 0), 1)")
    return SQL(
        """
        SELECT so.user_id, so.team_id, pt.categ_id,
               categ.parent_path AS categ_path, cp.state_id,
               lower(btrim(cp.city)) AS city, cp.id AS partner_id,
               snap.abc_class AS client_class, so.medium_id,
               so.date_order::date AS doc_date, so.id AS document_id,
               sol.price_subtotal / %(rate)s AS revenue,
               COALESCE(sol.margin, 0) / %(rate)s AS margin
          FROM sale_order_line sol
          JOIN sale_order so ON so.id = sol.order_id
          JOIN res_partner p ON p.id = so.partner_id
          JOIN res_partner cp ON cp.id = COALESCE(p.commercial_partner_id, p.id)
          LEFT JOIN product_product pp ON pp.id = sol.product_id
          LEFT JOIN product_template pt ON pt.id = pp.product_tmpl_id
          LEFT JOIN product_category categ ON categ.id = pt.categ_id
          LEFT JOIN res_partner_segment_snapshot snap
                 ON snap.partner_id = cp.id AND snap.company_id = so.company_id
                AND snap.date = %(class_date)s
         WHERE so.company_id = %(company)s AND so.state = 'sale'
           AND sol.display_type IS NULL
           AND so.date_order::date BETWEEN %(date_from)s AND %(date_to)s
        """,
        rate=rate,
        class_date=params["class_date"],
        company=params["company_id"],
        date_from=date_from,
        date_to=params["date_to"],
    )


def _bought(params, date_from):
    """The clients (commercial partners) and months with a sale of ``params``
    from ``date_from``: posted customer invoices and credit notes, or
    confirmed orders, read from the documents alone (not their lines)."""
    if params["source"] == "order":
        return SQL(
            """
            SELECT DISTINCT COALESCE(p.commercial_partner_id, p.id) AS partner_id,
                   date_trunc('month', so.date_order)::date AS month
              FROM sale_order so
              JOIN res_partner p ON p.id = so.partner_id
             WHERE so.company_id = %(company)s AND so.state = 'sale'
               AND so.date_order::date BETWEEN %(date_from)s AND %(date_to)s
            """,
            company=params["company_id"],
            date_from=date_from,
            date_to=params["date_to"],
        )
    return SQL(
        """
        SELECT DISTINCT am.commercial_partner_id AS partner_id,
               date_trunc('month', am.invoice_date)::date AS month
          FROM account_move am
         WHERE am.company_id = %(company)s AND am.state = 'posted'
           AND am.move_type IN ('out_invoice', 'out_refund')
           AND am.invoice_date BETWEEN %(date_from)s AND %(date_to)s
        """,
        company=params["company_id"],
        date_from=date_from,
        date_to=params["date_to"],
    )


def facts_query(params, by_month=False, by_document=False):
    """The sales of ``params`` grouped by every dimension, and by month
    (column ``month``) or document (``document_id``) when asked (else NULL).

    The nature is decided once per client and anchor (the plan's start, or
    the month of the sale): the pairs whose client bought in the 12 months
    before the anchor are *guaranteed* (a semi-join, then a hash join with
    the sales)."""
    sales = _order_sales if params["source"] == "order" else invoice_sales
    history = params["date_from"] - relativedelta(months=12)
    anchor = (
        SQL("date_trunc('month', s.doc_date)::date")
        if by_month
        else SQL("%s::date", params["date_from"])
    )
    return SQL(
        """
        WITH sales AS MATERIALIZED (%(sales)s),
        bought AS MATERIALIZED (%(bought)s),
        anchors AS (
            SELECT DISTINCT s.partner_id, %(anchor)s AS anchor FROM sales s
        ),
        guaranteed AS (
            SELECT a.partner_id, a.anchor FROM anchors a
             WHERE EXISTS (
                 SELECT 1 FROM bought b
                  WHERE b.partner_id = a.partner_id AND b.month < a.anchor
                    AND b.month >= a.anchor - interval '12 months'
             )
        )
        SELECT s.user_id, s.team_id, s.categ_id, s.categ_path, s.state_id,
               s.city, s.partner_id, s.client_class, s.medium_id,
               CASE WHEN g.partner_id IS NOT NULL THEN 'guaranteed'
                    ELSE 'planned' END AS nature,
               %(month)s AS month, %(document)s AS document_id,
               SUM(s.revenue) AS revenue, SUM(s.margin) AS margin
          FROM sales s
          LEFT JOIN guaranteed g
                 ON g.partner_id = s.partner_id AND g.anchor = %(anchor)s
         GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12
        """,
        sales=sales(params, params["date_from"]),
        bought=_bought(params, history),
        anchor=anchor,
        month=SQL("date_trunc('month', s.doc_date)::date")
        if by_month
        else SQL("NULL::date"),
        document=SQL("s.document_id") if by_document else SQL("NULL::int4"),
    )


def _shapes(cr, params, line_id=None):
    """The shapes of the plan's lines (or of its line ``line_id``): the
    tuples of the dimensions each names."""
    cr.execute(
        SQL(
            "SELECT DISTINCT %s FROM crm_sales_plan_line pl WHERE pl.plan_id = %s %s",
            SQL(", ").join(
                SQL("%s IS NOT NULL", SQL.identifier("pl", name)) for name in DIMENSIONS
            ),
            params["plan_id"],
            SQL("AND pl.id = %s", line_id) if line_id else SQL(),
        )
    )
    return [
        tuple(name for name, named in zip(DIMENSIONS, row, strict=True) if named)
        for row in cr.fetchall()
    ]


def _match(shape, line="pl", fact="f", ancestor="anc"):
    """The condition of a plan line ``line`` of ``shape`` matching a fact
    ``fact``: equalities only, so that the join hashes. A line on a product
    category matches the facts of its sub-categories through ``ancestor``,
    the categories of the fact's category path."""
    conditions = [
        SQL(
            "%s IS NOT NULL" if name in shape else "%s IS NULL",
            SQL.identifier(line, name),
        )
        for name in DIMENSIONS
    ]
    for name in shape:
        if name == "city":
            condition = SQL(
                "%s = lower(btrim(%s))",
                SQL.identifier(fact, "city"),
                SQL.identifier(line, "city"),
            )
        elif name == "categ_id":
            condition = SQL(
                "%s = %s",
                SQL.identifier(ancestor, "id"),
                SQL.identifier(line, "categ_id"),
            )
        else:
            condition = SQL(
                "%s = %s", SQL.identifier(fact, name), SQL.identifier(line, name)
            )
        conditions.append(condition)
    return SQL(" AND ").join(conditions)


def _matched(cr, params, facts, select, group, line_id=None):
    """``SELECT select`` of the plan's lines (or its line ``line_id``) joined
    with the facts they match, grouped by ``group``: one hash join a shape
    of lines (:func:`_shapes`), their results appended."""
    parts = [
        SQL(
            """
            SELECT %(select)s
              FROM crm_sales_plan_line pl
              JOIN %(facts)s ON %(match)s
             WHERE pl.plan_id = %(plan)s %(line)s
             GROUP BY %(group)s
            """,
            select=select,
            facts=SQL(
                "(facts f CROSS JOIN LATERAL unnest(string_to_array("
                "rtrim(f.categ_path, '/'), '/')::int[]) AS anc(id))"
            )
            if "categ_id" in shape
            else SQL("facts f"),
            match=_match(shape),
            plan=params["plan_id"],
            line=SQL("AND pl.id = %s", line_id) if line_id else SQL(),
            group=group,
        )
        for shape in _shapes(cr, params, line_id)
    ]
    return SQL(
        "WITH facts AS MATERIALIZED (%s) %s",
        facts,
        SQL(" UNION ALL ").join(parts)
        if parts
        else SQL(
            "SELECT %s FROM crm_sales_plan_line pl, facts f WHERE FALSE GROUP BY %s",
            select,
            group,
        ),
    )


def plan_fact_update(cr, params, low, high):
    """Write the actual revenue and margin, fulfilment (%), deviations and flag
    of every line of the plan ``params['plan_id']`` in one UPDATE.

    Fulfilment is on revenue when the line has a revenue target, else on margin,
    rounded to 0.01 %; the flag is ``under`` below ``low`` %, ``over`` above
    ``high`` %, ``on`` between them."""
    matched = _matched(
        cr,
        params,
        facts_query(params),
        SQL("pl.id, SUM(f.revenue) AS revenue, SUM(f.margin) AS margin"),
        SQL("pl.id"),
    )
    cr.execute(
        SQL(
            """
            WITH actual AS (%(matched)s),
            fulfilment AS (
                SELECT pl.id,
                       COALESCE(a.revenue, 0) AS revenue,
                       COALESCE(a.margin, 0) AS margin,
                       round(CASE WHEN pl.target_revenue > 0
                                  THEN 100 * COALESCE(a.revenue, 0)
                                       / pl.target_revenue::numeric
                                  WHEN pl.target_margin > 0
                                  THEN 100 * COALESCE(a.margin, 0)
                                       / pl.target_margin::numeric
                             END, 2) AS pct
                  FROM crm_sales_plan_line pl
                  LEFT JOIN actual a ON a.id = pl.id
                 WHERE pl.plan_id = %(plan)s
            )
            UPDATE crm_sales_plan_line pl
               SET actual_revenue = fu.revenue,
                   actual_margin = fu.margin,
                   deviation_revenue = fu.revenue - COALESCE(pl.target_revenue, 0),
                   deviation_margin = fu.margin - COALESCE(pl.target_margin, 0),
                   fulfilment = fu.pct,
                   flag = CASE WHEN fu.pct < %(low)s THEN 'under'
                               WHEN fu.pct > %(high)s THEN 'over'
                               ELSE 'on' END
              FROM fulfilment fu
             WHERE fu.id = pl.id
            """,
            matched=matched,
            plan=params["plan_id"],
            low=low,
            high=high,
        )
    )


def line_document_ids(cr, params, line_id):
    """The invoices (or orders) whose sales make the actuals of a plan line."""
    cr.execute(
        _matched(
            cr,
            params,
            facts_query(params, by_document=True),
            SQL("f.document_id"),
            SQL("f.document_id"),
            line_id,
        )
    )
    return [row[0] for row in cr.fetchall()]


def plan_series(cr, params):
    """The monthly revenue of every line of the plan over the period of
    ``params``: ``{line id: {month (date): revenue}}``."""
    cr.execute(
        _matched(
            cr,
            params,
            facts_query(params, by_month=True),
            SQL("pl.id, f.month, SUM(f.revenue)"),
            SQL("pl.id, f.month"),
        )
    )
    series = {}
    for line_id, month, revenue in cr.fetchall():
        series.setdefault(line_id, {})[month] = float(revenue or 0)
    return series


def write_forecasts(cr, rows):
    """Write the forecast fields of plan lines in one UPDATE; ``rows``: dicts of
    ``id`` and the fields of :data:`.forecast.FIELDS`."""
    if not rows:
        return
    cr.execute(
        SQL(
            """
            UPDATE crm_sales_plan_line pl
               SET forecast_revenue = v.forecast_revenue,
                   forecast_low = v.forecast_low,
                   forecast_high = v.forecast_high,
                   forecast_gap = v.forecast_gap,
                   forecast_method = v.forecast_method,
                   forecast_mape = v.forecast_mape,
                   naive_mape = v.naive_mape
              FROM jsonb_to_recordset(%s::jsonb) AS v(
                   id int, forecast_revenue numeric, forecast_low numeric,
                   forecast_high numeric, forecast_gap numeric,
                   forecast_method varchar, forecast_mape float8,
                   naive_mape float8)
             WHERE pl.id = v.id
            """,
            json.dumps(rows),
        )
    )
