# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Scale benchmark of the registers' analyses; run it through the
``benchmarks/registers`` wrapper (which finds Odoo like ``make test``).

1. Builds once, and caches, a database (``--db``) with the invoice lines of
   the segmentation benchmark (P partners, L lines over 24 months, written in
   SQL by ``segmentation_bench.generate``), D competitor deals of those
   partners over the same months and 20 external factors of 120 monthly
   values. ``--from-db`` copies an existing segmentation benchmark database
   of the same size instead of writing the lines again (it must have no
   connection while it is copied), and adds the deals and factors only.
2. Times in one process, alternately, ``--repeat`` times each, keeping the
   fastest: (a) the share of wallet of every client over the 24 months
   (``analytics.registers.share_of_wallet``) against the bare per-client sums
   of the same invoice lines and deals; (b) the influence analysis of the 20
   factors over 120 months at lags 0 to 6 against the monthly revenue (one
   aligned query, then the statistics in Python) against the bare monthly
   revenue aggregate alone.
3. Prints the REGISTERS line last.
"""

import argparse
import importlib
import os
import subprocess
import sys
import time
from datetime import date

from dateutil.relativedelta import relativedelta

import odoo
from odoo import SUPERUSER_ID, api
from odoo.tools import SQL, config

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import segmentation_bench as base

FACTORS = 20
MONTHS = 120


def log(message):
    sys.stderr.write(f"[registers bench] {message}\n")
    sys.stderr.flush()


def add_registers(registry, deals):
    """D competitor deals of the bench partners over 24 months (skewed like the
    invoices) and the 20 factors of 120 monthly values."""
    with registry.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {})
        company = env.company
        competitor = env["crm.competitor"].create({"name": "Bench competitor"})
        category = env["product.category"].create({"name": "Bench category"})
        factors = env["crm.external.factor"].create(
            [{"name": f"Bench factor {i}"} for i in range(FACTORS)]
        )
        first_month = date.today().replace(day=1) - relativedelta(months=MONTHS)
        env["crm.external.factor.value"].create(
            [
                {
                    "factor_id": factor.id,
                    "date": first_month + relativedelta(months=m),
                    "value": (i + 1) * (m % 12) + m,
                }
                for i, factor in enumerate(factors)
                for m in range(MONTHS)
            ]
        )
        env.flush_all()
        cr.execute(
            "SELECT min(id), max(id) FROM res_partner WHERE name LIKE 'Bench client %'"
        )
        first, last = cr.fetchone()
        cr.execute("SET LOCAL session_replication_role = replica")
        cr.execute("SELECT setseed(0.24)")
        cr.execute(
            SQL(
                """
                INSERT INTO crm_competitor_deal (
                    partner_id, company_id, competitor_id, categ_id, date, amount,
                    create_date, write_date)
                SELECT %(first)s + floor(%(span)s * random() ^ 2)::int,
                       %(company)s, %(competitor)s, %(category)s,
                       %(date_to)s::date - 1 - floor(random() * 730)::int,
                       round((50 + random() * 5000)::numeric, 2), now(), now()
                  FROM generate_series(1, %(deals)s)
                """,
                first=first,
                span=last - first + 1,
                company=company.id,
                competitor=competitor.id,
                category=category.id,
                date_to=date.today().replace(day=1),
                deals=deals,
            )
        )
        log(f"{cr.rowcount} competitor deals")
        cr.execute("CREATE TABLE cdl_reg_bench_done (d int)")
        cr.execute("INSERT INTO cdl_reg_bench_done VALUES (%s)", [deals])
        cr.commit()
    with registry.cursor() as cr:
        cr._cnx.autocommit = True
        cr.execute("VACUUM ANALYZE")


def copy_database(source, db):
    """``db``, a copy of the segmentation benchmark database ``source``
    (retried while another session uses the template; the source itself is
    never connected to), with the addon upgraded to this code."""
    subprocess.run(["dropdb", "--if-exists", db], check=True)
    for attempt in range(60):
        if not subprocess.run(["createdb", "-T", source, db], check=False).returncode:
            break
        log(f"{source} in use, copy attempt {attempt + 1} failed, retrying")
        time.sleep(30)
    else:
        raise SystemExit(f"could not copy {source}")
    if not base.psql_value(db, "SELECT p FROM cdl_bench_done"):
        raise SystemExit(f"{source} is not a finished segmentation benchmark")
    log(f"copied {source} to {db}, upgrading {base.MODULE}")
    base.install(db, "-u")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--partners", type=int, default=100_000)
    parser.add_argument("--lines", type=int, default=5_000_000)
    parser.add_argument("--deals", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument(
        "--db", help="cached database (default cdl_reg_bench_p<P>_l<L>_d<D>)"
    )
    parser.add_argument(
        "--from-db",
        help="segmentation benchmark database of P partners and L lines to copy",
    )
    args = parser.parse_args()
    config.parse_config(["-c", os.environ["ODOO_RC"], "--log-level=warn"])
    db = args.db or f"cdl_reg_bench_p{args.partners}_l{args.lines}_d{args.deals}"
    if not base.psql_value(db, "SELECT d FROM cdl_reg_bench_done"):
        if args.from_db:
            copy_database(args.from_db, db)
        else:
            base.build_database(db, args.partners, args.lines)
        add_registers(odoo.modules.registry.Registry(db), args.deals)
    else:
        log(f"reusing cached database {db}, upgrading {base.MODULE}")
        base.install(db, "-u")
    registry = odoo.modules.registry.Registry(db)
    registers = importlib.import_module(
        f"odoo.addons.{base.MODULE}.analytics.registers"
    )
    segmentation = importlib.import_module(
        f"odoo.addons.{base.MODULE}.analytics.segmentation"
    )
    today = date.today()
    date_to = today.replace(day=1) - relativedelta(days=1)
    date_from = today.replace(day=1) - relativedelta(months=24)
    last_month = today.replace(day=1) - relativedelta(months=1)
    first_month = last_month - relativedelta(months=MONTHS - 1)
    with registry.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {})
        company = env.company
        factors = env["crm.external.factor"].search([("name", "like", "Bench factor")])
        sales_conditions = SQL(
            """am.state = 'posted' AND am.move_type IN ('out_invoice', 'out_refund')
               AND am.company_id = %s""",
            company.id,
        )

        def bare_wallet():
            cr.execute(
                SQL(
                    """
                    SELECT am.commercial_partner_id, sum(-aml.balance)
                      FROM account_move am
                      JOIN account_move_line aml
                        ON aml.move_id = am.id AND aml.display_type = 'product'
                     WHERE %s AND am.invoice_date BETWEEN %s AND %s
                     GROUP BY 1
                    """,
                    sales_conditions,
                    date_from,
                    date_to,
                )
            )
            ours = cr.fetchall()
            cr.execute(
                SQL(
                    """
                    SELECT partner_id, sum(amount) FROM crm_competitor_deal
                     WHERE company_id = %s AND date BETWEEN %s AND %s GROUP BY 1
                    """,
                    company.id,
                    date_from,
                    date_to,
                )
            )
            return len(ours) + len(cr.fetchall())

        def wallet():
            return len(registers.share_of_wallet(cr, company.id, date_from, date_to))

        def bare_influence():
            cr.execute(
                SQL(
                    """
                    SELECT date_trunc('month', am.invoice_date), sum(-aml.balance)
                      FROM account_move am
                      JOIN account_move_line aml
                        ON aml.move_id = am.id AND aml.display_type = 'product'
                     WHERE %s AND am.invoice_date >= %s
                       AND am.invoice_date < %s
                     GROUP BY 1
                    """,
                    sales_conditions,
                    first_month,
                    last_month + relativedelta(months=1),
                )
            )
            return len(cr.fetchall())

        def influence():
            queries = {
                factor.id: registers.factor_series_query(
                    {"id": factor.id, "source": "manual", "aggregation": "mean"},
                    company.id,
                    first_month,
                    last_month,
                )
                for factor in factors
            }
            series = registers.aligned_series(
                cr,
                queries,
                registers.sales_series_query(
                    "revenue", company.id, first_month, last_month, None, None
                ),
                first_month,
                last_month,
            )
            return [
                registers.best_lag(registers.lagged_correlations(rows))
                for rows in series.values()
            ]

        segmentation.tune(cr)
        bare_wallet()  # warm the cache
        times = {name: [] for name in ("bare_w", "wallet", "bare_i", "influence")}
        for attempt in range(args.repeat):
            segmentation.tune(cr)
            for name, function in (
                ("bare_w", bare_wallet),
                ("wallet", wallet),
                ("bare_i", bare_influence),
                ("influence", influence),
            ):
                seconds, result = base.timed(function)
                times[name].append(seconds)
                if name == "influence":
                    result = f"{len(result)} factors"
                log(f"round {attempt + 1}: {name} {seconds:.2f} s ({result})")
        best = {name: min(values) for name, values in times.items()}
        cr.rollback()
    sys.stdout.write(
        f"REGISTERS clients={args.partners} deals={args.deals} lines={args.lines} "
        f"wallet_s={best['wallet']:.2f} bare_wallet_s={best['bare_w']:.2f} "
        f"influence_s={best['influence']:.2f} bare_revenue_s={best['bare_i']:.2f} "
        f"wallet/bare={best['wallet'] / best['bare_w']:.2f} "
        f"influence/bare={best['influence'] / best['bare_i']:.2f}\n"
    )


if __name__ == "__main__":
    main()
