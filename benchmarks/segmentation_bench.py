# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Scale benchmark of the segmentation engine; run it through the
``benchmarks/segmentation`` wrapper (which finds Odoo like ``make test``).

1. Builds once, and caches, a database ``cdl_bench_p<P>_l<L>`` (or ``--db``)
   with the addon, P partners and L posted customer invoice lines (5 per
   invoice, 5 % refunds, skewed partner distribution) over the 24 months before
   the current month, written directly in SQL with ``INSERT ... SELECT
   generate_series``.
2. Times in one process: (a) the bare SQL (monthly aggregate + ABC window + CV,
   no writes), (b) the engine's full run (classes and snapshots; rolled back
   afterwards so that the cached database stays as built), alternately,
   ``--repeat`` times each (3), keeping the fastest of each, and (c) a
   straightforward per-partner ORM computation on 1 000 partners, scaled to P.
3. Prints the W1 line last. Nothing streams invoice lines into Python.
"""

import argparse
import importlib
import os
import random
import resource
import subprocess
import sys
import time
from datetime import date

import odoo
from odoo import SUPERUSER_ID, api
from odoo.tools import SQL, config

MODULE = "crm_designer_loyalty"
LINES_PER_MOVE = 5
ORM_SAMPLE = 1000


def log(message):
    sys.stderr.write(f"[segmentation bench] {message}\n")
    sys.stderr.flush()


def odoo_bin():
    odoo_dir = os.environ.get("ODOO_DIR", "")
    script = os.path.join(odoo_dir, "odoo-bin")
    if os.path.isfile(script):
        return [sys.executable, script]
    return [sys.executable, "-m", "odoo"]


def psql_value(db, query):
    result = subprocess.run(
        ["psql", "-d", db, "-tAc", query], capture_output=True, text=True, check=False
    )
    return result.returncode == 0 and result.stdout.strip()


def build_database(db, partners, lines):
    installed = psql_value(
        db, f"SELECT state FROM ir_module_module WHERE name = '{MODULE}'"
    )
    if installed != "installed":
        subprocess.run(["dropdb", "--if-exists", db], check=True)
        log(f"installing {MODULE} in {db}")
        install(db)
    generate_data(odoo.modules.registry.Registry(db), partners, lines)


def install(db, mode="-i"):
    """Install the addon in ``db`` (``mode`` ``-u``: upgrade it to the code)."""
    subprocess.run(
        [
            *odoo_bin(),
            "-c",
            os.environ["ODOO_RC"],
            "-d",
            db,
            mode,
            MODULE,
            "--without-demo=all",
            "--stop-after-init",
            "--log-level=warn",
        ],
        check=True,
    )


def generate_data(registry, partners, lines):
    with registry.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {})
        company = env.company
        journal = env["account.journal"].search(
            [("type", "=", "sale"), ("company_id", "=", company.id)], limit=1
        )
        account = journal.default_account_id
        products = env["product.product"].create(
            [
                {"name": f"Bench product {i}", "standard_price": 10 + i}
                for i in range(20)
            ]
        )
        env.flush_all()
        generate(cr, company, journal, account, products, partners, lines)
        cr.execute("CREATE TABLE cdl_bench_done (p int, l int)")
        cr.execute("INSERT INTO cdl_bench_done VALUES (%s, %s)", [partners, lines])
        cr.commit()
    with registry.cursor() as cr:
        cr._cnx.autocommit = True
        cr.execute("VACUUM ANALYZE")


def generate(cr, company, journal, account, products, partners, lines):
    started = time.monotonic()
    moves = max(lines // LINES_PER_MOVE, 1)
    # bulk load: the rows are consistent by construction, skip the per-row
    # foreign key triggers (about 25 on account_move_line)
    cr.execute("SET LOCAL session_replication_role = replica")
    cr.execute("SELECT setseed(0.42)")
    cr.execute(
        SQL(
            """
            WITH ids AS (
                SELECT nextval('res_partner_id_seq') AS id, g
                  FROM generate_series(1, %(partners)s) g)
            INSERT INTO res_partner (id, name, complete_name, commercial_partner_id,
                                     is_company, active, type, autopost_bills,
                                     create_date, write_date)
            SELECT id, 'Bench client ' || g, 'Bench client ' || g, id, TRUE, TRUE,
                   'contact', 'ask', now(), now()
              FROM ids
            RETURNING id
            """,
            partners=partners,
        )
    )
    partner_ids = [row[0] for row in cr.fetchall()]
    first, last = min(partner_ids), max(partner_ids)
    del partner_ids
    log(f"{partners} partners in {time.monotonic() - started:.0f} s")
    date_to = date.today().replace(day=1)
    # skewed: partner index = P * u^2 (a few clients make most of the revenue)
    cr.execute(
        SQL(
            """
            INSERT INTO account_move (name, journal_id, company_id, currency_id, date,
                                      invoice_date, state, move_type, auto_post,
                                      partner_id, commercial_partner_id,
                                      create_date, write_date)
            SELECT 'BENCH/' || g, %(journal)s, %(company)s, %(currency)s, d, d,
                   'posted',
                   CASE WHEN random() < 0.05 THEN 'out_refund' ELSE 'out_invoice' END,
                   'no', p, p, now(), now()
              FROM (SELECT g,
                           %(date_to)s::date - 1 - floor(random() * 730)::int AS d,
                           %(first)s + floor(%(span)s * random() ^ 2)::int AS p
                      FROM generate_series(1, %(moves)s) g) src
            """,
            journal=journal.id,
            company=company.id,
            currency=company.currency_id.id,
            date_to=date_to,
            first=first,
            span=last - first + 1,
            moves=moves,
        )
    )
    log(f"{moves} invoices in {time.monotonic() - started:.0f} s")
    cr.execute(
        SQL(
            """
            INSERT INTO account_move_line (
                move_id, move_name, journal_id, company_id, company_currency_id,
                currency_id, account_id, partner_id, product_id, date,
                invoice_date, parent_state, display_type, name, sequence,
                quantity, price_unit, price_subtotal, price_total, balance, debit,
                credit, amount_currency, create_date, write_date)
            SELECT m.id, m.name, m.journal_id, m.company_id, m.currency_id,
                   m.currency_id, %(account)s, m.partner_id, x.product, m.date,
                   m.invoice_date, 'posted', 'product', 'Bench line', k,
                   x.qty, x.price, x.qty * x.price, x.qty * x.price, x.balance,
                   GREATEST(x.balance, 0), GREATEST(-x.balance, 0), x.balance,
                   now(), now()
              FROM account_move m
             CROSS JOIN generate_series(1, %(per_move)s) k
             CROSS JOIN LATERAL (
                 SELECT (%(products)s::int[])[1 + mod(m.id + k, %(nb_products)s)]
                            AS product,
                        1 + mod(m.id * 7 + k, 5) AS qty,
                        (20 + mod(m.id * 13 + k * 31, 480))::numeric AS price,
                        CASE WHEN m.move_type = 'out_refund' THEN 1 ELSE -1 END
                            * (1 + mod(m.id * 7 + k, 5))
                            * (20 + mod(m.id * 13 + k * 31, 480)) AS balance
             ) x
             WHERE m.name LIKE %(pattern)s
            """,
            account=account.id or None,
            per_move=LINES_PER_MOVE,
            pattern="BENCH/%",
            products=products.ids,
            nb_products=len(products),
        )
    )
    log(f"{cr.rowcount} invoice lines in {time.monotonic() - started:.0f} s")


def timed(function):
    started = time.perf_counter()
    result = function()
    return time.perf_counter() - started, result


def orm_per_partner(env, params, sample):
    """What a naive implementation would do: per partner, a read_group of the
    monthly revenue and two searches for the invoice count and last purchase."""
    Line, Move = env["account.move.line"], env["account.move"]
    doc_types = ("out_invoice", "out_refund")
    for partner_id in sample:
        monthly = Line._read_group(
            [
                ("move_id.commercial_partner_id", "=", partner_id),
                ("parent_state", "=", "posted"),
                ("move_id.move_type", "in", doc_types),
                ("display_type", "=", "product"),
                ("company_id", "=", params["company_id"]),
                ("date", ">=", params["date_from"]),
                ("date", "<", params["date_to"]),
            ],
            ["date:month"],
            ["balance:sum"],
        )
        values = [-balance for _month, balance in monthly]
        months = params["months"]
        mean = sum(values) / months
        variance = sum(v * v for v in values) / months - mean * mean
        _cv = (max(variance, 0) ** 0.5) / mean if mean > 0 else None
        invoice_domain = [
            ("commercial_partner_id", "=", partner_id),
            ("state", "=", "posted"),
            ("move_type", "=", "out_invoice"),
            ("company_id", "=", params["company_id"]),
        ]
        Move.search_count(invoice_domain)
        last = Move.search(invoice_domain, order="invoice_date desc", limit=1)
        _last_purchase = last.invoice_date
        env.invalidate_all()


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--partners", type=int, default=100_000)
    parser.add_argument("--lines", type=int, default=5_000_000)
    parser.add_argument(
        "--repeat",
        type=int,
        default=3,
        help="timings of the bare SQL and of the engine, the fastest is kept",
    )
    parser.add_argument(
        "--db",
        help="name of the cached database (default cdl_bench_p<P>_l<L>)",
    )
    args = parser.parse_args()
    config.parse_config(["-c", os.environ["ODOO_RC"], "--log-level=warn"])
    db = args.db or f"cdl_bench_p{args.partners}_l{args.lines}"
    if not psql_value(db, "SELECT p FROM cdl_bench_done"):
        build_database(db, args.partners, args.lines)
    else:
        log(f"reusing cached database {db}, upgrading {MODULE}")
        install(db, "-u")
    registry = odoo.modules.registry.Registry(db)
    # importable once the registry loaded the addons path
    segmentation = importlib.import_module(
        f"odoo.addons.{MODULE}.analytics.segmentation"
    )
    with registry.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {})
        company = env.company
        params = segmentation.make_params(company, date.today())

        def bare():
            cr.execute(segmentation.bare_query(params))
            return cr.fetchone()

        def engine():
            # in the benchmark's transaction, rolled back below
            return (
                env["crm.segmentation.run"]
                .with_context(cdl_no_commit=True)
                ._run_company(company, date.today())
            )

        # the engine's session settings (no JIT, 64 MB work_mem) for both
        segmentation.tune(cr)
        bare()  # warm the cache: the timings below read from shared buffers
        # alternate the two, keep the fastest of each (least disturbed by the
        # rest of the machine); each engine run is rolled back
        bare_times, engine_times = [], []
        for attempt in range(args.repeat):
            segmentation.tune(cr)
            bare_times.append(timed(bare)[0])
            engine_s, run = timed(engine)
            engine_times.append(engine_s)
            log(
                f"round {attempt + 1}: bare {bare_times[-1]:.2f} s, engine "
                f"{engine_s:.2f} s ({run.partner_count} clients, A={run.count_a} "
                f"B={run.count_b})"
            )
            cr.rollback()
        bare_s, engine_s = min(bare_times), min(engine_times)
        cr.execute(
            "SELECT DISTINCT commercial_partner_id FROM account_move "
            "WHERE commercial_partner_id IS NOT NULL ORDER BY 1"
        )
        buying = [row[0] for row in cr.fetchall()]
        sample = random.Random(42).sample(buying, min(ORM_SAMPLE, len(buying)))
        sample_s, _none = timed(lambda: orm_per_partner(env, params, sample))
        orm_s = sample_s * args.partners / len(sample)
        cr.rollback()
    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    sys.stdout.write(
        f"W1 partners={args.partners} lines={args.lines} engine_s={engine_s:.2f} "
        f"bare_s={bare_s:.2f} orm_s={orm_s:.1f} engine/bare={engine_s / bare_s:.2f} "
        f"orm/engine={orm_s / engine_s:.1f} rss_mb={rss_mb:.0f}\n"
    )


if __name__ == "__main__":
    main()
