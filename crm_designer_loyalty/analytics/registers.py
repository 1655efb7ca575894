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

from odoo.tools import SQL

# Fewer aligned months than this: the correlation is shown with a warning.
MIN_POINTS = 12
MAX_LAG = 6


def _sales_conditions(company_id, date_from, date_to, partner_ids):
    conditions = [
        SQL("am.state = 'posted'"),
        SQL("am.move_type IN ('out_invoice', 'out_refund')"),
        SQL("am.commercial_partner_id IS NOT NULL"),
    ]
    if company_id:
        conditions.append(SQL("am.company_id = %s", company_id))
    if date_from:
        conditions.append(SQL("am.invoice_date >= %s", date_from))
    if date_to:
        conditions.append(SQL("am.invoice_date <= %s", date_to))
    if partner_ids is not None:
        conditions.append(SQL("am.commercial_partner_id = ANY(%s)", list(partner_ids)))
    return SQL(" AND ").join(conditions)


def _deal_conditions(company_id, date_from, date_to, partner_ids):
    conditions = [SQL("TRUE")]
    if company_id:
        conditions.append(SQL("d.company_id = %s", company_id))
    if date_from:
        conditions.append(SQL("d.date >= %s", date_from))
    if date_to:
        conditions.append(SQL("d.date <= %s", date_to))
    if partner_ids is not None:
        conditions.append(SQL("p.commercial_partner_id = ANY(%s)", list(partner_ids)))
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
        sales=_sales_conditions(company_id, date_from, date_to, partner_ids),
        deals=_deal_conditions(company_id, date_from, date_to, partner_ids),
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
