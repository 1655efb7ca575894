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

:func:`facts_query` groups the sales by the dimensions that the plan's lines
name (and by month or document when asked) before they meet the plan lines,
so that the match joins two small sets: :func:`plan_fact_update` writes all the
lines of a plan in one UPDATE. A plan line matches a sale when each dimension
it names is equal (an empty dimension matches everything).
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
# the dimensions read from the sales documents and products themselves
KEY_DIMENSIONS = ("user_id", "team_id", "categ_id", "medium_id")
# the dimensions of the client (the commercial partner)
CLIENT_DIMENSIONS = ("state_id", "city", "partner_id", "client_class", "nature")
TEXT_DIMENSIONS = ("city", "client_class", "nature")
# how a plan line's dimension meets the facts' (see _shapes)
LINE_COLUMNS = {"city": SQL("lower(btrim(pl.city))"), "categ_id": SQL("sub.id")}


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
    ``params`` from ``date_from``, one row each with the keys read from the
    line and its invoice alone: salesperson, team, product category, client
    (commercial partner), medium, date and invoice."""
    cost = line_cost("aml", "am")
    return SQL(
        """
        SELECT am.invoice_user_id AS user_id, am.team_id, pt.categ_id,
               am.commercial_partner_id AS partner_id, am.medium_id,
               am.invoice_date AS doc_date, am.id AS document_id,
               -aml.balance AS revenue, -aml.balance - %(cost)s AS margin
          FROM account_move_line aml
          JOIN account_move am ON am.id = aml.move_id
          LEFT JOIN product_product pp ON pp.id = aml.product_id
          LEFT JOIN product_template pt ON pt.id = pp.product_tmpl_id
          %(cost_joins)s
         WHERE am.company_id = %(company)s AND am.state = 'posted'
           AND am.move_type IN ('out_invoice', 'out_refund')
           AND aml.display_type = 'product'
           AND am.invoice_date BETWEEN %(date_from)s AND %(date_to)s
        """,
        cost=cost.cost,
        cost_joins=cost.joins,
        company=params["company_id"],
        date_from=date_from,
        date_to=params["date_to"],
    )


def _order_sales(params, date_from):
    rate = SQL("COALESCE(NULLIF(so.currency_rate, 0), 1)")
    return SQL(
        """
        SELECT so.user_id, so.team_id, pt.categ_id,
               COALESCE(p.commercial_partner_id, p.id) AS partner_id, so.medium_id,
               so.date_order::date AS doc_date, so.id AS document_id,
               sol.price_subtotal / %(rate)s AS revenue,
               COALESCE(sol.margin, 0) / %(rate)s AS margin
          FROM sale_order_line sol
          JOIN sale_order so ON so.id = sol.order_id
          JOIN res_partner p ON p.id = so.partner_id
          LEFT JOIN product_product pp ON pp.id = sol.product_id
          LEFT JOIN product_template pt ON pt.id = pp.product_tmpl_id
         WHERE so.company_id = %(company)s AND so.state = 'sale'
           AND sol.display_type IS NULL
           AND so.date_order::date BETWEEN %(date_from)s AND %(date_to)s
        """,
        rate=rate,
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


def facts_query(params, dimensions=DIMENSIONS, by_month=False, by_document=False):
    """The sales of ``params`` summed by ``dimensions`` (the other dimensions
    NULL), and by month (column ``month``) or document (``document_id``) when
    asked (else NULL); by client too when a dimension of the client is asked,
    so that several rows may have the same dimensions.

    The sales lines are summed on the keys of their document and product
    (salesperson, team, category, medium, client, month, document: those
    needed), in one aggregate that PostgreSQL runs like a bare one; only these
    sums meet the clients (state, city, class) and the nature. The nature is
    decided once per client and anchor (the plan's start, or the month of the
    sale): the pairs whose client bought in the 12 months before the anchor
    are *guaranteed* (a semi-join, then a hash join)."""
    sales = _order_sales if params["source"] == "order" else invoice_sales
    names = [name for name in KEY_DIMENSIONS if name in dimensions]
    if not set(dimensions).isdisjoint(CLIENT_DIMENSIONS):
        names.append("partner_id")
    keys = [SQL.identifier("s", name) for name in names]
    if by_month:
        keys.append(SQL("date_trunc('month', s.doc_date)::date AS month"))
    if by_document:
        keys.append(SQL("s.document_id"))
    anchor = SQL("k.month") if by_month else SQL("%s::date", params["date_from"])
    columns = {name: SQL.identifier("k", name) for name in names}
    columns.update(
        state_id=SQL("cp.state_id"),
        city=SQL("lower(btrim(cp.city))"),
        client_class=SQL("snap.abc_class"),
        nature=SQL(
            "CASE WHEN g.partner_id IS NOT NULL THEN 'guaranteed' ELSE 'planned' END"
        ),
    )
    select = [
        SQL(
            "%s AS %s",
            columns[name] if name in dimensions else SQL("NULL"),
            SQL.identifier(name),
        )
        for name in DIMENSIONS
    ]
    select += [
        SQL("k.month") if by_month else SQL("NULL::date AS month"),
        SQL("k.document_id") if by_document else SQL("NULL::int4 AS document_id"),
    ]
    joins = []
    if "state_id" in dimensions or "city" in dimensions:
        joins.append(SQL("JOIN res_partner cp ON cp.id = k.partner_id"))
    if "client_class" in dimensions:
        joins.append(
            SQL(
                """
                LEFT JOIN res_partner_segment_snapshot snap
                       ON snap.partner_id = k.partner_id
                      AND snap.company_id = %s AND snap.date = %s
                """,
                params["company_id"],
                params["class_date"],
            )
        )
    guaranteed = SQL()
    if "nature" in dimensions:
        history = params["date_from"] - relativedelta(months=12)
        guaranteed = SQL(
            """,
            bought AS MATERIALIZED (%(bought)s),
            guaranteed AS (
                SELECT DISTINCT k.partner_id, %(anchor)s AS anchor FROM keyed k
                 WHERE EXISTS (
                     SELECT 1 FROM bought b
                      WHERE b.partner_id = k.partner_id AND b.month < %(anchor)s
                        AND b.month >= %(anchor)s - interval '12 months'
                 )
            )
            """,
            bought=_bought(params, history),
            anchor=anchor,
        )
        joins.append(
            SQL(
                "LEFT JOIN guaranteed g"
                " ON g.partner_id = k.partner_id AND g.anchor = %s",
                anchor,
            )
        )
    return SQL(
        """
        WITH keyed AS (
            SELECT %(keys)s, SUM(s.revenue) AS revenue, SUM(s.margin) AS margin
              FROM (%(sales)s) s
             GROUP BY %(key_group)s
        )%(guaranteed)s
        SELECT %(select)s, k.revenue, k.margin
          FROM keyed k %(joins)s
        """,
        keys=SQL(", ").join(keys),
        sales=sales(params, params["date_from"]),
        key_group=SQL(", ").join(SQL(str(i + 1)) for i in range(len(keys))),
        guaranteed=guaranteed,
        select=SQL(", ").join(select),
        joins=SQL(" ").join(joins),
    )


def _shapes(cr, params, line_id=None):
    """The lines of the plan (or its line ``line_id``) by shape: pairs of the
    tuple of the dimensions that lines name and of these lines as a relation
    ``pl``, written as arrays so that PostgreSQL knows how many they are: the
    line ids and those dimensions, cities lower case and trimmed, and a line
    on a product category once for each category under it (itself
    included), so that the lines join the facts on equalities alone."""
    cr.execute(
        SQL(
            """
            SELECT %s, array_agg(pl.id), %s
              FROM crm_sales_plan_line pl
              LEFT JOIN (
                  SELECT sub.id, ancestor.id AS ancestor_id
                    FROM product_category sub
                   CROSS JOIN LATERAL unnest(string_to_array(
                         rtrim(sub.parent_path, '/'), '/')::int4[]) AS ancestor(id)
              ) sub ON sub.ancestor_id = pl.categ_id
             WHERE pl.plan_id = %s %s
             GROUP BY %s
            """,
            SQL(", ").join(
                SQL("%s IS NOT NULL", SQL.identifier("pl", name)) for name in DIMENSIONS
            ),
            SQL(", ").join(
                SQL("array_agg(%s)", LINE_COLUMNS.get(name, SQL.identifier("pl", name)))
                for name in DIMENSIONS
            ),
            params["plan_id"],
            SQL("AND pl.id = %s", line_id) if line_id else SQL(),
            SQL(", ").join(SQL(str(i + 1)) for i in range(len(DIMENSIONS))),
        )
    )
    shapes = []
    for row in cr.fetchall():
        values = dict(zip(("id", *DIMENSIONS), row[len(DIMENSIONS) :], strict=True))
        shape = tuple(
            name
            for name, named in zip(DIMENSIONS, row[: len(DIMENSIONS)], strict=True)
            if named
        )
        columns = ("id", *shape)
        lines = SQL(
            "unnest(%s) AS pl(%s)",
            SQL(", ").join(
                SQL(
                    "%s::varchar[]" if name in TEXT_DIMENSIONS else "%s::int4[]",
                    values[name],
                )
                for name in columns
            ),
            SQL(", ").join(SQL.identifier(name) for name in columns),
        )
        shapes.append((shape, lines))
    return shapes


def _matched(cr, params, select, group, line_id=None, **facts):
    """``SELECT select`` of the plan's lines (or its line ``line_id``) joined
    with the facts they match (:func:`facts_query` with ``facts``, on the
    dimensions the lines name), grouped by ``group``: for each shape of
    lines (:func:`_shapes`), the facts summed on its dimensions (a few rows),
    then one hash join; their results appended. A line matches a fact when
    each dimension it names is equal."""
    shapes = _shapes(cr, params, line_id)
    parts = []
    for shape, lines in shapes:
        dimensions = SQL(", ").join(SQL.identifier(name) for name in shape)
        parts.append(
            SQL(
                """
                SELECT %(select)s
                  FROM %(lines)s
                  JOIN (SELECT %(dimensions)s, month, document_id,
                               SUM(revenue) AS revenue, SUM(margin) AS margin
                          FROM facts GROUP BY %(dimensions)s, month, document_id
                       ) f ON %(match)s
                 GROUP BY %(group)s
                """,
                select=select,
                lines=lines,
                dimensions=dimensions,
                match=SQL(" AND ").join(
                    SQL("f.%s = pl.%s", SQL.identifier(name), SQL.identifier(name))
                    for name in shape
                ),
                group=group,
            )
        )
    dimensions = {name for shape, _lines in shapes for name in shape}
    return SQL(
        "WITH facts AS MATERIALIZED (%s) %s",
        facts_query(params, tuple(dimensions) or DIMENSIONS, **facts),
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
    of every line of the plan ``params['plan_id']``: the actuals read in one
    SELECT, written in one UPDATE.

    Fulfilment is on revenue when the line has a revenue target, else on margin,
    rounded to 0.01 %; the flag is ``under`` below ``low`` %, ``over`` above
    ``high`` %, ``on`` between them."""
    cr.execute(
        SQL(
            """
            SELECT array_agg(id), array_agg(target_revenue), array_agg(target_margin)
              FROM crm_sales_plan_line WHERE plan_id = %s
            """,
            params["plan_id"],
        )
    )
    ids, target_revenue, target_margin = cr.fetchone()
    if not ids:
        return
    # a SELECT of its own: PostgreSQL plans no parallel scan in an UPDATE
    cr.execute(
        _matched(
            cr,
            params,
            SQL("pl.id, SUM(f.revenue) AS revenue, SUM(f.margin) AS margin"),
            SQL("pl.id"),
        )
    )
    actual = list(zip(*cr.fetchall(), strict=True)) or [(), (), ()]
    cr.execute(
        SQL(
            """
            WITH fulfilment AS MATERIALIZED (
                SELECT pl.id,
                       COALESCE(a.revenue, 0) AS revenue,
                       COALESCE(a.margin, 0) AS margin,
                       round(CASE WHEN pl.target_revenue > 0
                                  THEN 100 * COALESCE(a.revenue, 0)
                                       / pl.target_revenue
                                  WHEN pl.target_margin > 0
                                  THEN 100 * COALESCE(a.margin, 0)
                                       / pl.target_margin
                             END, 2) AS pct
                  FROM unnest(%(ids)s::int4[], %(revenue)s::numeric[],
                              %(margin)s::numeric[])
                       AS pl(id, target_revenue, target_margin)
                  LEFT JOIN unnest(%(actual_ids)s::int4[],
                                   %(actual_revenue)s::numeric[],
                                   %(actual_margin)s::numeric[])
                       AS a(id, revenue, margin) ON a.id = pl.id
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
            ids=ids,
            revenue=target_revenue,
            margin=target_margin,
            actual_ids=list(actual[0]),
            actual_revenue=list(actual[1]),
            actual_margin=list(actual[2]),
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
            SQL("f.document_id"),
            SQL("f.document_id"),
            line_id,
            by_document=True,
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
            SQL("pl.id, f.month, SUM(f.revenue)"),
            SQL("pl.id, f.month"),
            by_month=True,
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
