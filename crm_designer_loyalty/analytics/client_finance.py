# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Set-based SQL of the client finance block and the next purchase.

:func:`finance` reads, for a set of clients (commercial partners) of one
company, in one query:

- receivable and overdue: what is left to collect on their posted invoices
  less their open credit notes (overdue: due before today), counting the
  payments of both Odoo 18 flows the same way: those reconciled with the
  invoice (``amount_residual``) and those without journal entry, matched to
  it only (the loyalty ledger's definition, ``collected.moveless_collected``);
- over the invoices collected in full whose last payment is in the last 12
  months, the average days to pay (last payment date - invoice date) and days
  overdue (last payment date - due date, 0 when on time); a payment's date is
  its reconciliation date, or the date of a payment without journal entry;
  credit notes reconciled with an invoice are not payments;
- the trend of late payments: the share of invoices paid late in the last
  6 months against the 6 months before (``better``, ``worse`` or ``stable``,
  10 points of tolerance; none without invoices paid in both halves).

:func:`next_purchase_query` is the SQL of the ``crm.next.purchase.report``
view: one row per client and company with at least two invoice days.
"""

from dateutil.relativedelta import relativedelta

from odoo.tools import SQL

from .collected import moveless_collected


def finance(cr, company_id, partner_ids, today):
    """``{partner id: (receivable, overdue, avg days to pay, avg days overdue,
    late trend)}`` for the commercial partners ``partner_ids``."""
    if not partner_ids:
        return {}
    cr.execute(
        SQL(
            """
            WITH docs AS (
                SELECT am.id, am.commercial_partner_id AS partner_id,
                       am.move_type, am.invoice_date, am.invoice_date_due,
                       am.amount_residual_signed
                           - CASE WHEN ml.invoice_id IS NULL THEN 0
                                  ELSE %(moveless)s END AS open
                  FROM account_move am
                  -- the documents with a payment without journal entry: the
                  -- only ones whose (correlated) moveless amount is computed
                  LEFT JOIN (
                      SELECT DISTINCT rel.invoice_id
                        FROM account_move__account_payment rel
                        JOIN account_payment pay ON pay.id = rel.payment_id
                       WHERE pay.move_id IS NULL
                  ) ml ON ml.invoice_id = am.id
                 WHERE am.state = 'posted'
                   AND am.move_type IN ('out_invoice', 'out_refund')
                   AND am.company_id = %(company)s
                   AND am.commercial_partner_id = ANY(%(partners)s)
            ),
            receivable AS (
                SELECT partner_id, SUM(open) AS receivable,
                       SUM(open) FILTER (WHERE invoice_date_due < %(today)s)
                           AS overdue
                  FROM docs GROUP BY 1
            ),
            settled AS (
                SELECT * FROM docs
                 WHERE move_type = 'out_invoice' AND open < %(rounding)s
            ),
            -- the payment dates of every invoice of the clients, joined to
            -- the settled ones below: read from the tables (their statistics),
            -- not from ``settled``, whose filter on the computed ``open`` makes
            -- PostgreSQL expect a few rows and loop over the reconciliations
            reconciled AS (
                SELECT aml.move_id AS id, MAX(apr.max_date) AS paid_date
                  FROM account_move_line aml
                  JOIN account_partial_reconcile apr ON apr.debit_move_id = aml.id
                  JOIN account_move_line counterpart
                    ON counterpart.id = apr.credit_move_id
                  JOIN account_move cm ON cm.id = counterpart.move_id
                 WHERE aml.display_type = 'payment_term'
                   AND aml.company_id = %(company)s
                   AND aml.partner_id = ANY(%(partners)s)
                   AND cm.move_type != 'out_refund'
                 GROUP BY aml.move_id
            ),
            moveless AS (
                SELECT d.id, MAX(pay.date) AS paid_date
                  FROM settled d
                  JOIN account_move__account_payment rel ON rel.invoice_id = d.id
                  JOIN account_payment pay ON pay.id = rel.payment_id
                 WHERE pay.move_id IS NULL AND pay.state IN ('in_process', 'paid')
                 GROUP BY d.id
            ),
            paid AS (
                SELECT d.partner_id, d.invoice_date, d.invoice_date_due,
                       GREATEST(r.paid_date, m.paid_date) AS paid_date
                  FROM settled d
                  LEFT JOIN reconciled r ON r.id = d.id
                  LEFT JOIN moveless m ON m.id = d.id
            ),
            payment AS (
                SELECT partner_id,
                       AVG(paid_date - invoice_date) AS days_to_pay,
                       AVG(GREATEST(paid_date - invoice_date_due, 0)) AS days_late,
                       AVG((paid_date > invoice_date_due)::int)
                           FILTER (WHERE paid_date >= %(half)s) AS late_recent,
                       AVG((paid_date > invoice_date_due)::int)
                           FILTER (WHERE paid_date < %(half)s) AS late_before
                  FROM paid WHERE paid_date >= %(year_ago)s GROUP BY 1
            )
            SELECT p.id, COALESCE(r.receivable, 0), COALESCE(r.overdue, 0),
                   COALESCE(pay.days_to_pay, 0), COALESCE(pay.days_late, 0),
                   CASE WHEN pay.late_recent IS NULL OR pay.late_before IS NULL
                        THEN NULL
                        WHEN pay.late_recent > pay.late_before + 0.1 THEN 'worse'
                        WHEN pay.late_recent < pay.late_before - 0.1 THEN 'better'
                        ELSE 'stable' END
              FROM unnest(%(partners)s) AS p(id)
              LEFT JOIN receivable r ON r.partner_id = p.id
              LEFT JOIN payment pay ON pay.partner_id = p.id
            """,
            moveless=moveless_collected(SQL.identifier("am")),
            rounding=SQL(
                "(SELECT cur.rounding / 2 FROM res_company co JOIN res_currency cur"
                " ON cur.id = co.currency_id WHERE co.id = %s)",
                company_id,
            ),
            today=today,
            company=company_id,
            partners=list(partner_ids),
            year_ago=today - relativedelta(months=12),
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
