# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Scale benchmark of the cross-sell suggestions; run it through the
``benchmarks/cross_sell`` wrapper (which finds Odoo like ``make test``).

1. On a database built by ``benchmarks/segmentation`` (posted invoice lines
   only), derives once by SQL the confirmed sales orders: one order per
   customer invoice (refunds have none), one order line per invoice line, and
   puts the 20 bench products in 10 product categories (two each), so that the
   baskets hold several categories.
2. Upgrades the addon to the code (``--no-upgrade``: not).
3. Times in one process, alternately, ``--repeat`` times each, keeping the
   fastest: (a) the bare SQL self-join aggregate of the same confirmed order
   lines (the category pairs of every order and their counts, nothing else);
   (b) the co-occurrence of the nightly pass,
   ``analytics.marketing.refresh_cross_sell_rules`` (support, confidence and
   lift of every category pair, stored); (c) what the client form reads,
   ``analytics.marketing.cross_sell``: the best suggestions of ``--clients``
   clients from the stored rules (printed per client).
4. Prints the CROSS_SELL line last.
"""

import argparse
import importlib
import os
import random
import sys
import time

import odoo
from odoo.tools import SQL, config

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import segmentation_bench as base

MODULE = base.MODULE
CATEGORIES = 10


def log(message):
    sys.stderr.write(f"[cross_sell bench] {message}\n")
    sys.stderr.flush()


def derive_orders(cr):
    """The confirmed orders of the bench invoices, in bulk SQL."""
    started = time.monotonic()
    cr.execute("SET LOCAL session_replication_role = replica")
    cr.execute(
        SQL(
            """
            WITH cats AS (
                INSERT INTO product_category (name, complete_name, parent_path,
                                              create_date, write_date)
                SELECT 'Bench category ' || g, 'Bench category ' || g, '',
                       now(), now()
                  FROM generate_series(0, %(n)s - 1) g
                RETURNING id, name)
            UPDATE product_template pt SET categ_id = cats.id
              FROM product_product pp, cats
             WHERE pp.product_tmpl_id = pt.id
               AND pt.name->>'en_US' LIKE %(pattern)s
               AND cats.name = 'Bench category '
                   || (substring(pt.name->>'en_US' FROM '[0-9]+$')::int / 2)
            """,
            n=CATEGORIES,
            pattern="Bench product %",
        )
    )
    cr.execute(
        "UPDATE product_category SET parent_path = id || '/'"
        " WHERE name LIKE 'Bench category %'"
    )
    cr.execute(
        """
        CREATE TEMPORARY TABLE bench_order ON COMMIT DROP AS
        SELECT m.id AS move_id, nextval('sale_order_id_seq') AS order_id
          FROM account_move m
         WHERE m.name LIKE 'BENCH/%' AND m.move_type = 'out_invoice'
        """
    )
    cr.execute(
        """
        INSERT INTO sale_order (id, name, partner_id, partner_invoice_id,
                                partner_shipping_id, company_id, currency_id,
                                date_order, state, picking_policy,
                                warehouse_id, create_date, write_date)
        SELECT b.order_id, 'BSO/' || b.order_id, m.partner_id, m.partner_id,
               m.partner_id, m.company_id, m.currency_id, m.invoice_date, 'sale',
               'direct', w.id, now(), now()
          FROM bench_order b JOIN account_move m ON m.id = b.move_id
          -- sale_stock (installed with purchase_stock): the company's warehouse
          JOIN LATERAL (
              SELECT id FROM stock_warehouse
               WHERE company_id = m.company_id ORDER BY id LIMIT 1
          ) w ON TRUE
        """
    )
    log(f"{cr.rowcount} orders in {time.monotonic() - started:.0f} s")
    cr.execute(
        """
        INSERT INTO sale_order_line (order_id, sequence, name, product_id,
                                     product_uom_qty, price_unit, customer_lead,
                                     company_id, currency_id, order_partner_id,
                                     state, create_date, write_date)
        SELECT b.order_id, aml.sequence, aml.name, aml.product_id, aml.quantity,
               aml.price_unit, 0, aml.company_id, aml.currency_id, aml.partner_id,
               'sale', now(), now()
          FROM bench_order b
          JOIN account_move_line aml
            ON aml.move_id = b.move_id AND aml.display_type = 'product'
        """
    )
    log(f"{cr.rowcount} order lines in {time.monotonic() - started:.0f} s")
    cr.execute("CREATE TABLE cdl_bench_orders_done (orders int)")
    cr.execute("INSERT INTO cdl_bench_orders_done SELECT count(*) FROM bench_order")


def bare_query(company_id):
    """The reference: the category pairs of the confirmed orders and their
    counts, a self-join of the distinct (order, category) rows."""
    return SQL(
        """
        WITH baskets AS (
            SELECT DISTINCT so.id AS order_id, pt.categ_id
              FROM sale_order so
              JOIN sale_order_line sol ON sol.order_id = so.id
              JOIN product_product pp ON pp.id = sol.product_id
              JOIN product_template pt ON pt.id = pp.product_tmpl_id
             WHERE so.state = 'sale' AND so.company_id = %s
               AND sol.display_type IS NULL)
        SELECT x.categ_id, y.categ_id, count(*)
          FROM baskets x
          JOIN baskets y ON y.order_id = x.order_id AND y.categ_id <> x.categ_id
         GROUP BY x.categ_id, y.categ_id
        """,
        company_id,
    )


def timed(function):
    started = time.perf_counter()
    result = function()
    return time.perf_counter() - started, result


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", required=True)
    parser.add_argument(
        "--clients",
        type=int,
        default=100,
        help="clients whose suggestions are computed",
    )
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument(
        "--no-upgrade",
        action="store_true",
        help="time the database as it is (its addon already at the code)",
    )
    args = parser.parse_args()
    config.parse_config(["-c", os.environ["ODOO_RC"], "--log-level=warn"])
    if not args.no_upgrade:
        log(f"upgrading {MODULE} in {args.db}")
        base.install(args.db, "-u")
    marketing = importlib.import_module(f"odoo.addons.{MODULE}.analytics.marketing")
    db = odoo.sql_db.db_connect(args.db)
    with db.cursor() as cr:
        cr.execute("SELECT to_regclass('cdl_bench_orders_done')")
        if not cr.fetchone()[0]:
            derive_orders(cr)
            cr.commit()
            cr._cnx.autocommit = True
            cr.execute("VACUUM ANALYZE sale_order, sale_order_line, product_template")
            cr._cnx.autocommit = False
        cr.execute("SELECT orders FROM cdl_bench_orders_done")
        orders = cr.fetchone()[0]
        cr.execute(
            "SELECT count(*) FROM sale_order_line sol"
            " JOIN sale_order so ON so.id = sol.order_id WHERE so.state = 'sale'"
        )
        lines = cr.fetchone()[0]
        cr.execute(
            "SELECT id, cdl_cross_sell_min_support FROM res_company ORDER BY id LIMIT 1"
        )
        company_id, min_support = cr.fetchone()
        cr.execute(
            "SELECT DISTINCT partner_id FROM sale_order WHERE state = 'sale'"
            " AND company_id = %s ORDER BY 1",
            [company_id],
        )
        buying = [row[0] for row in cr.fetchall()]
        clients = random.Random(42).sample(buying, min(args.clients, len(buying)))
        cr.execute("SET jit = off; SET work_mem = '64MB'")

        def bare():
            cr.execute(bare_query(company_id))
            return cr.fetchall()

        def cooc():
            return marketing.refresh_cross_sell_rules(cr, company_id)

        def suggest():
            return marketing.cross_sell(cr, company_id, clients, min_support / 100)

        bare()  # warm the cache
        bare_times, cooc_times, suggest_times = [], [], []
        for attempt in range(args.repeat):
            bare_s, pairs = timed(bare)
            cooc_s, rules = timed(cooc)
            suggest_s, suggestions = timed(suggest)
            bare_times.append(bare_s)
            cooc_times.append(cooc_s)
            suggest_times.append(suggest_s)
            log(
                f"round {attempt + 1}: bare {bare_s:.2f} s ({len(pairs)} pairs), "
                f"cooc {cooc_s:.2f} s ({rules} rules), suggestions "
                f"{suggest_s * 1000:.0f} ms ({len(suggestions)})"
            )
        bare_s, cooc_s = min(bare_times), min(cooc_times)
        suggest_ms = min(suggest_times) * 1000 / len(clients)
        cr.rollback()
    sys.stdout.write(
        f"CROSS_SELL lines={lines} orders={orders} clients={len(clients)} "
        f"suggest_ms_per_client={suggest_ms:.1f} cooc_s={cooc_s:.2f} "
        f"bare_s={bare_s:.2f} cooc/bare={cooc_s / bare_s:.2f}\n"
    )


if __name__ == "__main__":
    main()
