# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import logging
import threading

import psycopg2

from odoo import SUPERUSER_ID, Command, api
from odoo.tests import TransactionCase, tagged

from ..analytics import loyalty


@tagged("post_install", "-at_install")
class TestLoyaltyConcurrency(TransactionCase):
    """Two workers accrue the same paid invoice, or two credit notes of one
    invoice, or reverse the same invoice no longer paid, at the same time, each
    in its own real cursor: exactly one ledger entry per line (or reversal)
    results, and the clawbacks stay capped. The data is committed by a separate
    cursor (the test cursor is invisible to others) and removed after (in SQL:
    no method deletes ledger entries)."""

    def _env(self, cr):
        company = api.Environment(cr, SUPERUSER_ID, {}).ref("base.main_company")
        return api.Environment(
            cr,
            SUPERUSER_ID,
            {"allowed_company_ids": company.ids, "tracking_disable": 1},
        )

    def _line(self, product, amount):
        return Command.create(
            {
                "product_id": product.id,
                "name": "Race sofa",
                "quantity": 1,
                "price_unit": amount,
                "tax_ids": [Command.clear()],
            }
        )

    def _pay(self, move):
        return (
            move.env["account.payment.register"]
            .with_context(active_model="account.move", active_ids=move.ids)
            .create({"payment_date": "2026-03-10"})
            ._create_payments()
        )

    def _setup_paid_invoice(self, refund_amounts=(), accrued=False):
        """An invoice of 20 000 and credit notes of it of the given amounts,
        settled; the entries of the credit notes (or else of the invoice) are
        removed, to race again, unless ``accrued``."""
        with self.registry.cursor() as cr:
            env = self._env(cr)
            designer = env["res.partner"].create(
                {"name": "Race Designer", "is_designer": True}
            )
            client = env["res.partner"].create({"name": "Race Client"})
            # clawbacks are capped per product of the invoice
            product = env["product.product"].create({"name": "Race sofa"})
            values = {
                "partner_id": client.id,
                "designer_id": designer.id,
                "invoice_date": "2026-03-10",
            }
            invoice = env["account.move"].create(
                {
                    **values,
                    "move_type": "out_invoice",
                    "invoice_line_ids": [self._line(product, 20_000)],
                }
            )
            invoice.action_post()
            refunds = env["account.move"].create(
                [
                    {
                        **values,
                        "move_type": "out_refund",
                        "reversed_entry_id": invoice.id,
                        "invoice_line_ids": [self._line(product, amount)],
                    }
                    for amount in refund_amounts
                ]
            )
            # credit notes are reconciled with the invoice first
            refunds.action_post()
            moves = invoice + refunds
            payments = env["account.payment"]
            for move in moves.filtered("amount_residual"):
                payments += self._pay(move)
            if not accrued:
                # the reconciliation hook accrued already: drop it to race again
                cr.execute(
                    "DELETE FROM designer_reward WHERE move_id = ANY(%s)",
                    [refunds.ids or invoice.ids],
                )
            ids = (designer.id, client.id, product.id, moves.ids, payments.ids)
        self.addCleanup(self._cleanup, *ids)
        return moves.ids

    def _cleanup(self, designer_id, client_id, product_id, move_ids, payment_ids):
        with self.registry.cursor() as cr:
            env = self._env(cr)
            cr.execute(
                "DELETE FROM account_payment_register WHERE partner_id = %s",
                [client_id],
            )
            payments = env["account.payment"].browse(payment_ids)
            payments.action_draft()
            payments.unlink()
            moves = env["account.move"].browse(move_ids)
            moves.button_draft()
            # the resets wrote reversals: the ledger goes in SQL
            env.flush_all()
            cr.execute(
                "DELETE FROM designer_reward WHERE designer_id = %s", [designer_id]
            )
            moves.with_context(force_delete=True).unlink()
            env["product.product"].browse(product_id).unlink()
            env["res.partner"].browse([designer_id, client_id]).unlink()

    def _count(self, invoice_id):
        with self.registry.cursor() as cr:
            cr.execute(
                "SELECT COUNT(*), SUM(amount) FROM designer_reward WHERE move_id = %s",
                [invoice_id],
            )
            return cr.fetchone()

    def _set_collected(self, invoice_id, collected):
        """Whether the invoice is collected, as a missed hook leaves it (the
        amount due changed in SQL, committed)."""
        with self.registry.cursor() as cr:
            cr.execute(
                "UPDATE account_move SET amount_residual_signed = "
                "CASE WHEN %s THEN 0 ELSE amount_total_signed END WHERE id = %s",
                [collected, invoice_id],
            )

    def _race(self, ids_a, ids_b, write=None):
        """Worker A writes the entries of ``ids_a`` (``write(rewards, ids)``,
        an accrual by default), worker B those of ``ids_b`` while A's
        transaction is open: B must wait for A. Odoo cursors are REPEATABLE
        READ: once A commits, B fails to serialize (Odoo retries the request /
        the cron batch); the retry sees A's entries. Returns the number of
        entries written by A and by B's retry."""
        write = write or (lambda rewards, ids: rewards._accrue_moves(ids))
        result = {}
        cr_a = self.registry.cursor()
        cr_b = self.registry.cursor()
        try:
            result["a"] = write(self._env(cr_a)["designer.reward"], ids_a)
            # B's environment is made here: making the first environment of a
            # cursor looks the registry up under ``Registry._lock``, which
            # Odoo's test runner holds in the main thread for the whole run
            rewards = self._env(cr_b)["designer.reward"]

            def worker_b():
                try:
                    result["b"] = write(rewards, ids_b)
                except psycopg2.errors.SerializationFailure as error:
                    result["b"] = error
                    cr_b.rollback()
                    result["b_retry"] = write(rewards, ids_b)
                cr_b.commit()

            thread = threading.Thread(target=worker_b)
            # the expected failure is logged at INFO by the addon's SQL layer
            # (loyalty, loyalty_reversal), not as a "bad query" ERROR by
            # Odoo's cursor
            with (
                self.assertNoLogs("odoo.sql_db", "ERROR"),
                self.assertLogs(loyalty.__package__, logging.INFO) as logs,
            ):
                thread.start()
                thread.join(1.0)
                self.assertTrue(thread.is_alive(), "B waits for A")
                cr_a.commit()
                thread.join(30)
                self.assertFalse(thread.is_alive())
            self.assertIn("by another transaction at the same time", logs.output[0])
        finally:
            cr_a.close()
            cr_b.close()
        self.assertIsInstance(result["b"], psycopg2.errors.SerializationFailure)
        return result["a"], result["b_retry"]

    def test_two_workers_accrue_once(self):
        """B waits on the unique key held by A's uncommitted entry."""
        invoice_id = self._setup_paid_invoice()[0]
        self.assertEqual(self._count(invoice_id), (0, None))
        self.assertEqual(self._race([invoice_id], [invoice_id]), (1, 0))
        self.assertEqual(self._count(invoice_id), (1, 1_000.0))

    def test_two_workers_cap_clawbacks_of_one_invoice(self):
        """Two credit notes of 60 % of the invoice written at the same time: B
        waits on the accrual A caps against, and its retry takes what is left."""
        invoice_id, refund_a, refund_b = self._setup_paid_invoice((12_000, 12_000))
        self.assertEqual(self._count(refund_a), (0, None))
        self.assertEqual(self._race([refund_a], [refund_b]), (1, 1))
        self.assertEqual(self._count(refund_a), (1, -600.0))
        self.assertEqual(self._count(refund_b), (1, -400.0))
        self.assertEqual(self._count(invoice_id), (1, 1_000.0))

    def test_two_workers_reverse_once_and_accrue_again_once(self):
        """The invoice is no longer collected: two workers reverse its accrual
        (the hook and the catch-up), B waits on the reversal A wrote (unique
        index on the reversed entry) and its retry writes nothing. Collected
        again: two workers accrue it again, once (the next generation)."""
        invoice_id = self._setup_paid_invoice(accrued=True)[0]
        self.assertEqual(self._count(invoice_id), (1, 1_000.0))
        self._set_collected(invoice_id, False)

        def reverse(rewards, ids):
            return rewards._reverse_moves(rewards.env["account.move"].browse(ids))

        self.assertEqual(self._race([invoice_id], [invoice_id], reverse), (1, 0))
        self.assertEqual(self._count(invoice_id), (2, 0.0))
        self._set_collected(invoice_id, True)
        self.assertEqual(self._race([invoice_id], [invoice_id]), (1, 0))
        self.assertEqual(self._count(invoice_id), (3, 1_000.0))
        with self.registry.cursor() as cr:
            cr.execute(
                "SELECT kind, generation, amount, reversed_id IS NOT NULL "
                "FROM designer_reward WHERE move_id = %s ORDER BY id",
                [invoice_id],
            )
            self.assertEqual(
                cr.fetchall(),
                [
                    ("accrual", 0, 1_000.0, False),
                    ("reversal", 0, -1_000.0, True),
                    ("accrual", 1, 1_000.0, False),
                ],
            )
