# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Set-based SQL of the client finance block and the next purchase.

:func:`finance` reads, for a set of clients (commercial partners) of one
company, in one query, with one pass over their receivable lines (the lines
that the bare aggregate of a client's receivable reads) and only the
reconciliations of the last 12 months. The unit is the receivable line of a
customer document (``display_type = 'payment_term'``): an invoice, a receipt
or a credit note, one line per instalment of its payment terms:

- receivable and overdue: what is left to collect on those lines (overdue:
  due before today), counting the payments of both Odoo 18 flows the same
  way: those reconciled with the line (``amount_residual``) and those without
  journal entry, matched to the document only (the loyalty ledger's
  definition, ``collected.moveless_collected``), which pay its lines in the
  order of their due dates;
- over the instalments of invoices collected in full whose last payment is in
  the last 12 months, the average days to pay (last payment date - invoice
  date) and days overdue (last payment date - due date of the instalment, 0
  when on time); a payment's date is its reconciliation date, or the date of
  a payment without journal entry; a reconciliation with another document's
  receivable line (a credit note) is not a payment;
- the trend of late payments: the share of instalments paid late in the last
  6 months against the 6 months before (``better``, ``worse`` or ``stable``,
  10 points of tolerance; none without instalments paid in both halves).

The amounts are summed as double precision and rounded to the currency at the
end: the figures are shown, never booked, and a numeric sum per client costs
more than the rest of the query.

:func:`next_purchase_query` is the SQL of the ``crm.next.purchase.report``
view: one row per client and company with at least two invoice days.
"""

from dateutil.relativedelta import relativedelta

from odoo.tools import SQL

from .collected import moveless_collected


def _array(values):
    """A PostgreSQL array literal of ``values`` (None as NULL): one parameter,
    quick to parse and plan however long, where psycopg2's ``ARRAY[...]`` of
    100 000 values is not."""
    items = ",".join("NULL" if value is None else str(value) for value in values)
    return f"{{{items}}}"


def _moveless_lines(cr, company_id, partners, year_ago):
    """The receivable lines of the few documents of the clients ``partners``
    (an array literal) with a payment without journal entry, as array
    literals of the parameters ``ml_ids``, ``ml_open`` (what is left to
    collect on the line) and ``ml_dates`` (the date of the last such payment
    in the last 12 months, if it paid part of the line).

    Such payments are matched to the document, not to its lines: what they
    collected (:func:`.collected.moveless_collected`) pays the lines in the
    order of their due dates, as Odoo reconciles a payment with the earliest
    instalments first.

    Read apart, and passed to :func:`finance` as constants, because the
    sub-queries that read them keep PostgreSQL from planning the finance
    query in parallel."""
    cr.execute(
        SQL(
            """
            WITH doc AS (
                SELECT am.id, ABS(%(moveless)s) AS collected,
                       (SELECT MAX(pay.date)
                          FROM account_move__account_payment rel
                          JOIN account_payment pay ON pay.id = rel.payment_id
                         WHERE rel.invoice_id = am.id AND pay.move_id IS NULL
                           AND pay.state IN ('in_process', 'paid')
                           AND pay.date >= %(year_ago)s) AS paid_date
                  FROM account_move am
                 WHERE am.id IN (
                       SELECT rel.invoice_id
                         FROM account_move__account_payment rel
                         JOIN account_payment pay ON pay.id = rel.payment_id
                        WHERE pay.move_id IS NULL)
                   AND am.state = 'posted'
                   AND am.move_type IN ('out_invoice', 'out_refund')
                   AND am.company_id = %(company)s
                   AND am.commercial_partner_id = ANY(%(partners)s::int[])
            ),
            line AS (
                SELECT aml.id, aml.amount_residual AS residual, doc.paid_date,
                       LEAST(GREATEST(doc.collected - COALESCE(SUM(
                           ABS(aml.amount_residual)) OVER (
                               PARTITION BY aml.move_id
                               ORDER BY aml.date_maturity, aml.id
                               ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING),
                           0), 0), ABS(aml.amount_residual)) AS collected
                  FROM doc
                  JOIN account_move_line aml ON aml.move_id = doc.id
                 WHERE aml.display_type = 'payment_term'
            )
            SELECT id, residual - SIGN(residual) * collected,
                   CASE WHEN collected > 0 THEN paid_date END
              FROM line
            """,
            moveless=moveless_collected(SQL.identifier("am")),
            year_ago=year_ago,
            company=company_id,
            partners=partners,
        )
    )
    rows = cr.fetchall()
    return {
        name: _array(row[index] for row in rows)
        for index, name in enumerate(("ml_ids", "ml_open", "ml_dates"))
    }


def _not_a_document(line):
    """SQL condition: the line id ``line`` is not the receivable line of a
    document on the credit side (a credit note): read in the partial index
    ``account_move_line_cdl_credit_term_index`` alone."""
    return SQL(
        """NOT EXISTS (SELECT FROM account_move_line cdl_doc
                    WHERE cdl_doc.id = %s AND cdl_doc.display_type = 'payment_term'
                      AND cdl_doc.balance < 0)""",
        line,
    )


def finance(cr, company_id, partner_ids, today):
    """``{partner id: (receivable, overdue, avg days to pay, avg days overdue,
    late trend)}`` for the commercial partners ``partner_ids``."""
    if not partner_ids:
        return {}
    partners = _array(int(id_) for id_ in partner_ids)
    year_ago = today - relativedelta(months=12)
    # (the accounts' ids, not a join: PostgreSQL then knows how many lines
    # they hold, and the currency's figures as constants: a parallel plan)
    cr.execute(
        SQL(
            """SELECT cur.rounding / 2, cur.decimal_places,
                      ARRAY(SELECT id FROM account_account
                             WHERE account_type = 'asset_receivable')
                 FROM res_company co JOIN res_currency cur ON cur.id = co.currency_id
                WHERE co.id = %s""",
            company_id,
        )
    )
    rounding, digits, receivable_accounts = cr.fetchone()
    moveless = _moveless_lines(cr, company_id, partners, year_ago)
    cr.execute(
        SQL(
            """
            WITH client AS NOT MATERIALIZED (
                SELECT unnest(%(partners)s::int[]) AS id
            ),
            -- the last payment of the last 12 months of each line, all that
            -- the averages need: a line's last payment is in them when, and
            -- only when, its last payment among them is (the same date);
            -- kept when no later one of them pays the same line, which spares
            -- an aggregate and lets the workers of a parallel plan share it
            payment AS (
                SELECT apr.debit_move_id AS id, apr.max_date AS paid_date
                  FROM account_partial_reconcile apr
                 WHERE apr.max_date >= %(year_ago)s AND apr.company_id = %(company)s
                   AND %(paid_apr)s
                   AND NOT EXISTS (
                       SELECT FROM account_partial_reconcile later
                        WHERE later.debit_move_id = apr.debit_move_id
                          AND later.max_date >= %(year_ago)s
                          AND (later.max_date, later.id) > (apr.max_date, apr.id)
                          AND %(paid_later)s)
            ),
            moveless AS (
                SELECT * FROM unnest(%(ml_ids)s::int[], %(ml_open)s::numeric[],
                                     %(ml_dates)s::date[]) AS ml(id, open, paid_date)
            ),
            -- the receivable lines of the clients, the bare aggregate's
            -- (payments' lines too: a condition on the line's kind would make
            -- PostgreSQL expect a fifth of them and plan for few)
            line AS (
                SELECT aml.partner_id, aml.invoice_date, aml.date_maturity,
                       aml.display_type = 'payment_term' AS term,
                       aml.balance > 0 AS debit,
                       COALESCE(ml.open, aml.amount_residual) AS open,
                       GREATEST(p.paid_date, ml.paid_date) AS paid_date
                  FROM account_move_line aml
                  LEFT JOIN payment p ON p.id = aml.id
                  LEFT JOIN moveless ml ON ml.id = aml.id
                 WHERE aml.company_id = %(company)s AND aml.parent_state = 'posted'
                   AND aml.account_id = ANY(%(accounts)s)
                   AND aml.partner_id = ANY(%(partners)s::int[])
            ),
            paid AS (
                SELECT partner_id, term, open::float8 AS open, invoice_date,
                       date_maturity,
                       CASE WHEN paid_date IS NOT NULL AND term AND debit
                                 AND open < %(rounding)s
                            THEN paid_date END AS paid_on
                  FROM line
            ),
            figures AS (
                SELECT partner_id,
                       SUM(open) FILTER (WHERE term) AS receivable,
                       SUM(open) FILTER (WHERE term AND date_maturity < %(today)s)
                           AS overdue,
                       COUNT(paid_on) AS paid,
                       SUM(paid_on - invoice_date) AS days_to_pay,
                       SUM(paid_on - date_maturity)
                           FILTER (WHERE paid_on > date_maturity) AS days_late,
                       COUNT(*) FILTER (WHERE paid_on >= %(half)s) AS recent,
                       COUNT(*) FILTER (WHERE paid_on >= %(half)s
                                          AND paid_on > date_maturity)
                           AS late_recent,
                       COUNT(*) FILTER (WHERE paid_on < %(half)s) AS before,
                       COUNT(*) FILTER (WHERE paid_on < %(half)s
                                          AND paid_on > date_maturity)
                           AS late_before
                  FROM paid GROUP BY 1
            )
            SELECT c.id,
                   ROUND(COALESCE(f.receivable, 0)::numeric, %(digits)s),
                   ROUND(COALESCE(f.overdue, 0)::numeric, %(digits)s),
                   COALESCE(f.days_to_pay::numeric / NULLIF(f.paid, 0), 0),
                   COALESCE(COALESCE(f.days_late, 0)::numeric
                            / NULLIF(f.paid, 0), 0),
                   CASE WHEN NOT COALESCE(f.recent > 0 AND f.before > 0, FALSE)
                        THEN NULL
                        WHEN f.late_recent::numeric / f.recent
                             > f.late_before::numeric / f.before + 0.1
                        THEN 'worse'
                        WHEN f.late_recent::numeric / f.recent
                             < f.late_before::numeric / f.before - 0.1
                        THEN 'better'
                        ELSE 'stable' END
              FROM client c LEFT JOIN figures f ON f.partner_id = c.id
            """,
            paid_apr=_not_a_document(SQL("apr.credit_move_id")),
            paid_later=_not_a_document(SQL("later.credit_move_id")),
            rounding=rounding,
            digits=digits,
            **moveless,
            accounts=receivable_accounts,
            company=company_id,
            today=today,
            partners=partners,
            year_ago=year_ago,
            half=today - relativedelta(months=6),
        )
    )
    return {row[0]: row[1:] for row in cr.fetchall()}


def next_purchase_query(where=None):
    """Per client and company (restricted by ``where``, a condition on the
    invoices ``am`` starting with AND): the expected date of the next purchase (last
    invoice day + the average interval between invoice days), a band of ± one
    standard deviation of the intervals (± the interval itself with a single
    one), and the expected amount (the average net amount of an invoice
    day)."""
    return SQL(
        """
        WITH days AS (
            SELECT am.company_id, am.commercial_partner_id AS partner_id,
                   am.invoice_date AS day,
                   SUM(am.amount_untaxed_signed) AS amount
              FROM account_move am
             WHERE am.state = 'posted' AND am.move_type = 'out_invoice' %(where)s
             GROUP BY 1, 2, 3
        ),
        intervals AS (
            SELECT company_id, partner_id, day, amount,
                   day - lag(day) OVER (PARTITION BY company_id, partner_id
                                        ORDER BY day) AS interval
              FROM days
        ),
        stats AS (
            SELECT company_id, partner_id, MAX(day) AS last_day,
                   COUNT(*) AS day_count, AVG(amount) AS amount,
                   AVG(interval) AS interval,
                   COALESCE(stddev_samp(interval), AVG(interval)) AS spread
              FROM intervals GROUP BY 1, 2
            HAVING COUNT(*) >= 2
        )
        SELECT row_number() OVER (ORDER BY company_id, partner_id) AS id,
               company_id, partner_id, last_day, day_count,
               round(interval, 1) AS interval,
               (last_day + round(interval)::int) AS expected_date,
               (last_day + GREATEST(round(interval - spread)::int, 0)) AS date_low,
               (last_day + round(interval + spread)::int) AS date_high,
               amount AS expected_amount
          FROM stats
        """,
        where=where or SQL(),
    )


def next_purchase(cr, company_id, partner_ids):
    """``{partner id: (expected date, low date, high date, expected amount)}``
    of the commercial partners ``partner_ids`` with two invoice days or more."""
    if not partner_ids:
        return {}
    cr.execute(
        SQL(
            """
            SELECT partner_id, expected_date, date_low, date_high, expected_amount
              FROM (%s) next_purchase
            """,
            next_purchase_query(
                SQL(
                    "AND am.company_id = %s AND am.commercial_partner_id = ANY(%s)",
                    company_id,
                    list(partner_ids),
                )
            ),
        )
    )
    return {row[0]: row[1:] for row in cr.fetchall()}
