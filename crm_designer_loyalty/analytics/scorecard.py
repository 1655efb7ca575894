# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Set-based SQL of the salespeople's scorecards: one INSERT ... SELECT a
company and period, one row per salesperson, with the previous period (of
the same length, just before) beside it and a ranking by sales.

- sales and gross profit: posted invoices net of credit notes (the sales of
  :func:`.planning.invoice_sales`), by the invoice's salesperson;
- retention: the clients the salesperson sold to in the previous period
  (net revenue above zero) who bought again in the period, whoever sold;
- orders completed (confirmed) and cancelled, by the order's salesperson;
- new clients: clients whose first posted invoice of the company is in the
  period, on an invoice of the salesperson;
- contacts: activities marked done by the salesperson in the period, by kind
  (calls, meetings, emails, others), from the activity volume report
  (``crm_activity_volume_report``);
- database completeness: the share of the salesperson's partners (companies
  and individuals, not their contacts) with every required field filled in;
- lost opportunities closed in the period and their three main reasons;
- complaints (``crm.claim``) of the salesperson's clients (the claim's
  account manager): received in the period, and the average resolution days
  of those closed in the period.
"""

from odoo.tools import SQL

from .planning import invoice_sales


def _filled(fields):
    """The condition of a ``res_partner p`` row with all ``fields`` filled."""
    return SQL(" AND ").join(
        SQL(
            "NULLIF(btrim(%(col)s::text), '') IS NOT NULL",
            col=SQL.identifier("p", name),
        )
        for name in fields
    )


def compute(cr, params):
    """Replace the scorecards of ``params``: ``company_id``, ``date_from``,
    ``date_to``, ``prev_from``, ``lang``, ``uid``, ``required_fields`` (column
    names of res_partner)."""
    cr.execute(
        SQL(
            """
            DELETE FROM crm_sales_scorecard
             WHERE company_id = %s AND date_from = %s AND date_to = %s
            """,
            params["company_id"],
            params["date_from"],
            params["date_to"],
        )
    )
    cur = SQL("s.doc_date BETWEEN %s AND %s", params["date_from"], params["date_to"])
    prev = SQL("s.doc_date < %s", params["date_from"])
    history = {**params, "source": "invoice", "class_date": None}
    cr.execute(
        SQL(
            """
            WITH sales AS (%(sales)s),
            amounts AS (
                SELECT s.user_id,
                       SUM(s.revenue) FILTER (WHERE %(cur)s) AS sales,
                       SUM(s.margin) FILTER (WHERE %(cur)s) AS profit,
                       SUM(s.revenue) FILTER (WHERE %(prev)s) AS prev_sales,
                       SUM(s.margin) FILTER (WHERE %(prev)s) AS prev_profit
                  FROM sales s GROUP BY s.user_id
            ),
            prev_clients AS (
                SELECT s.user_id, s.partner_id FROM sales s WHERE %(prev)s
                 GROUP BY 1, 2 HAVING SUM(s.revenue) > 0
            ),
            cur_clients AS (
                SELECT s.partner_id FROM sales s WHERE %(cur)s
                 GROUP BY 1 HAVING SUM(s.revenue) > 0
            ),
            retention AS (
                SELECT pc.user_id, COUNT(*) AS prev_clients,
                       COUNT(cc.partner_id) AS retained
                  FROM prev_clients pc
                  LEFT JOIN cur_clients cc ON cc.partner_id = pc.partner_id
                 GROUP BY pc.user_id
            ),
            first_sale AS (
                SELECT am.commercial_partner_id AS partner_id,
                       MIN(am.invoice_date) AS first_date
                  FROM account_move am
                 WHERE am.company_id = %(company)s AND am.state = 'posted'
                   AND am.move_type = 'out_invoice'
                 GROUP BY 1
            ),
            new_clients AS (
                SELECT s.user_id, COUNT(DISTINCT s.partner_id) AS count
                  FROM sales s
                  JOIN first_sale f
                    ON f.partner_id = s.partner_id AND f.first_date = s.doc_date
                 WHERE %(cur)s GROUP BY 1
            ),
            orders AS (
                SELECT so.user_id,
                       COUNT(*) FILTER (WHERE so.state = 'sale'
                                          AND so.date_order::date >= %(date_from)s)
                           AS done,
                       COUNT(*) FILTER (WHERE so.state = 'sale'
                                          AND so.date_order::date < %(date_from)s)
                           AS prev_done,
                       COUNT(*) FILTER (WHERE so.state = 'cancel'
                                          AND so.date_order::date >= %(date_from)s)
                           AS cancelled
                  FROM sale_order so
                 WHERE so.company_id = %(company)s
                   AND so.date_order::date BETWEEN %(prev_from)s AND %(date_to)s
                 GROUP BY 1
            ),
            contacts AS (
                SELECT v.user_id,
                       COUNT(*) FILTER (WHERE v.kind = 'call') AS calls,
                       COUNT(*) FILTER (WHERE v.kind = 'meeting') AS meetings,
                       COUNT(*) FILTER (WHERE v.kind = 'email') AS emails,
                       COUNT(*) FILTER (WHERE v.kind = 'other') AS others
                  FROM crm_activity_volume_report v
                 WHERE v.date >= %(date_from)s
                   AND v.date < %(date_to)s::date + 1
                 GROUP BY v.user_id
            ),
            lost_leads AS (
                SELECT l.user_id, l.lost_reason_id
                  FROM crm_lead l
                 WHERE l.company_id = %(company)s AND NOT l.active
                   AND l.probability = 0 AND l.user_id IS NOT NULL
                   AND COALESCE(l.date_closed, l.write_date)::date
                       BETWEEN %(date_from)s AND %(date_to)s
            ),
            reasons AS (
                SELECT user_id,
                       string_agg(name || ' (' || count || ')', ', '
                                  ORDER BY count DESC, name) AS top
                  FROM (
                      SELECT ll.user_id,
                             COALESCE(r.name ->> %(lang)s, r.name ->> 'en_US')
                                 AS name,
                             COUNT(*) AS count,
                             row_number() OVER (
                                 PARTITION BY ll.user_id
                                 ORDER BY COUNT(*) DESC,
                                          COALESCE(r.name ->> %(lang)s,
                                                   r.name ->> 'en_US')
                             ) AS position
                        FROM lost_leads ll
                        JOIN crm_lost_reason r ON r.id = ll.lost_reason_id
                       GROUP BY 1, 2
                  ) ranked
                 WHERE position <= 3
                 GROUP BY user_id
            ),
            lost AS (
                SELECT user_id, COUNT(*) AS count FROM lost_leads GROUP BY 1
            ),
            completeness AS (
                SELECT p.user_id, COUNT(*) AS partners,
                       COUNT(*) FILTER (WHERE %(filled)s) AS complete
                  FROM res_partner p
                 WHERE p.active AND p.parent_id IS NULL AND p.user_id IS NOT NULL
                   AND (p.company_id IS NULL OR p.company_id = %(company)s)
                 GROUP BY p.user_id
            ),
            claims AS (
                SELECT c.partner_user_id AS user_id,
                       COUNT(*) FILTER (WHERE c.date::date >= %(date_from)s
                                          AND c.date::date <= %(date_to)s)
                           AS count,
                       COUNT(*) FILTER (WHERE c.date::date >= %(prev_from)s
                                          AND c.date::date < %(date_from)s)
                           AS prev_count,
                       AVG(c.resolution_days) FILTER (
                           WHERE c.date_closed::date >= %(date_from)s
                             AND c.date_closed::date <= %(date_to)s) AS days,
                       AVG(c.resolution_days) FILTER (
                           WHERE c.date_closed::date >= %(prev_from)s
                             AND c.date_closed::date < %(date_from)s) AS prev_days
                  FROM crm_claim c
                 WHERE c.company_id = %(company)s AND c.active
                   AND c.partner_user_id IS NOT NULL
                   AND (c.date::date BETWEEN %(prev_from)s AND %(date_to)s
                        OR c.date_closed::date BETWEEN %(prev_from)s
                                                   AND %(date_to)s)
                 GROUP BY 1
            ),
            sellers AS (
                SELECT user_id FROM amounts UNION SELECT user_id FROM orders
                UNION SELECT user_id FROM contacts UNION SELECT user_id FROM lost
                UNION SELECT user_id FROM claims
            )
            INSERT INTO crm_sales_scorecard (
                company_id, user_id, date_from, date_to, sales, prev_sales,
                gross_profit, prev_gross_profit, prev_client_count,
                retained_client_count, retention_rate, new_client_count,
                order_count, prev_order_count, cancelled_order_count,
                call_count, meeting_count, email_count, other_activity_count,
                partner_count, complete_partner_count, completeness, lost_count,
                top_loss_reasons, claim_count, prev_claim_count,
                claim_resolution_days, prev_claim_resolution_days, rank,
                create_uid, write_uid, create_date, write_date)
            SELECT %(company)s, u.id, %(date_from)s, %(date_to)s,
                   COALESCE(a.sales, 0), COALESCE(a.prev_sales, 0),
                   COALESCE(a.profit, 0), COALESCE(a.prev_profit, 0),
                   COALESCE(r.prev_clients, 0), COALESCE(r.retained, 0),
                   round(100.0 * r.retained / NULLIF(r.prev_clients, 0), 2),
                   COALESCE(n.count, 0), COALESCE(o.done, 0),
                   COALESCE(o.prev_done, 0), COALESCE(o.cancelled, 0),
                   COALESCE(c.calls, 0), COALESCE(c.meetings, 0),
                   COALESCE(c.emails, 0), COALESCE(c.others, 0),
                   COALESCE(pc.partners, 0), COALESCE(pc.complete, 0),
                   round(100.0 * pc.complete / NULLIF(pc.partners, 0), 2),
                   COALESCE(l.count, 0), rs.top,
                   COALESCE(cl.count, 0), COALESCE(cl.prev_count, 0),
                   round(COALESCE(cl.days, 0)::numeric, 1),
                   round(COALESCE(cl.prev_days, 0)::numeric, 1),
                   rank() OVER (ORDER BY COALESCE(a.sales, 0) DESC),
                   %(uid)s, %(uid)s, now() at time zone 'UTC',
                   now() at time zone 'UTC'
              FROM sellers
              JOIN res_users u ON u.id = sellers.user_id AND NOT u.share
              LEFT JOIN amounts a ON a.user_id = u.id
              LEFT JOIN retention r ON r.user_id = u.id
              LEFT JOIN new_clients n ON n.user_id = u.id
              LEFT JOIN orders o ON o.user_id = u.id
              LEFT JOIN contacts c ON c.user_id = u.id
              LEFT JOIN completeness pc ON pc.user_id = u.id
              LEFT JOIN lost l ON l.user_id = u.id
              LEFT JOIN reasons rs ON rs.user_id = u.id
              LEFT JOIN claims cl ON cl.user_id = u.id
            """,
            sales=invoice_sales(history, params["prev_from"]),
            cur=cur,
            prev=prev,
            company=params["company_id"],
            date_from=params["date_from"],
            date_to=params["date_to"],
            prev_from=params["prev_from"],
            lang=params["lang"],
            uid=params["uid"],
            filled=_filled(params["required_fields"]),
        )
    )
