# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Set-based SQL layer of the segmentation engine.

Pure functions of ``(cr, params)``: they compose and run SQL, never loop over
partners or invoice lines in Python. ``params`` is the dict built by
:func:`make_params` from the company settings.

Pipeline of one run (one company):

1. Three SQL stages over the posted customer invoices and refunds:
   :func:`monthly_query` (the only one reading invoice lines: revenue per partner
   and month, summed per partner by :func:`windowed_query`),
   :func:`documents_query` (invoice counts, dates, median interval)
   and :func:`classify_query` (ABC cumulative-share window, coefficient of
   variation, status, RFM scores (:func:`rfm_score`), RFM segment mapping, false
   leaders: class A clients silent for the last months whose largest invoice of
   the window makes most of its revenue). One row per
   commercial partner. :func:`metrics_query` chains them as one SELECT.
2. :func:`build_result`: those rows are stored for the run in an unlogged
   table keyed by run and partner. With a replica, :func:`metrics_query` runs
   on the read-only cursor (:func:`read_metrics`) and its rows, one per
   partner, are streamed with ``COPY ... TO STDOUT`` into a spooled file, then
   with ``COPY ... FROM STDIN`` into that table on the primary.
3. :func:`write_snapshots`: the rows of a range of partner ids go into
   ``res_partner_segment_snapshot`` with one ``INSERT ... SELECT`` (the cron
   commits per range), after :func:`delete_day` removed the rows of the same
   day (a re-run replaces the day).

The partners' current classes are not copied to ``res_partner``: they are
read from the snapshot rows of the company's latest finished run (see
``res.partner._field_to_sql``), so a run writes only its snapshots.
"""

import psycopg2.extensions
from dateutil.relativedelta import relativedelta

from odoo.tools import SQL

from .invoice_cost import line_cost

# Columns produced by metrics_query, in order, with their SQL types: they are
# the columns of the snapshot table too.
RESULT_COLUMNS = [
    ("partner_id", "int4"),
    ("revenue", "numeric"),
    ("margin", "numeric"),
    ("abc_value", "numeric"),
    ("share", "numeric"),
    ("cum_share_above", "numeric"),
    ("cum_share", "numeric"),
    ("abc_class", "varchar"),
    ("monthly_mean", "numeric"),
    ("cv", "numeric"),
    ("active_months", "int4"),
    ("xyz_class", "varchar"),
    ("invoice_count", "int4"),
    ("first_invoice_date", "date"),
    ("last_purchase_date", "date"),
    ("median_interval", "numeric"),
    ("customer_status", "varchar"),
    ("recency_days", "int4"),
    ("frequency", "int4"),
    ("monetary", "numeric"),
    ("r_score", "int4"),
    ("f_score", "int4"),
    ("m_score", "int4"),
    ("rfm_score", "varchar"),
    ("rfm_segment_id", "int4"),
    ("top_invoice_share", "numeric"),
    ("false_leader", "bool"),
]
RESULT_TABLE = "crm_segmentation_result"
# rows of the replica path kept in memory up to this size, then on disk
SPOOL_BYTES = 32 * 1024 * 1024


def tune(cr):
    """Session settings of the analytics transaction: the one big query gains
    nothing from JIT compilation (it costs about 0.3 s per run) and its sorts
    and hashes should stay in memory."""
    cr.execute("SET LOCAL jit = off; SET LOCAL work_mem = '64MB'")


def make_params(company, run_date):
    """Parameters of a run for ``company`` on ``run_date`` (a date)."""
    date_to = run_date.replace(day=1)
    return {
        "company_id": company.id,
        "digits": company.currency_id.decimal_places,
        "run_date": run_date,
        "date_to": date_to,
        "date_from": date_to - relativedelta(months=company.segment_window_months),
        "months": company.segment_window_months,
        "basis": company.segment_abc_basis,
        "abc_a": company.segment_abc_a,
        "abc_b": company.segment_abc_b,
        "xyz_x": company.segment_xyz_x,
        "xyz_y": company.segment_xyz_y,
        "min_months": company.segment_xyz_min_months,
        "lost_days": company.segment_lost_days,
        "at_risk_factor": company.segment_at_risk_factor,
        "false_leader_share": company.segment_false_leader_share,
        "false_leader_months": company.segment_false_leader_months,
    }


# A purchase: a customer invoice, unless a credit note reversed it entirely (a
# cancelled sale). Same condition as the partial index of account.move.
PURCHASE = SQL(
    "am.move_type = 'out_invoice' AND am.payment_state IS DISTINCT FROM 'reversed'"
)


def _documents(params):
    """Condition on ``account_move am``: posted customer invoices and refunds of
    the company up to the run date."""
    return SQL(
        """
               am.company_id = %(company_id)s
           AND am.state = 'posted'
           AND am.move_type IN ('out_invoice', 'out_refund')
           AND am.invoice_date <= %(run_date)s
           AND am.commercial_partner_id IS NOT NULL
        """,
        **params,
    )


def monthly_query(params):
    """Stage 1, the only one reading invoice lines: net revenue (and margin) per
    partner and month of the window. Revenue is ``-balance`` of the product lines
    (company currency, refunds negative); the margin subtracts the line cost
    (:func:`~.invoice_cost.line_cost`: current product cost x quantity in the
    product's unit, negative on refunds), whatever the ABC basis (the snapshot
    shows it). Parallel-safe aggregates only, so PostgreSQL can use parallel
    workers. The lines are summed as double precision, whose sums PostgreSQL
    keeps by value where a numeric sum allocates: half the time of the stage
    at a million lines. Each month's sum is rounded back to numeric, to the
    currency's decimals (revenue, whose lines are in them: the same sum as
    in numeric) and 4 more (cost, whose unit costs may have more)."""
    cost = line_cost()
    return SQL(
        """
        SELECT am.commercial_partner_id AS partner_id,
               date_trunc('month', am.invoice_date) AS month,
               round(sum(-aml.balance::float8)::numeric, %(digits)s) AS revenue,
               round(sum(%(cost)s)::numeric, %(digits)s + 4) AS cost,
               bool_or(%(purchase)s) AS has_invoice
          FROM account_move am
          JOIN account_move_line aml
            ON aml.move_id = am.id AND aml.display_type = 'product'
          %(join)s
         WHERE %(documents)s
           AND am.invoice_date >= %(date_from)s AND am.invoice_date < %(date_to)s
         GROUP BY am.commercial_partner_id, date_trunc('month', am.invoice_date)
        """,
        cost=cost.cost_float,
        join=cost.joins,
        documents=_documents(params),
        purchase=PURCHASE,
        **params,
    )


def windowed_query(params):
    """Stage 1 per partner, over the months of :func:`monthly_query`: revenue,
    margin, sum of the squared monthly revenues (for the CV) and months with an
    invoice."""
    return SQL(
        """
        SELECT partner_id, sum(revenue) AS revenue,
               sum(revenue) - sum(cost) AS margin,
               sum(revenue * revenue) AS revenue_sq,
               count(*) FILTER (WHERE has_invoice) AS active_months
          FROM (%s) AS monthly GROUP BY partner_id
        """,
        monthly_query(params),
    )


def documents_query(params):
    """Stage 2, on invoices only (all time): counts, first and last purchase,
    invoices of the window and the median interval between purchases (the
    gaps between consecutive invoices, 0 for two invoices of one day). One scan
    and one sort of the invoices."""
    return SQL(
        """
SELECT partner_id,
       count(*) AS invoice_count,
       min(invoice_date) AS first_invoice_date,
       max(invoice_date) AS last_purchase_date,
       count(*) FILTER (WHERE invoice_date >= %(date_from)s
                          AND invoice_date < %(date_to)s) AS frequency,
       (percentile_cont(0.5) WITHIN GROUP (ORDER BY gap))::numeric
           AS median_interval
  FROM (SELECT am.commercial_partner_id AS partner_id, am.invoice_date,
               am.invoice_date - lag(am.invoice_date) OVER (
                   PARTITION BY am.commercial_partner_id
                   ORDER BY am.invoice_date) AS gap
          FROM account_move am
         WHERE %(documents)s AND %(purchase)s) invoices
 GROUP BY partner_id
        """,
        documents=_documents(params),
        purchase=PURCHASE,
        **params,
    )


def classify_query(params, windowed, documents):
    """Stage 3: ABC, XYZ, status and RFM from the relations ``windowed`` (stage 1
    per partner, :func:`windowed_query`) and ``documents`` (stage 2), as one
    SELECT of :data:`RESULT_COLUMNS`."""
    value = SQL("w.margin" if params["basis"] == "margin" else "w.revenue")
    return SQL(
        """
WITH potentials AS (
    SELECT rp.commercial_partner_id AS partner_id
      FROM crm_lead l JOIN res_partner rp ON rp.id = l.partner_id
     WHERE l.active AND l.type = 'opportunity'
       AND (l.company_id = %(company_id)s OR l.company_id IS NULL)
    UNION
    SELECT rp.commercial_partner_id
      FROM sale_order so JOIN res_partner rp ON rp.id = so.partner_id
     WHERE so.state IN ('draft', 'sent', 'sale')
       AND so.company_id = %(company_id)s
),
metrics AS (
    -- the clients: a purchase ever, any invoice or credit note in the window
    -- (credit notes or cancelled sales only: value zero or negative, C), or a
    -- potential; one row each in every relation (full joins)
    SELECT COALESCE(w.partner_id, s.partner_id, p.partner_id) AS partner_id,
           COALESCE(w.revenue, 0) AS revenue,
           w.margin,
           COALESCE(%(value)s, 0) AS abc_value,
           COALESCE(w.revenue, 0) / %(months)s AS monthly_mean,
           COALESCE(w.revenue_sq, 0) / %(months)s AS mean_sq,
           COALESCE(w.active_months, 0) AS active_months,
           COALESCE(s.invoice_count, 0) AS invoice_count,
           s.first_invoice_date, s.last_purchase_date, s.median_interval,
           %(run_date)s::date - s.last_purchase_date AS days_since,
           COALESCE(s.frequency, 0) AS frequency
      FROM %(windowed)s w
      FULL JOIN %(documents)s s ON s.partner_id = w.partner_id
      FULL JOIN (SELECT partner_id FROM potentials WHERE partner_id IS NOT NULL) p
        ON p.partner_id = COALESCE(w.partner_id, s.partner_id)
),
ranked AS (
    -- one pass of window functions over the clients; the RFM ranks among the
    -- clients with purchases in the window (see rfm_score)
    SELECT m.*,
           sum(GREATEST(abc_value, 0)) OVER () AS total,
           COALESCE(sum(GREATEST(abc_value, 0)) OVER (
               ORDER BY abc_value DESC, partner_id
               ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0) AS above,
           CASE WHEN monthly_mean > 0 THEN 100 * sqrt(GREATEST(
               mean_sq - monthly_mean * monthly_mean, 0)) / monthly_mean END AS cv,
           dense_rank() OVER (PARTITION BY frequency > 0 ORDER BY days_since DESC)
               AS r_rank,
           dense_rank() OVER (PARTITION BY frequency > 0 ORDER BY frequency)
               AS f_rank,
           dense_rank() OVER (PARTITION BY frequency > 0 ORDER BY revenue)
               AS m_rank
      FROM metrics m
),
scored AS (
    SELECT r.*,
           CASE WHEN frequency > 0 THEN %(r_score)s END AS r_score,
           CASE WHEN frequency > 0 THEN %(f_score)s END AS f_score,
           CASE WHEN frequency > 0 THEN %(m_score)s END AS m_score
      FROM ranked r
    WINDOW buyers AS (PARTITION BY frequency > 0)
),
segment_map AS (
    SELECT r, f, m, (
        SELECT s.id FROM crm_rfm_segment s
         WHERE s.active
           AND r BETWEEN s.r_min AND s.r_max
           AND f BETWEEN s.f_min AND s.f_max
           AND m BETWEEN s.m_min AND s.m_max
         ORDER BY s.sequence, s.id LIMIT 1) AS id
      FROM generate_series(1, 5) r, generate_series(1, 5) f, generate_series(1, 5) m
),
classified AS (
    SELECT r.*,
           -- false leader candidates: class A, window revenue, no purchase
           -- since the cut-off; their largest invoice of the window (untaxed,
           -- company currency) through the purchase index, a few rows each
           CASE WHEN r.abc_value > 0 AND 100 * r.above / r.total < %(abc_a)s
                     AND r.revenue > 0
                     AND r.last_purchase_date < %(run_date)s::date
                         - make_interval(months => %(false_leader_months)s)
                THEN 100 * (
                    SELECT max(am.amount_untaxed_signed)
                      FROM account_move am
                     WHERE am.company_id = %(company_id)s
                       AND am.commercial_partner_id = r.partner_id
                       AND am.state = 'posted' AND %(purchase)s
                       AND am.invoice_date >= %(date_from)s
                       AND am.invoice_date < %(date_to)s) / r.revenue
           END AS top_invoice_share,
           CASE WHEN r.abc_value > 0 THEN 100 * r.abc_value / r.total END AS share,
           CASE WHEN r.abc_value > 0 THEN 100 * r.above / r.total END
               AS cum_share_above,
           CASE WHEN r.abc_value > 0
                THEN 100 * (r.above + r.abc_value) / r.total END AS cum_share
      FROM scored r
)
SELECT c.partner_id, c.revenue, c.margin, c.abc_value, c.share,
       c.cum_share_above, c.cum_share,
       CASE WHEN c.abc_value <= 0 THEN 'C'
            WHEN c.cum_share_above < %(abc_a)s THEN 'A'
            WHEN c.cum_share_above < %(abc_b)s THEN 'B'
            ELSE 'C' END AS abc_class,
       c.monthly_mean, c.cv, c.active_months,
       CASE WHEN c.active_months < %(min_months)s THEN 'N'
            WHEN c.cv IS NULL THEN 'Z'
            WHEN c.cv <= %(xyz_x)s THEN 'X'
            WHEN c.cv <= %(xyz_y)s THEN 'Y'
            ELSE 'Z' END AS xyz_class,
       c.invoice_count, c.first_invoice_date, c.last_purchase_date,
       c.median_interval,
       CASE WHEN c.invoice_count = 0 THEN 'potential'
            WHEN c.days_since > %(lost_days)s THEN 'lost'
            WHEN c.invoice_count = 1 THEN 'one_time'
            WHEN c.days_since > %(at_risk_factor)s * c.median_interval
                THEN 'at_risk'
            ELSE 'regular' END AS customer_status,
       CASE WHEN c.frequency > 0 THEN c.days_since END AS recency_days,
       c.frequency,
       CASE WHEN c.frequency > 0 THEN c.revenue END AS monetary,
       c.r_score, c.f_score, c.m_score,
       c.r_score::text || c.f_score::text || c.m_score::text AS rfm_score,
       seg.id AS rfm_segment_id,
       c.top_invoice_share,
       COALESCE(c.top_invoice_share > %(false_leader_share)s, FALSE)
           AS false_leader
  FROM classified c
  LEFT JOIN segment_map seg
    ON seg.r = c.r_score AND seg.f = c.f_score AND seg.m = c.m_score
        """,
        windowed=windowed,
        documents=documents,
        value=value,
        r_score=rfm_score(SQL("r_rank")),
        f_score=rfm_score(SQL("f_rank")),
        m_score=rfm_score(SQL("m_rank")),
        purchase=PURCHASE,
        **params,
    )


def rfm_score(rank):
    """Score 1 to 5 of one RFM measure of a client with purchases in the
    window, from ``rank``, the ``dense_rank()`` of the client's value among
    those clients, from the worst value to the best; over the window
    ``buyers`` (those clients).

    The score comes from the percent rank of the client's value among the
    *distinct* values: with d its rank (1 the worst, n the best of n distinct
    values), score = 1 + floor(4 (d - 1) / (n - 1)), and 5 when all values are
    equal. Equal values share one score; the best value always scores 5 and the
    worst 1, and every score from 1 to 5 is reached as soon as there are five
    distinct values (consecutive ranks are at most 1/4 apart). So the clients
    who bought on the latest day score R 5 however many they are, and a crowd
    of one-invoice clients scores F 1. One sort per measure."""
    return SQL(
        "CASE WHEN max(%(d)s) OVER buyers = 1 THEN 5"
        " ELSE 1 + 4 * (%(d)s - 1) / (max(%(d)s) OVER buyers - 1) END",
        d=rank,
    )


def metrics_query(params):
    """The whole classification as one read-only SELECT (for the replica): the
    three stages chained as CTEs. One row per commercial partner."""
    return SQL(
        "WITH windowed AS (%s), documents AS (%s) SELECT * FROM (%s) AS result",
        windowed_query(params),
        documents_query(params),
        classify_query(params, SQL("windowed"), SQL("documents")),
    )


def bare_query(params):
    """The reference for the benchmark: monthly aggregate, ABC window and CV
    over the same lines, nothing else, no writes. Returns one row."""
    return SQL(
        """
WITH monthly AS (
    SELECT am.commercial_partner_id AS partner_id,
           date_trunc('month', am.invoice_date) AS month,
           sum(-aml.balance) AS revenue
      FROM account_move am
      JOIN account_move_line aml
        ON aml.move_id = am.id AND aml.display_type = 'product'
     WHERE am.company_id = %(company_id)s AND am.state = 'posted'
       AND am.move_type IN ('out_invoice', 'out_refund')
       AND am.invoice_date >= %(date_from)s AND am.invoice_date < %(date_to)s
     GROUP BY 1, 2
),
partners AS (
    SELECT partner_id, sum(revenue) AS revenue, sum(revenue * revenue) AS sq
      FROM monthly GROUP BY partner_id
),
ranked AS (
    SELECT partner_id,
           sum(GREATEST(revenue, 0)) OVER (ORDER BY revenue DESC, partner_id
               ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING)
               / NULLIF(sum(GREATEST(revenue, 0)) OVER (), 0) AS above,
           sqrt(GREATEST(sq / %(months)s - (revenue / %(months)s) ^ 2, 0))
               / NULLIF(revenue / %(months)s, 0) AS cv
      FROM partners
)
SELECT count(*), sum(above), sum(cv) FROM ranked
        """,
        **params,
    )


def _columns():
    return SQL(", ").join(SQL.identifier(name) for name, _type in RESULT_COLUMNS)


def read_metrics(cr, params, run_id, file):
    """Run the read-only analytics SELECT on ``cr`` (the replica cursor), with
    the session settings of :func:`tune`, and stream its rows, one per partner
    and prefixed with ``run_id``, into the binary ``file`` in ``COPY`` text
    format: no row is built in Python. :func:`build_result` copies them from
    ``file`` to the primary."""
    tune(cr)
    cr.copy_expert(
        _render(
            cr,
            SQL(
                "COPY (SELECT %s, %s FROM (%s) AS result) TO STDOUT",
                run_id,
                _columns(),
                metrics_query(params),
            ),
        ),
        file,
    )


def _render(cr, query):
    """The text of the SQL object ``query`` with its parameters inlined (by
    psycopg2, quoted): ``COPY`` takes no parameters."""
    encoding = psycopg2.extensions.encodings[cr.connection.encoding]
    return cr.mogrify(query).decode(encoding)


def _temp_table(cr, name, query):
    """Materialize ``query`` as a temporary table dropped at commit and analyze
    it (autovacuum never analyzes temporary tables)."""
    table = SQL.identifier(name)
    cr.execute(SQL("DROP TABLE IF EXISTS %s", table))
    cr.execute(SQL("CREATE TEMPORARY TABLE %s ON COMMIT DROP AS %s", table, query))
    cr.execute(SQL("ANALYZE %s", table))
    return table


def create_result_table(cr):
    """(Re)create :data:`RESULT_TABLE`, the classifications of the runs being
    written: an unlogged table (transient data, no WAL) keyed by run, so that a
    run resumed after a crash writes the rest of the same classification."""
    table = SQL.identifier(RESULT_TABLE)
    cr.execute(SQL("DROP TABLE IF EXISTS %s", table))
    # the primary key (run_id, partner_id): the batches of write_snapshots are
    # ranges of it, has_result and delete_result read its prefix (created with
    # the table, once: the table persists from run to run)
    cr.execute(
        SQL(
            "CREATE UNLOGGED TABLE %s (run_id int4 NOT NULL, %s,"
            " PRIMARY KEY (run_id, partner_id))",
            table,
            SQL(", ").join(
                SQL("%s %s", SQL.identifier(name), SQL(sql_type))
                for name, sql_type in RESULT_COLUMNS
            ),
        )
    )


def build_result(cr, params, run_id, copied=None):
    """Store the classification of run ``run_id``, one row per partner, in
    :data:`RESULT_TABLE`, from which :func:`write_snapshots` copies it by
    ranges; :func:`delete_result` removes it when the run is done. Returns the
    number of rows stored.

    On the primary, stages 1 and 2 are temporary tables first (``CREATE TABLE
    AS`` may run in parallel, ``INSERT ... SELECT`` may not) and stage 3 reads
    them. ``copied``: the binary file :func:`read_metrics` filled on the
    replica, streamed into the table with ``COPY ... FROM STDIN``."""
    tune(cr)
    delete_result(cr, run_id)
    table = SQL.identifier(RESULT_TABLE)
    if copied is None:
        windowed = _temp_table(cr, "cdl_segment_windowed", windowed_query(params))
        documents = _temp_table(cr, "cdl_segment_documents", documents_query(params))
        cr.execute(
            SQL(
                "INSERT INTO %s (run_id, %s) SELECT %s, %s FROM (%s) AS result",
                table,
                _columns(),
                run_id,
                _columns(),
                classify_query(params, windowed, documents),
            )
        )
        return cr.rowcount
    copied.seek(0)
    cr.copy_expert(
        _render(cr, SQL("COPY %s (run_id, %s) FROM STDIN", table, _columns())),
        copied,
    )
    return cr.rowcount


def has_result(cr, run_id):
    """Whether the classification of run ``run_id`` is stored (it is not after
    a crash of the database server, which empties unlogged tables)."""
    cr.execute(
        SQL(
            "SELECT 1 FROM %s WHERE run_id = %s LIMIT 1",
            SQL.identifier(RESULT_TABLE),
            run_id,
        )
    )
    return bool(cr.fetchone())


def delete_result(cr, run_id):
    cr.execute(
        SQL("DELETE FROM %s WHERE run_id = %s", SQL.identifier(RESULT_TABLE), run_id)
    )


def result_counts(cr, run_id):
    """Number of clients per class of the run's classification: a dict
    ``{column: count}``."""
    cr.execute(
        SQL(
            """
            SELECT count(*) AS partner_count,
                   count(*) FILTER (WHERE abc_class = 'A') AS count_a,
                   count(*) FILTER (WHERE abc_class = 'B') AS count_b,
                   count(*) FILTER (WHERE abc_class = 'C') AS count_c,
                   count(*) FILTER (WHERE xyz_class = 'X') AS count_x,
                   count(*) FILTER (WHERE xyz_class = 'Y') AS count_y,
                   count(*) FILTER (WHERE xyz_class = 'Z') AS count_z,
                   count(*) FILTER (WHERE xyz_class = 'N') AS count_n,
                   count(*) FILTER (WHERE customer_status = 'potential')
                       AS count_potential,
                   count(*) FILTER (WHERE customer_status = 'one_time')
                       AS count_one_time,
                   count(*) FILTER (WHERE customer_status = 'regular')
                       AS count_regular,
                   count(*) FILTER (WHERE customer_status = 'at_risk')
                       AS count_at_risk,
                   count(*) FILTER (WHERE customer_status = 'lost') AS count_lost
              FROM %s WHERE run_id = %s
            """,
            SQL.identifier(RESULT_TABLE),
            run_id,
        )
    )
    return cr.dictfetchone()


def delete_day(cr, params):
    """Delete the snapshot rows of the run's company and day: a re-run on the
    same day replaces them."""
    cr.execute(
        SQL(
            "DELETE FROM res_partner_segment_snapshot"
            " WHERE company_id = %(company_id)s AND date = %(run_date)s",
            **params,
        )
    )


def write_snapshots(cr, params, run_id, after_id, batch_size):
    """Copy the classification rows of run ``run_id`` of the next
    ``batch_size`` partners with an id above ``after_id`` to the snapshots of
    the run's day, with one ``INSERT ... SELECT``. Returns the highest partner
    id written, or None when no row was left."""
    result = SQL.identifier(RESULT_TABLE)
    # the range's upper bound first: a sort of the ids only, not of the rows
    cr.execute(
        SQL(
            """
            SELECT max(partner_id) FROM (
                SELECT partner_id FROM %s WHERE run_id = %s AND partner_id > %s
                 ORDER BY partner_id LIMIT %s) batch
            """,
            result,
            run_id,
            after_id,
            batch_size,
        )
    )
    upto = cr.fetchone()[0]
    if upto:
        cr.execute(
            SQL(
                """
                INSERT INTO res_partner_segment_snapshot
                       (company_id, date, %(columns)s)
                SELECT %(company_id)s, %(run_date)s, %(columns)s FROM %(result)s
                 WHERE run_id = %(run_id)s
                   AND partner_id > %(after)s AND partner_id <= %(upto)s
                """,
                result=result,
                columns=_columns(),
                run_id=run_id,
                after=after_id,
                upto=upto,
                **params,
            )
        )
    return upto
