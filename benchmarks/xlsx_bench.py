# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Streaming benchmark of the ABC/XYZ workbook; run it through the
``benchmarks/xlsx`` wrapper (which finds Odoo like ``make test``).

1. Builds once, and caches, a database ``cdl_xlsx_bench`` (or ``--db``) with
   the addon and ``--rows`` (100 000) segmentation snapshot rows written in SQL:
   20 000 clients over five monthly snapshots, every column filled.
2. For each size (10 000 and ``--rows``), in a fresh subprocess each time
   (so that each peak RSS is the size's own): (a) the ABC/XYZ workbook of the
   first N rows of the ABC/XYZ list written THROUGH the addon's XLSX report
   (``ir.actions.report._render_xlsx``, as the Print menu does), and (b) the
   same cells read with one SQL query and written with bare xlsxwriter in
   ``constant_memory`` mode, alternately, ``--repeat`` times (3), keeping the
   fastest of each and the largest peak RSS.
3. Prints one XLSX line per size, the size of ``--rows`` last.
"""

import argparse
import io
import json
import os
import resource
import subprocess
import sys
import time

import xlsxwriter

import odoo
from odoo import SUPERUSER_ID, api
from odoo.tools import SQL, config

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import segmentation_bench as base

REPORT = "crm_designer_loyalty.res_partner_segment_snapshot_xlsx_action"
CLIENTS = 20_000
SMALL = 10_000


def log(message):
    sys.stderr.write(f"[xlsx bench] {message}\n")
    sys.stderr.flush()


def generate(registry, rows):
    """``rows`` snapshot rows: CLIENTS clients, one snapshot a month."""
    with registry.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {})
        company = env.company
        segment_ids = env["crm.rfm.segment"].search([]).ids
        cr.execute(
            SQL(
                """
                WITH ids AS (
                    SELECT nextval('res_partner_id_seq') AS id, g
                      FROM generate_series(1, %(clients)s) g)
                INSERT INTO res_partner (id, name, complete_name,
                                         commercial_partner_id, is_company, active,
                                         type, autopost_bills, create_date,
                                         write_date)
                SELECT id, 'Bench client ' || g, 'Bench client ' || g, id, TRUE,
                       TRUE, 'contact', 'ask', now(), now()
                  FROM ids
                """,
                clients=CLIENTS,
            )
        )
        cr.execute("SELECT setseed(0.15)")
        cr.execute(
            SQL(
                """
                INSERT INTO res_partner_segment_snapshot (
                    date, company_id, partner_id, abc_class, xyz_class,
                    customer_status, revenue, margin, abc_value, share,
                    cum_share_above, cum_share, monthly_mean, cv, active_months,
                    invoice_count, first_invoice_date, last_purchase_date,
                    median_interval, recency_days, frequency, monetary, r_score,
                    f_score, m_score, rfm_score, rfm_segment_id)
                SELECT (date_trunc('month', now()) - make_interval(months => m))::date,
                       %(company)s, p.id,
                       (ARRAY['A', 'B', 'C'])[1 + floor(random() * 3)::int],
                       (ARRAY['X', 'Y', 'Z', 'N'])[1 + floor(random() * 4)::int],
                       (ARRAY['potential', 'one_time', 'regular', 'at_risk', 'lost'])
                           [1 + floor(random() * 5)::int],
                       r, r / 2, r, random(), random() * 100, random() * 100, r / 12,
                       random() * 150,
                       1 + floor(random() * 12)::int, 1 + floor(random() * 40)::int,
                       '2020-01-01'::date + floor(random() * 1000)::int,
                       current_date - floor(random() * 700)::int, random() * 90,
                       floor(random() * 700)::int, 1 + floor(random() * 20)::int,
                       r, 1 + floor(random() * 5)::int,
                       1 + floor(random() * 5)::int, 1 + floor(random() * 5)::int,
                       '345', (%(segments)s::int[])[1 + floor(random() * %(n)s)::int]
                  FROM (SELECT m, p.id, round((random() * 3000000)::numeric, 2) r
                          FROM generate_series(0, %(months)s - 1) m
                         CROSS JOIN res_partner p
                         WHERE p.name LIKE %(pattern)s) p
                """,
                company=company.id,
                segments=segment_ids,
                n=len(segment_ids),
                months=-(-rows // CLIENTS),
                pattern="Bench client %",
            )
        )
        cr.execute("CREATE TABLE cdl_xlsx_bench_done (rows int)")
        cr.execute("INSERT INTO cdl_xlsx_bench_done VALUES (%s)", [rows])
        cr.commit()
    with registry.cursor() as cr:
        cr._cnx.autocommit = True
        cr.execute("VACUUM ANALYZE res_partner_segment_snapshot, res_partner")


def first_ids(env, rows):
    """The first ``rows`` snapshots of the ABC/XYZ list (its default order)."""
    return env["res.partner.segment.snapshot"].search([], limit=rows).ids


def through_report(env, ids):
    content, kind = env["ir.actions.report"]._render_xlsx(REPORT, ids, {})
    assert kind == "xlsx"
    return content


def bare(env, ids):
    """The same cells, one SQL query, bare xlsxwriter in constant_memory."""
    rows = env.execute_query(
        SQL(
            """
            SELECT p.name, s.date, s.abc_class, s.xyz_class, s.customer_status,
                   s.rfm_score, g.name->>'en_US', s.revenue, s.share, s.cum_share,
                   CASE WHEN s.monthly_mean > 0 THEN s.cv END, s.active_months,
                   s.last_purchase_date
              FROM unnest(%(ids)s::int[]) WITH ORDINALITY AS sel(id, position)
              JOIN res_partner_segment_snapshot s ON s.id = sel.id
              JOIN res_partner p ON p.id = s.partner_id
              LEFT JOIN crm_rfm_segment g ON g.id = s.rfm_segment_id
             ORDER BY sel.position
            """,
            ids=ids,
        )
    )
    output = io.BytesIO()
    workbook = xlsxwriter.Workbook(output, {"constant_memory": True})
    sheet = workbook.add_worksheet("Segmentation")
    date_format = workbook.add_format({"num_format": "yyyy-mm-dd"})
    number = workbook.add_format({"num_format": "#,##0.00"})
    money = workbook.add_format({"num_format": "#,##0.00 ₽"})
    formats = [None, date_format, None, None, None, None, None, money]
    formats += [number, number, number, None, date_format]
    for col in range(13):
        sheet.write(0, col, f"Column {col}")
    for row, values in enumerate(rows, start=1):
        for col, value in enumerate(values):
            if value is None:
                sheet.write_blank(row, col, None, formats[col])
            else:
                sheet.write(row, col, value, formats[col])
    workbook.close()
    return output.getvalue()


def child(db, kind, rows):
    """One measure in this (fresh) process: prints seconds, bytes, peak RSS."""
    registry = odoo.modules.registry.Registry(db)
    with registry.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {"lang": "en_US"})
        env = env(user=env.ref("base.user_admin"))
        ids = first_ids(env, rows)
        env.invalidate_all()
        started = time.perf_counter()
        content = (through_report if kind == "report" else bare)(env, ids)
        seconds = time.perf_counter() - started
    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"s": seconds, "bytes": len(content), "rss_mb": rss_mb}))


def measure(db, kind, rows):
    command = [sys.executable, __file__, "--db", db, "--child", kind]
    result = subprocess.run(
        [*command, "--rows", str(rows)], capture_output=True, text=True, check=True
    )
    return json.loads(result.stdout.strip().splitlines()[-1])


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--db", default="cdl_xlsx_bench")
    parser.add_argument("--child", choices=("report", "bare"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    config.parse_config(["-c", os.environ["ODOO_RC"], "--log-level=warn"])
    if args.child:
        return child(args.db, args.child, args.rows)
    if not base.psql_value(args.db, "SELECT rows FROM cdl_xlsx_bench_done"):
        installed = base.psql_value(
            args.db, f"SELECT state FROM ir_module_module WHERE name = '{base.MODULE}'"
        )
        if installed != "installed":
            subprocess.run(["dropdb", "--if-exists", args.db], check=True)
            log(f"installing {base.MODULE} in {args.db}")
            base.install(args.db)
        log(f"writing {args.rows} snapshot rows")
        generate(odoo.modules.registry.Registry(args.db), args.rows)
    else:
        log(f"reusing cached database {args.db}, upgrading {base.MODULE}")
        base.install(args.db, "-u")
    for rows in (SMALL, args.rows):
        best = {}
        for attempt in range(args.repeat):
            for kind in ("report", "bare"):
                result = measure(args.db, kind, rows)
                log(
                    f"{rows} rows, round {attempt + 1}, {kind}: {result['s']:.2f} s, "
                    f"{result['bytes']} bytes, peak RSS {result['rss_mb']:.0f} MB"
                )
                if kind not in best:
                    best[kind] = result
                else:
                    best[kind]["s"] = min(best[kind]["s"], result["s"])
                    best[kind]["rss_mb"] = max(best[kind]["rss_mb"], result["rss_mb"])
        report, plain = best["report"], best["bare"]
        sys.stdout.write(
            f"XLSX rows={rows} report_s={report['s']:.2f} bare_s={plain['s']:.2f} "
            f"xlsx/bare={report['s'] / plain['s']:.2f} "
            f"report_rss_mb={report['rss_mb']:.0f} bare_rss_mb={plain['rss_mb']:.0f}\n"
        )
        sys.stdout.flush()


if __name__ == "__main__":
    main()
