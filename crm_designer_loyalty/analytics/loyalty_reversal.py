# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Set-based SQL of the append-only ledger's reversals and of the catch-up
selections (steps 3 and 4 of the pipeline in ``analytics/loyalty.py``): the
open entries of invoices no longer settled get a reversal entry each, never a
deletion; the catch-up finds what the hooks missed."""

import logging

import psycopg2

from odoo.tools import SQL

from .collected import settled
from .loyalty import EARNING_DESIGNER, _execute, has_live, live

_logger = logging.getLogger(__name__)


def _reversible(move_ids):
    """SQL: ids and statement states (NULL: on no statement) of the live
    accruals and clawbacks of the customer invoices and credit notes
    ``move_ids``, and of the live clawbacks of the credit notes of those
    invoices, but for a designer that keeps a live accrual of the invoice on
    a confirmed statement (a credit note claws back only what its invoice
    earned, see :func:`~.loyalty.accrual_query`)."""
    return SQL(
        """
        SELECT r.id, s.state FROM designer_reward r
          LEFT JOIN designer_reward_statement s ON s.id = r.statement_id
         WHERE r.move_id = ANY(%(moves)s)
           AND r.kind IN ('accrual', 'clawback') AND %(live_r)s
         UNION
        SELECT r.id, s.state FROM account_move cn
          JOIN account_move inv ON inv.id = cn.reversed_entry_id
          JOIN designer_reward r ON r.move_id = cn.id
          LEFT JOIN designer_reward_statement s ON s.id = r.statement_id
         WHERE inv.id = ANY(%(moves)s) AND inv.move_type = 'out_invoice'
           AND cn.move_type = 'out_refund'
           AND r.kind = 'clawback' AND %(live_r)s
           AND NOT EXISTS (
               SELECT 1 FROM designer_reward a
                 JOIN designer_reward_statement sa ON sa.id = a.statement_id
                WHERE a.move_id = inv.id AND a.kind = 'accrual'
                  AND a.designer_id = r.designer_id AND sa.state != 'draft'
                  AND %(live_a)s)
        """,
        moves=list(move_ids),
        live_r=live("r"),
        live_a=live("a"),
    )


def locked_entries(cr, move_ids):
    """Ids of the entries that reversing ``move_ids`` would reverse (see
    :func:`reverse`) which are on a confirmed, paid or carried statement."""
    cr.execute(
        SQL(
            "SELECT id FROM (%s) e WHERE state IS NOT NULL AND state != 'draft' "
            "ORDER BY id",
            _reversible(move_ids),
        )
    )
    return [row[0] for row in cr.fetchall()]


def reverse(cr, move_ids, today, uid):
    """Reverse the live entries of the customer invoices and credit notes
    ``move_ids`` (no longer settled, or being reset), and the live clawbacks of their
    credit notes (see :func:`_reversible`), but those on a confirmed, paid or
    carried statement: one ``INSERT`` of a reversal entry per entry (kind
    ``reversal``, ``reversed_id`` the entry, opposite base amount, amount and
    points, its rate, tier, invoice line and generation, open), on ``today``
    by user ``uid``. It is dated as the entry it reverses: on the statement
    that holds the entry already, if any, it does not land (see
    :func:`~.loyalty_review.attach_open_entries`), but on the next one.

    Exactly once: an entry is reversed at most once (unique index on
    ``reversed_id``): a concurrent writer of the same reversal waits for the
    first, then fails to serialize (logged at INFO here, not as a "bad
    query" ERROR by the cursor) and is retried, and its retry finds the
    entry reversed. Returns the number of entries written."""
    query = SQL(
        """
        INSERT INTO designer_reward (
            designer_id, partner_id, move_id, move_line_id, kind,
            reversed_id, generation, date, accrued_on, base_amount, rate,
            amount, points, tier_id, company_id, currency_id, state,
            create_uid, write_uid, create_date, write_date)
        SELECT o.designer_id, o.partner_id, o.move_id, o.move_line_id,
               'reversal', o.id, o.generation, o.date, %(today)s,
               -o.base_amount, o.rate, -o.amount, -o.points, o.tier_id,
               o.company_id, o.currency_id, 'open', %(uid)s, %(uid)s,
               NOW() AT TIME ZONE 'UTC', NOW() AT TIME ZONE 'UTC'
          FROM designer_reward o
         WHERE o.id IN (SELECT e.id FROM (%(reversible)s) e
                         WHERE e.state IS NULL OR e.state = 'draft')
         -- concurrent writers lock the keys in the same order
         ORDER BY o.id
        ON CONFLICT DO NOTHING
        """,
        today=today,
        uid=uid,
        reversible=_reversible(move_ids),
    )
    try:
        cr.execute(query, log_exceptions=False)
    except psycopg2.errors.SerializationFailure:
        _logger.info(
            "Designer reward reversal: entries reversed by another transaction "
            "at the same time, to be retried"
        )
        raise
    return cr.rowcount


def unsettled_moves(cr):
    """Ids of the invoices and credit notes no longer settled (see
    :func:`settled`) with live open entries (not reversed, not on a
    confirmed or paid statement), and of the invoices without live accrual
    whose credit notes have live open clawbacks."""
    rows = _execute(
        cr,
        SQL(
            """
            SELECT m.id FROM account_move m
             WHERE m.id IN (
                   SELECT r.move_id FROM designer_reward r
                     LEFT JOIN designer_reward_statement s
                       ON s.id = r.statement_id
                    WHERE r.move_id IS NOT NULL AND r.kind != 'reversal'
                      AND (s.id IS NULL OR s.state = 'draft') AND %(live_r)s)
               AND NOT %(settled)s
             UNION
            -- invoices whose accrual is reversed (or was never written) but
            -- not the open clawbacks of their credit notes
            SELECT m.id FROM designer_reward r
              JOIN account_move cn ON cn.id = r.move_id
              JOIN account_move m ON m.id = cn.reversed_entry_id
              LEFT JOIN designer_reward_statement s ON s.id = r.statement_id
             WHERE m.move_type = 'out_invoice' AND r.kind = 'clawback'
               AND (s.id IS NULL OR s.state = 'draft') AND %(live_r)s
               AND NOT EXISTS (SELECT 1 FROM designer_reward a
                                WHERE a.move_id = m.id AND a.kind = 'accrual'
                                  AND a.designer_id = r.designer_id
                                  AND %(live_a)s)
               AND NOT %(settled)s
            """,
            settled=settled(),
            live_r=live("r"),
            live_a=live("a"),
        ),
    )
    return [row[0] for row in rows]


def _unaccrued():
    """Condition on ``account_move m``: settled designer invoices and credit
    notes of earning designers without any live entry (none written, or all
    reversed)."""
    return SQL(
        """
        m.state = 'posted' AND m.move_type IN ('out_invoice', 'out_refund')
        AND m.designer_id IS NOT NULL
        AND NOT %s
        AND %s AND %s
        """,
        has_live(SQL("cdl_e.move_id = m.id")),
        EARNING_DESIGNER,
        settled(),
    )


def unaccrued_count(cr):
    """Number of settled designer invoices and credit notes without live
    entry."""
    return _execute(
        cr, SQL("SELECT COUNT(*) FROM account_move m WHERE %s", _unaccrued())
    )[0][0]


def unaccrued_batch(cr, after_id, limit):
    """Ids of the next ``limit`` settled designer invoices and credit notes
    without live entry with an id above ``after_id`` (keyset pagination: invoices
    with only excluded lines stay without entries)."""
    rows = _execute(
        cr,
        SQL(
            "SELECT m.id FROM account_move m WHERE %s AND m.id > %s "
            "ORDER BY m.id LIMIT %s",
            _unaccrued(),
            after_id,
            limit,
        ),
    )
    return [row[0] for row in rows]
