# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Set-based SQL of the client finance block and the next purchase.

:func:`finance` reads, for a set of clients (commercial partners) of one
company, in one query, with one pass over their documents (``account_move``) and
only the reconciliations of the last 12 months:

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
    # the ids as one array literal: an ARRAY[...] of 100 000 ids is long to
    # parse and plan at each use
    partners = f"{{{','.join(str(int(id_)) for id_ in partner_ids)}}}"
    cr.execute(
        SQL(
            """
            WITH client AS NOT MATERIALIZED (
                SELECT unnest(%(partners)s::int[]) AS id
            ),
            -- the payment dates of the last 12 months, all that the averages
            -- need: an invoice's last payment is in them when, and only when,
            -- its last payment among them is (the same date); older
            -- reconciliations, most of them, are left out before any join
            payment_date AS (
                SELECT aml.move_id AS id, apr.max_date AS paid_date
                  FROM account_partial_reconcile apr
                  JOIN account_move_line aml ON aml.id = apr.debit_move_id
                  -- credit notes reconciled with an invoice are not payments
                  JOIN account_move_line counterpart
                    ON counterpart.id = apr.credit_move_id
                  JOIN account_move cm ON cm.id = counterpart.move_id
                 WHERE apr.max_date >= %(year_ago)s
                   AND aml.display_type = 'payment_term'
                   AND aml.partner_id = ANY(%(partners)s::int[])
                   AND cm.move_type != 'out_refund'
                UNION ALL
                SELECT rel.invoice_id, pay.date
                  FROM account_move__account_payment rel
                  JOIN account_payment pay ON pay.id = rel.payment_id
                 WHERE pay.move_id IS NULL AND pay.state IN ('in_process', 'paid')
                   AND pay.date >= %(year_ago)s
            ),
            -- the few documents with a payment without journal entry: what
            -- such payments collected, left out of their residual
            moveless AS (
                SELECT am.id, %(moveless)s AS amount
                  FROM account_move am
                 WHERE am.id IN (
                       SELECT rel.invoice_id
                         FROM account_move__account_payment rel
                         JOIN account_payment pay ON pay.id = rel.payment_id
                        WHERE pay.move_id IS NULL)
                   AND %(documents)s
            ),
            last_payment AS (
                SELECT id, MAX(paid_date) AS paid_date FROM payment_date GROUP BY 1
            ),
            -- the documents of the clients, read once: what is left to
            -- collect on them, and the last payment date of those collected
            -- in full in the last 12 months
            doc AS (
                SELECT am.commercial_partner_id AS partner_id, am.invoice_date,
                       am.invoice_date_due, p.paid_date,
                       am.amount_residual_signed - COALESCE(ml.amount, 0) AS open,
                       p.paid_date IS NOT NULL AND am.move_type = 'out_invoice'
                           AND am.amount_residual_signed - COALESCE(ml.amount, 0)
                               < %(rounding)s AS paid
                  FROM account_move am
                  LEFT JOIN moveless ml ON ml.id = am.id
                  LEFT JOIN last_payment p ON p.id = am.id
                 WHERE %(documents)s
            ),
            figures AS (
                SELECT partner_id, SUM(open) AS receivable,
                       SUM(open) FILTER (WHERE invoice_date_due < %(today)s)
                           AS overdue,
                       AVG(paid_date - invoice_date) FILTER (WHERE paid)
                           AS days_to_pay,
                       AVG(GREATEST(paid_date - invoice_date_due, 0))
                           FILTER (WHERE paid) AS days_late,
                       AVG((paid_date > invoice_date_due)::int)
                           FILTER (WHERE paid AND paid_date >= %(half)s)
                           AS late_recent,
                       AVG((paid_date > invoice_date_due)::int)
                           FILTER (WHERE paid AND paid_date < %(half)s)
                           AS late_before
                  FROM doc GROUP BY 1
            )
            SELECT c.id, COALESCE(f.receivable, 0), COALESCE(f.overdue, 0),
                   COALESCE(f.days_to_pay, 0), COALESCE(f.days_late, 0),
                   CASE WHEN f.late_recent IS NULL OR f.late_before IS NULL
                        THEN NULL
                        WHEN f.late_recent > f.late_before + 0.1 THEN 'worse'
                        WHEN f.late_recent < f.late_before - 0.1 THEN 'better'
                        ELSE 'stable' END
              FROM client c LEFT JOIN figures f ON f.partner_id = c.id
            """,
            moveless=moveless_collected(SQL.identifier("am")),
            rounding=SQL(
                "(SELECT cur.rounding / 2 FROM res_company co JOIN res_currency cur"
                " ON cur.id = co.currency_id WHERE co.id = %s)",
                company_id,
            ),
            documents=SQL(
                """am.state = 'posted'
                   AND am.move_type IN ('out_invoice', 'out_refund')
                   AND am.company_id = %s
                   AND am.commercial_partner_id = ANY(%s::int[])""",
                company_id,
                partners,
            ),
            today=today,
            partners=partners,
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
