# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Set-based SQL of the loyalty program's periodic passes (steps 5 to 7 of the
pipeline in ``analytics/loyalty.py``): the tier review, the statement
generation and the points expiry."""

from dateutil.relativedelta import relativedelta

from odoo.tools import SQL

from .invoice_cost import line_cost


def expire_points(cr, today, uid):
    """Expire the points balance of designers without points activity (points
    earned, i.e. accrued, or clawed back) for the number of months set on the
    company, counted from the day the entries were written (``accrued_on``),
    not the invoice date: one expiry entry dated ``today`` per designer and
    company, written by user ``uid``. Returns the number of entries created."""
    cr.execute(
        SQL(
            """
            INSERT INTO designer_reward (
                designer_id, kind, date, accrued_on, base_amount, rate, amount,
                points, company_id, currency_id, state,
                create_uid, write_uid, create_date, write_date)
            SELECT r.designer_id, 'expiry', %(today)s, %(today)s, 0, 0, 0,
                   -SUM(r.points),
                   r.company_id, c.currency_id, 'open', %(uid)s, %(uid)s,
                   NOW() AT TIME ZONE 'UTC', NOW() AT TIME ZONE 'UTC'
              FROM designer_reward r
              JOIN res_company c ON c.id = r.company_id
             WHERE c.loyalty_points_expiry_months > 0
             GROUP BY r.designer_id, r.company_id, c.currency_id,
                      c.loyalty_points_expiry_months
            HAVING SUM(r.points) > 0
               AND MAX(r.accrued_on) FILTER (WHERE r.points != 0)
                   <= %(today)s::date
                      - MAKE_INTERVAL(months => c.loyalty_points_expiry_months)
            ON CONFLICT DO NOTHING
            """,
            today=today,
            uid=uid,
        )
    )
    return cr.rowcount


def tier_review_params(company, review_date, designer_ids=None, force=False):
    """Parameters of a tier review of ``company`` on ``review_date``: the
    designers ``designer_ids`` (all when None), also those already reviewed
    on that day with ``force``."""
    return {
        "company": company.id,
        "company_key": str(company.id),
        "date": review_date,
        "start": review_date - relativedelta(months=12),
        "basis": company.loyalty_threshold_basis,
        "force": force,
        "all": designer_ids is None,
        "ids": designer_ids or [],
    }


def _tier_review_scope(params):
    """Condition on ``res_partner p``: the designers due for review, active and
    in the program (neither Suspended nor Left), of the company or shared, not
    reviewed on the review date yet (unless forced)."""
    return SQL(
        """
        p.is_designer AND p.active
        AND (p.designer_program_state IS NULL
             OR p.designer_program_state NOT IN ('suspended', 'left'))
        AND (p.company_id IS NULL OR p.company_id = %(company)s)
        AND (%(force)s
             OR (p.loyalty_review_date ->> %(company_key)s) IS NULL
             OR (p.loyalty_review_date ->> %(company_key)s)::date < %(date)s)
        AND (%(all)s OR p.id = ANY(%(ids)s))
        """,
        **params,
    )


def tier_review_count(cr, params):
    """Number of designers due for review."""
    cr.execute(
        SQL("SELECT COUNT(*) FROM res_partner p WHERE %s", _tier_review_scope(params))
    )
    return cr.fetchone()[0]


def tier_review_batch(cr, params, last_id, limit):
    """One set-based statement: rolling 12-month sales of the next ``limit``
    designers due with an id above ``last_id``, stored on the partners with
    the review date (company-dependent columns: the company's key); returns
    their (id, rolling sales, old tier, new tier) rows in id order. On the
    margin basis, the sales minus the cost of the lines (see
    ``analytics/invoice_cost.py``)."""
    amount, joins = SQL("-aml.balance"), SQL()
    if params["basis"] == "margin":
        cost = line_cost(line="aml", move="m")
        amount, joins = SQL("-aml.balance - %s", cost.cost), cost.joins
    cr.execute(
        SQL(
            """
            WITH designers AS (
                SELECT p.id FROM res_partner p
                 WHERE %(scope)s AND p.id > %(last_id)s
                 ORDER BY p.id LIMIT %(limit)s
            ), sales AS (
                SELECT m.designer_id, SUM(%(amount)s) AS amount
                  FROM account_move m
                  JOIN account_move_line aml
                    ON aml.move_id = m.id AND aml.display_type = 'product'
                  %(joins)s
                 WHERE m.designer_id IN (SELECT id FROM designers)
                   AND m.company_id = %(company)s AND m.state = 'posted'
                   AND m.move_type IN ('out_invoice', 'out_refund')
                   AND m.invoice_date > %(start)s AND m.invoice_date <= %(date)s
                 GROUP BY m.designer_id
            ), upd AS (
                -- company-dependent columns: set this company's key
                UPDATE res_partner p
                   SET loyalty_rolling_sales =
                           COALESCE(p.loyalty_rolling_sales, '{}')
                           || jsonb_build_object(%(company_key)s,
                                                 COALESCE(s.amount, 0)),
                       loyalty_review_date =
                           COALESCE(p.loyalty_review_date, '{}')
                           || jsonb_build_object(%(company_key)s, %(date)s::date)
                  FROM designers d LEFT JOIN sales s ON s.designer_id = d.id
                 WHERE p.id = d.id
             RETURNING p.id, COALESCE(s.amount, 0) AS sales,
                       (p.loyalty_tier_id ->> %(company_key)s)::int4 AS tier_id
            )
            SELECT u.id, u.sales, u.tier_id,
                   COALESCE(
                       (SELECT t.id FROM designer_loyalty_tier t
                         WHERE t.company_id = %(company)s AND t.active
                           AND t.threshold <= u.sales
                         ORDER BY t.threshold DESC LIMIT 1),
                       -- below every threshold (refunds): the lowest tier
                       (SELECT t.id FROM designer_loyalty_tier t
                         WHERE t.company_id = %(company)s AND t.active
                         ORDER BY t.threshold, t.sequence, t.id LIMIT 1))
              FROM upd u ORDER BY u.id
            """,
            scope=_tier_review_scope(params),
            last_id=last_id,
            limit=limit,
            amount=amount,
            joins=joins,
            company=params["company"],
            company_key=params["company_key"],
            start=params["start"],
            date=params["date"],
        )
    )
    return cr.fetchall()


def statement_designers(cr, company_id, date_from, date_to, designer_ids=None):
    """Ids of the designers (of ``designer_ids``, all when None) with open
    entries of ``company_id`` dated up to ``date_to``, or a total carried over
    by a statement before ``date_from`` that no statement took over yet."""
    cr.execute(
        SQL(
            """
            SELECT r.designer_id FROM designer_reward r
             WHERE r.statement_id IS NULL AND r.company_id = %(company)s
               AND r.date <= %(date_to)s
               AND (%(all)s OR r.designer_id = ANY(%(ids)s))
             UNION
            SELECT c.designer_id FROM designer_reward_statement c
             WHERE c.state = 'carried' AND c.carried_to_id IS NULL
               AND c.company_id = %(company)s AND c.date_from < %(date_from)s
               AND (%(all)s OR c.designer_id = ANY(%(ids)s))
            """,
            company=company_id,
            date_from=date_from,
            date_to=date_to,
            all=designer_ids is None,
            ids=designer_ids or [],
        )
    )
    return [row[0] for row in cr.fetchall()]


def attach_open_entries(cr, statement_ids):
    """Put the open entries (on no statement) dated up to the period end of
    the draft statements ``statement_ids`` on them; not those of an invoice
    line that has an entry on that statement already (its reversal, and the
    accrual written again when the invoice is settled again): they land on
    the next statement, and a statement re-prints as it was."""
    cr.execute(
        SQL(
            """
            UPDATE designer_reward r SET statement_id = s.id
              FROM designer_reward_statement s
             WHERE s.id = ANY(%s) AND s.state = 'draft'
               AND r.designer_id = s.designer_id
               AND r.company_id = s.company_id AND r.statement_id IS NULL
               AND r.date <= s.date_to
               AND NOT EXISTS (SELECT 1 FROM designer_reward o
                                WHERE o.move_line_id = r.move_line_id
                                  AND o.designer_id = r.designer_id
                                  AND o.statement_id = s.id)
            """,
            statement_ids,
        )
    )
