# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Set-based SQL of the dossier: the significant dates due for a reminder
(``res.partner.significant.date._cron_schedule_reminders``)."""

from odoo.tools import SQL


def due_reminders_query(today, limit, default_days):
    """Rows whose next occurrence falls within the reminder window of their
    company (``default_days`` for a row of no company) and has not been
    reminded yet, with that occurrence and whether the greeting is sent
    rather than a to-do scheduled.

    A greeting is sent on the day itself (a window of 0 days), when the row
    says so, has an active template and its partner an email; otherwise the
    row gets the to-do of its window.

    One query: each row is expanded into its occurrences of this year and the
    next one (a window can cross 31 December)."""
    return SQL(
        """
            WITH occurrence AS (
                SELECT d.id, y.year,
                       CASE WHEN EXTRACT(MONTH FROM d.date) = 2
                                 AND EXTRACT(DAY FROM d.date) = 29
                            THEN make_date(y.year, 3, 1) - 1
                            ELSE make_date(y.year, EXTRACT(MONTH FROM d.date)::int,
                                           EXTRACT(DAY FROM d.date)::int)
                       END AS day,
                       s.send,
                       CASE WHEN s.send THEN 0
                            ELSE COALESCE(c.significant_date_reminder_days, %(days)s)
                       END AS days
                  FROM res_partner_significant_date d
                  JOIN res_partner p ON p.id = d.partner_id AND p.active
                  LEFT JOIN res_company c ON c.id = d.company_id
                  LEFT JOIN mail_template t
                         ON t.id = d.greeting_template_id AND t.active
                 CROSS JOIN LATERAL (
                       SELECT d.reminder_action = 'email'
                              AND t.id IS NOT NULL
                              AND btrim(COALESCE(p.email, '')) <> '' AS send
                 ) AS s
                 CROSS JOIN (VALUES (%(year)s), (%(year)s + 1)) AS y(year)
                 WHERE d.active
                   AND y.year >= EXTRACT(YEAR FROM d.date)
                   AND (d.recurring OR y.year = EXTRACT(YEAR FROM d.date))
                   AND y.year > COALESCE(d.last_reminded_year, 0)
            )
            SELECT id, year, day, send
              FROM occurrence
             WHERE day BETWEEN %(today)s AND %(today)s::date + days
             ORDER BY day, id
             LIMIT %(limit)s
        """,
        days=default_days,
        year=today.year,
        today=today,
        limit=limit,
    )
