# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Scale benchmark of sales planning; run it through the
``benchmarks/planning`` wrapper (which finds Odoo like ``make test``).

1. Builds once, and caches, a database with the invoice lines of the
   segmentation benchmark (P partners, L lines over 24 months, written in SQL
   by ``segmentation_bench.generate``), then gives them what planning reads:
   10 salespeople and 5 teams on the invoices, 10 product categories, a
   receivable line per invoice (due 30 days after it) and, for 80 % of the
   invoices older than 60 days, a payment 5 to 65 days after the invoice,
   reconciled with it (a payment entry and a partial reconciliation).
2. Times in one process, alternately, ``--repeat`` times each, keeping the
   fastest: (a) the plan-fact of a yearly plan of 1 000 lines (100
   salesperson x category, 50 team x category, 850 client lines;
   ``analytics.planning.plan_fact_update``, rolled back) against the bare
   aggregate of the same invoice lines on the same dimensions (salesperson,
   team, category, client); (b) the client finance block of every client
   (``analytics.client_finance.finance``) against the bare per-client
   aggregate of their receivable lines (open and overdue residual).
3. Prints the PLANNING line last.
"""

import argparse
import importlib
import os
import sys
from datetime import date

from dateutil.relativedelta import relativedelta

import odoo
from odoo import SUPERUSER_ID, Command, api
from odoo.tools import SQL, config

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import segmentation_bench as base

USERS = 10
TEAMS = 5
CATEGORIES = 10
CLIENT_LINES = 850


def log(message):
    sys.stderr.write(f"[planning bench] {message}\n")
    sys.stderr.flush()


def add_planning(registry):
    """Salespeople, teams and categories on the bench invoices, their
    receivable lines and payments."""
    with registry.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {})
        company = env.company
        users = env["res.users"].create(
            [
                {"name": f"Bench salesperson {i}", "login": f"bench_sales_{i}"}
                for i in range(USERS)
            ]
        )
        teams = env["crm.team"].create(
            [{"name": f"Bench team {i}"} for i in range(TEAMS)]
        )
        categories = env["product.category"].create(
            [{"name": f"Bench category {i}"} for i in range(CATEGORIES)]
        )
        products = env["product.product"].search([("name", "like", "Bench product")])
        for index, product in enumerate(products):
            product.categ_id = categories[index % CATEGORIES]
        receivable = env["account.account"].search(
            [
                ("account_type", "=", "asset_receivable"),
                ("company_ids", "in", company.id),
            ],
            limit=1,
        )
        env.flush_all()
        cr.execute("SET LOCAL session_replication_role = replica")
        cr.execute("SELECT setseed(0.14)")
        cr.execute(
            SQL(
                """
                UPDATE account_move
                   SET invoice_user_id = (%(users)s::int[])[1 + mod(id, %(n_users)s)],
                       team_id = (%(teams)s::int[])[1 + mod(id, %(n_teams)s)],
                       invoice_date_due = invoice_date + 30
                 WHERE name LIKE %(bench)s
                """,
                bench="BENCH/%",
                users=users.ids,
                n_users=USERS,
                teams=teams.ids,
                n_teams=TEAMS,
            )
        )
        log(f"{cr.rowcount} invoices given salespeople and teams")
        # one receivable line per invoice, open
        cr.execute(
            SQL(
                """
                INSERT INTO account_move_line (
                    move_id, move_name, journal_id, company_id, company_currency_id,
                    currency_id, account_id, partner_id, date, invoice_date,
                    date_maturity, parent_state, display_type, name, sequence,
                    balance, debit, credit, amount_currency, amount_residual,
                    amount_residual_currency, reconciled, create_date, write_date)
                SELECT m.id, m.name, m.journal_id, m.company_id, m.currency_id,
                       m.currency_id, %(receivable)s, m.partner_id, m.date,
                       m.invoice_date, m.invoice_date + 30, 'posted',
                       'payment_term', 'BENCH/receivable', 100, t.total,
                       GREATEST(t.total, 0), GREATEST(-t.total, 0), t.total,
                       t.total, t.total, FALSE, now(), now()
                  FROM account_move m
                  JOIN (SELECT move_id, -SUM(balance) AS total
                          FROM account_move_line
                         WHERE display_type = 'product' GROUP BY 1) t
                    ON t.move_id = m.id
                 WHERE m.name LIKE %(bench)s
                """,
                bench="BENCH/%",
                receivable=receivable.id,
            )
        )
        log(f"{cr.rowcount} receivable lines")
        cr.execute(
            """
            UPDATE account_move m
               SET amount_total_signed = l.balance,
                   amount_untaxed_signed = l.balance,
                   amount_residual_signed = l.balance,
                   amount_total = abs(l.balance),
                   amount_untaxed = abs(l.balance),
                   amount_residual = abs(l.balance),
                   payment_state = 'not_paid'
              FROM account_move_line l
             WHERE l.move_id = m.id AND l.display_type = 'payment_term'
               AND m.name LIKE 'BENCH/%'
            """
        )
        # payments of 80 % of the invoices older than 60 days
        cr.execute(
            SQL(
                """
                CREATE TEMP TABLE bench_paid AS
                SELECT l.id AS line_id, l.move_id, l.partner_id, l.balance AS amount,
                       m.invoice_date + 5 + floor(random() * 60)::int AS paid_date
                  FROM account_move_line l
                  JOIN account_move m ON m.id = l.move_id
                 WHERE m.name LIKE %(bench)s AND m.move_type = 'out_invoice'
                   AND l.display_type = 'payment_term'
                   AND m.invoice_date < %(old)s AND random() < 0.8
                """,
                bench="BENCH/%",
                old=date.today() - relativedelta(days=60),
            )
        )
        cr.execute(
            SQL(
                """
                INSERT INTO account_move (name, journal_id, company_id, currency_id,
                                          date, state, move_type, auto_post,
                                          partner_id, commercial_partner_id,
                                          create_date, write_date)
                SELECT 'BENCHPAY/' || p.line_id, %(journal)s, %(company)s,
                       %(currency)s, p.paid_date, 'posted', 'entry', 'no',
                       p.partner_id, p.partner_id, now(), now()
                  FROM bench_paid p
                """,
                journal=env["account.journal"]
                .search(
                    [("type", "=", "bank"), ("company_id", "=", company.id)], limit=1
                )
                .id,
                company=company.id,
                currency=company.currency_id.id,
            )
        )
        log(f"{cr.rowcount} payments")
        cr.execute(
            SQL(
                """
                INSERT INTO account_move_line (
                    move_id, move_name, journal_id, company_id, company_currency_id,
                    currency_id, account_id, partner_id, date, parent_state,
                    display_type, name, balance, debit, credit, amount_currency,
                    amount_residual, amount_residual_currency, reconciled,
                    create_date, write_date)
                SELECT m.id, m.name, m.journal_id, m.company_id, m.currency_id,
                       m.currency_id, %(receivable)s, m.partner_id, m.date,
                       'posted', 'product', 'BENCH/payment', -p.amount, 0,
                       p.amount, -p.amount, 0, 0, TRUE, now(), now()
                  FROM bench_paid p
                  JOIN account_move m ON m.name = 'BENCHPAY/' || p.line_id
                """,
                receivable=receivable.id,
            )
        )
        cr.execute(
            SQL(
                """
                INSERT INTO account_partial_reconcile (
                    debit_move_id, credit_move_id, amount, debit_amount_currency,
                    credit_amount_currency, debit_currency_id, credit_currency_id,
                    company_id, max_date, create_date, write_date)
                SELECT p.line_id, pl.id, p.amount, p.amount, p.amount,
                       %(currency)s, %(currency)s, %(company)s, p.paid_date,
                       now(), now()
                  FROM bench_paid p
                  JOIN account_move_line pl
                    ON pl.move_name = 'BENCHPAY/' || p.line_id
                """,
                company=company.id,
                currency=company.currency_id.id,
            )
        )
        log(f"{cr.rowcount} reconciliations")
        cr.execute(
            """
            UPDATE account_move_line l
               SET amount_residual = 0, amount_residual_currency = 0,
                   reconciled = TRUE
              FROM bench_paid p WHERE l.id = p.line_id
            """
        )
        cr.execute(
            """
            UPDATE account_move m
               SET amount_residual_signed = 0, amount_residual = 0,
                   payment_state = 'paid'
              FROM bench_paid p WHERE m.id = p.move_id
            """
        )
        cr.execute("CREATE TABLE cdl_plan_bench_done (d int)")
        cr.execute("INSERT INTO cdl_plan_bench_done VALUES (1)")
        cr.commit()
    with registry.cursor() as cr:
        cr._cnx.autocommit = True
        cr.execute("VACUUM ANALYZE")


def create_plan(env, date_from):
    """A yearly plan of 1 000 lines on the bench salespeople, teams,
    categories and the biggest clients."""
    users = env["res.users"].search([("login", "like", "bench_sales_")])
    teams = env["crm.team"].search([("name", "like", "Bench team")])
    categories = env["product.category"].search([("name", "like", "Bench category")])
    env.cr.execute(
        SQL(
            """
            SELECT commercial_partner_id FROM account_move
             WHERE name LIKE %s AND invoice_date >= %s
             GROUP BY 1 ORDER BY SUM(amount_total_signed) DESC, 1 LIMIT %s
            """,
            "BENCH/%",
            date_from,
            CLIENT_LINES,
        )
    )
    clients = [row[0] for row in env.cr.fetchall()]
    lines = [
        {"user_id": user.id, "categ_id": categ.id, "target_revenue": 100_000}
        for user in users
        for categ in categories
    ]
    lines += [
        {"team_id": team.id, "categ_id": categ.id, "target_revenue": 200_000}
        for team in teams
        for categ in categories
    ]
    lines += [{"partner_id": client, "target_revenue": 10_000} for client in clients]
    return env["crm.sales.plan"].create(
        {
            "name": "Bench plan",
            "period_type": "year",
            "date_from": date_from,
            "line_ids": [Command.create(values) for values in lines],
        }
    )


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--partners", type=int, default=100_000)
    parser.add_argument("--lines", type=int, default=5_000_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument(
        "--db",
        help="the database (default cdl_plan_bench_p<P>_l<L>); one holding the "
        "segmentation benchmark's data gets the planning data once",
    )
    parser.add_argument(
        "--no-upgrade",
        action="store_true",
        help="time the database as it is (its addon already at the code)",
    )
    args = parser.parse_args()
    config.parse_config(["-c", os.environ["ODOO_RC"], "--log-level=warn"])
    db = args.db or f"cdl_plan_bench_p{args.partners}_l{args.lines}"
    if not base.psql_value(db, "SELECT p FROM cdl_bench_done"):
        base.build_database(db, args.partners, args.lines)
    elif not args.no_upgrade:
        log(f"reusing database {db}, upgrading {base.MODULE}")
        base.install(db, "-u")
    if not base.psql_value(db, "SELECT d FROM cdl_plan_bench_done"):
        add_planning(odoo.modules.registry.Registry(db))
    registry = odoo.modules.registry.Registry(db)
    planning = importlib.import_module(f"odoo.addons.{base.MODULE}.analytics.planning")
    client_finance = importlib.import_module(
        f"odoo.addons.{base.MODULE}.analytics.client_finance"
    )
    segmentation = importlib.import_module(
        f"odoo.addons.{base.MODULE}.analytics.segmentation"
    )
    today = date.today()
    # the year of the last full month
    year = (today.replace(day=1) - relativedelta(days=1)).year
    with registry.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {})
        company = env.company
        plan = create_plan(env, date(year, 1, 1))
        plan_lines = len(plan.line_ids)
        env.flush_all()
        params = planning.make_params(plan)
        cr.execute("SELECT id FROM res_partner WHERE name LIKE 'Bench client %'")
        partner_ids = [row[0] for row in cr.fetchall()]
        cr.execute(
            "SELECT id FROM account_account WHERE account_type = 'asset_receivable'"
        )
        receivable_ids = [row[0] for row in cr.fetchall()]

        def bare_plan():
            cr.execute(
                SQL(
                    """
                    SELECT am.invoice_user_id, am.team_id, pt.categ_id,
                           am.commercial_partner_id, SUM(-aml.balance)
                      FROM account_move_line aml
                      JOIN account_move am ON am.id = aml.move_id
                      LEFT JOIN product_product pp ON pp.id = aml.product_id
                      LEFT JOIN product_template pt ON pt.id = pp.product_tmpl_id
                     WHERE am.company_id = %s AND am.state = 'posted'
                       AND am.move_type IN ('out_invoice', 'out_refund')
                       AND aml.display_type = 'product'
                       AND am.invoice_date BETWEEN %s AND %s
                     GROUP BY 1, 2, 3, 4
                    """,
                    company.id,
                    params["date_from"],
                    params["date_to"],
                )
            )
            return len(cr.fetchall())

        def plan_fact():
            planning.plan_fact_update(cr, params, 90, 120)
            return cr.rowcount

        def bare_finance():
            cr.execute(
                SQL(
                    """
                    SELECT aml.partner_id, SUM(aml.amount_residual),
                           SUM(aml.amount_residual)
                               FILTER (WHERE aml.date_maturity < %s)
                      FROM account_move_line aml
                     WHERE aml.company_id = %s AND aml.parent_state = 'posted'
                       AND aml.account_id = ANY(%s)
                       AND aml.partner_id = ANY(%s)
                     GROUP BY 1
                    """,
                    today,
                    company.id,
                    receivable_ids,
                    partner_ids,
                )
            )
            return len(cr.fetchall())

        def finance():
            return len(client_finance.finance(cr, company.id, partner_ids, today))

        segmentation.tune(cr)
        bare_plan()  # warm the cache
        bare_finance()
        times = {name: [] for name in ("bare_p", "planfact", "bare_f", "finance")}
        for attempt in range(args.repeat):
            segmentation.tune(cr)
            for name, function in (
                ("bare_p", bare_plan),
                ("planfact", plan_fact),
                ("bare_f", bare_finance),
                ("finance", finance),
            ):
                seconds, result = base.timed(function)
                times[name].append(seconds)
                log(f"round {attempt + 1}: {name} {seconds:.2f} s ({result} rows)")
        best = {name: min(values) for name, values in times.items()}
        cr.rollback()
    sys.stdout.write(
        f"PLANNING lines={args.lines} plan_lines={plan_lines} "
        f"clients={len(partner_ids)} planfact_s={best['planfact']:.2f} "
        f"bare_plan_s={best['bare_p']:.2f} finance_s={best['finance']:.2f} "
        f"bare_finance_s={best['bare_f']:.2f} "
        f"planfact/bare={best['planfact'] / best['bare_p']:.2f} "
        f"finance/bare={best['finance'] / best['bare_f']:.2f}\n"
    )


if __name__ == "__main__":
    main()
