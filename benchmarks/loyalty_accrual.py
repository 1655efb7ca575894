"""Designer reward accrual at scale: one set-based INSERT ... ON CONFLICT per batch.

Usage: python3 benchmarks/loyalty_accrual.py -c .build/odoo.conf -d DB [-n 400]
       [-l 5] [-r 3] [--no-analyze]
Creates N posted invoices of L lines (one product) for one designer (rolled back
at the end), marks them paid (nothing left to collect), then times the first
accrual and an idempotent re-run, and prints their ratio. Then the reversal
path, on the first half of the invoices and on all of them (best of R runs
each, rolled back): they are no longer paid (unreconciled), the hook's
``_sync_moves`` writes a reversal per entry; paid again, it writes the next
accruals; the ratio all / half shows how it grows with the lines. Then two credit
notes of 60 % of each invoice: times their capped clawbacks, written in one call
(best of R runs, each rolled back but the last). ``-n 1 -l 2000`` times one
large invoice: all the lines of its credit notes cap against the same product.

The data is never committed, so autovacuum does not see it: the tables are
analyzed in the transaction after each load (as autovacuum would have done),
else the planner takes them for empty (nested loops over every row, quadratic in
the setup as in the timed queries). ``--no-analyze`` skips that.
"""

import argparse
import time

import odoo
from odoo import SUPERUSER_ID, Command, api


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("-c", "--config", required=True)
    parser.add_argument("-d", "--database", required=True)
    parser.add_argument("-n", "--invoices", type=int, default=400)
    parser.add_argument("-l", "--lines", type=int, default=5)
    parser.add_argument("-r", "--repeat", type=int, default=3)
    parser.add_argument("--no-analyze", action="store_true")
    args = parser.parse_args()

    def analyze(cr):
        if not args.no_analyze:
            cr.execute(
                "ANALYZE account_move, account_move_line, "
                "account_partial_reconcile, designer_reward"
            )

    def mark_paid(cr, moves):
        # nothing left to collect (what the ledger reads, see
        # analytics.collected.settled), shown paid
        cr.execute(
            "UPDATE account_move SET payment_state = 'paid', amount_residual = 0, "
            "amount_residual_signed = 0 WHERE id = ANY(%s)",
            [moves.ids],
        )

    def mark_unpaid(cr, moves):
        # unreconciled: everything left to collect
        cr.execute(
            "UPDATE account_move SET payment_state = 'not_paid', "
            "amount_residual = amount_total, "
            "amount_residual_signed = amount_total_signed WHERE id = ANY(%s)",
            [moves.ids],
        )

    def reversal_path(env, moves):
        """Best of ``args.repeat`` runs: the reversal of ``moves`` no longer
        paid, then their accrual again once paid again; each run rolled back.
        Returns the entries written and the times of the best run."""
        cr, Reward = env.cr, env["designer.reward"]
        runs = []
        for _run in range(args.repeat):
            cr.execute("SAVEPOINT reversal")
            mark_unpaid(cr, moves)
            start = time.perf_counter()
            Reward._sync_moves(moves)
            reversal = time.perf_counter() - start
            mark_paid(cr, moves)
            start = time.perf_counter()
            Reward._sync_moves(moves)
            again = time.perf_counter() - start
            cr.execute(
                "SELECT COUNT(*) FILTER (WHERE kind = 'reversal'), "
                "COUNT(*) FILTER (WHERE generation = 1 AND kind = 'accrual') "
                "FROM designer_reward WHERE move_id = ANY(%s)",
                [moves.ids],
            )
            runs.append((reversal + again, reversal, again, cr.fetchone()))
            cr.execute("ROLLBACK TO SAVEPOINT reversal")
            env.invalidate_all()
        return min(runs)

    odoo.tools.config.parse_config(["-c", args.config])
    registry = odoo.modules.registry.Registry(args.database)
    with registry.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {"tracking_disable": True})
        Partner = env["res.partner"]
        designer = Partner.create({"name": "Bench designer", "is_designer": True})
        client = Partner.create({"name": "Bench client"})
        product = env["product.product"].create({"name": "Bench product"})
        moves = env["account.move"].create(
            [
                {
                    "move_type": "out_invoice",
                    "partner_id": client.id,
                    "designer_id": designer.id,
                    "invoice_date": "2026-03-10",
                    "invoice_line_ids": [
                        Command.create(
                            {
                                "product_id": product.id,
                                "quantity": 1,
                                "price_unit": 1000 + line,
                                "tax_ids": [Command.clear()],
                            }
                        )
                        for line in range(args.lines)
                    ],
                }
                for _invoice in range(args.invoices)
            ]
        )
        moves.action_post()
        env.flush_all()
        mark_paid(cr, moves)
        analyze(cr)
        Reward = env["designer.reward"]
        start = time.perf_counter()
        created = Reward._accrue_moves(moves.ids)
        first = time.perf_counter() - start
        start = time.perf_counter()
        again = Reward._accrue_moves(moves.ids)
        rerun = time.perf_counter() - start
        print(
            f"accrual: {created} entries for {len(moves)} invoices in "
            f"{first * 1000:.0f} ms ({created / first:.0f} lines/s); "
            f"re-run: {again} entries in {rerun * 1000:.0f} ms "
            f"(ratio re-run/first {rerun / first:.2f})"
        )
        # the ledger holds the accruals now: statistics for the reversal path
        analyze(cr)
        half, full = (
            reversal_path(env, subset) for subset in (moves[: len(moves) // 2], moves)
        )
        for subset, (_total, reversal, again, (reversals, accruals)) in (
            (len(moves) // 2, half),
            (len(moves), full),
        ):
            print(
                f"reversal path, {subset} invoices: {reversals} reversals in "
                f"{reversal * 1000:.0f} ms, {accruals} accruals again in "
                f"{again * 1000:.0f} ms (best of {args.repeat})"
            )
        print(
            f"reversal path all / half: reversals {full[1] / half[1]:.2f}, "
            f"accruals again {full[2] / half[2]:.2f} (2.00: linear)"
        )
        refunds = env["account.move"].create(
            [
                {
                    "move_type": "out_refund",
                    "partner_id": client.id,
                    "designer_id": designer.id,
                    "invoice_date": "2026-03-20",
                    "reversed_entry_id": invoice.id,
                    "invoice_line_ids": [
                        Command.create(
                            {
                                "product_id": product.id,
                                "quantity": 1,
                                "price_unit": 600,
                                "tax_ids": [Command.clear()],
                            }
                        )
                        for _line in range(args.lines)
                    ],
                }
                for invoice in moves
                for _refund in range(2)
            ]
        )
        analyze(cr)
        # posting reconciles them with their invoices, whose hook claws back
        # already: drop that to time one call
        refunds.action_post()
        env.flush_all()
        cr.execute("DELETE FROM designer_reward WHERE move_id = ANY(%s)", [refunds.ids])
        mark_paid(cr, refunds)
        analyze(cr)
        timings = []
        for run in range(args.repeat):
            cr.execute("SAVEPOINT clawback")
            start = time.perf_counter()
            clawed = Reward._accrue_moves(refunds.ids)
            timings.append(time.perf_counter() - start)
            if run < args.repeat - 1:
                cr.execute("ROLLBACK TO SAVEPOINT clawback")
                env.invalidate_all()
        elapsed = min(timings)
        cr.execute(
            "SELECT SUM(amount) FROM designer_reward WHERE designer_id = %s",
            [designer.id],
        )
        print(
            f"capped clawbacks: {clawed} entries for {len(refunds)} credit notes "
            f"in {elapsed * 1000:.0f} ms ({clawed / elapsed:.0f} lines/s, best of "
            f"{' / '.join(f'{t * 1000:.0f}' for t in timings)} ms); "
            f"designer balance {cr.fetchone()[0]}"
        )
        cr.rollback()


if __name__ == "__main__":
    main()
