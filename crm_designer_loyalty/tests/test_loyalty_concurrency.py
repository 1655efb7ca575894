# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import threading

import psycopg2

from odoo import SUPERUSER_ID, Command, api
from odoo.tests import TransactionCase, tagged


@tagged("post_install", "-at_install")
class TestLoyaltyConcurrency(TransactionCase):
    """Two workers accrue the same paid invoice at the same time, each in its own
    real cursor: exactly one ledger entry results. The data is committed by a
    separate cursor (the test cursor is invisible to others) and removed after."""

    def _env(self, cr):
        company = api.Environment(cr, SUPERUSER_ID, {}).ref("base.main_company")
        return api.Environment(
            cr,
            SUPERUSER_ID,
            {"allowed_company_ids": company.ids, "tracking_disable": 1},
        )

    def _setup_paid_invoice(self):
        with self.registry.cursor() as cr:
            env = self._env(cr)
            designer = env["res.partner"].create(
                {"name": "Race Designer", "is_designer": True}
            )
            client = env["res.partner"].create({"name": "Race Client"})
            invoice = env["account.move"].create(
                {
                    "move_type": "out_invoice",
                    "partner_id": client.id,
                    "designer_id": designer.id,
                    "invoice_date": "2026-03-10",
                    "invoice_line_ids": [
                        Command.create(
                            {
                                "name": "Race sofa",
                                "quantity": 1,
                                "price_unit": 20_000,
                                "tax_ids": [Command.clear()],
                            }
                        )
                    ],
                }
            )
            invoice.action_post()
            payments = (
                env["account.payment.register"]
                .with_context(active_model="account.move", active_ids=invoice.ids)
                .create({"payment_date": "2026-03-10"})
                ._create_payments()
            )
            # the reconciliation hook accrued already: drop it to race again
            cr.execute("DELETE FROM designer_reward WHERE move_id = %s", [invoice.id])
            ids = (designer.id, client.id, invoice.id, payments.ids)
        self.addCleanup(self._cleanup, *ids)
        return invoice.id

    def _cleanup(self, designer_id, client_id, invoice_id, payment_ids):
        with self.registry.cursor() as cr:
            env = self._env(cr)
            cr.execute(
                "DELETE FROM designer_reward WHERE designer_id = %s", [designer_id]
            )
            cr.execute(
                "DELETE FROM account_payment_register WHERE partner_id = %s",
                [client_id],
            )
            payments = env["account.payment"].browse(payment_ids)
            payments.action_draft()
            payments.unlink()
            invoice = env["account.move"].browse(invoice_id)
            invoice.button_draft()
            invoice.with_context(force_delete=True).unlink()
            env["res.partner"].browse([designer_id, client_id]).unlink()

    def _count(self, invoice_id):
        with self.registry.cursor() as cr:
            cr.execute(
                "SELECT COUNT(*), SUM(amount) FROM designer_reward WHERE move_id = %s",
                [invoice_id],
            )
            return cr.fetchone()

    def test_two_workers_accrue_once(self):
        invoice_id = self._setup_paid_invoice()
        self.assertEqual(self._count(invoice_id), (0, None))
        result = {}
        cr_a = self.registry.cursor()
        cr_b = self.registry.cursor()
        try:
            result["a"] = self._env(cr_a)["designer.reward"]._accrue_moves([invoice_id])

            def worker_b():
                # Odoo cursors are REPEATABLE READ: once A commits, B's insert
                # fails to serialize (Odoo retries the request / the cron batch);
                # the retry sees A's entry and inserts nothing.
                rewards = self._env(cr_b)["designer.reward"]
                try:
                    result["b"] = rewards._accrue_moves([invoice_id])
                except psycopg2.errors.SerializationFailure as error:
                    result["b"] = error
                    cr_b.rollback()
                    result["b_retry"] = rewards._accrue_moves([invoice_id])
                cr_b.commit()

            thread = threading.Thread(target=worker_b)
            thread.start()
            thread.join(1.0)
            # B waits on the unique key held by A's uncommitted entry
            self.assertTrue(thread.is_alive())
            cr_a.commit()
            thread.join(30)
            self.assertFalse(thread.is_alive())
        finally:
            cr_a.close()
            cr_b.close()
        self.assertEqual(result["a"], 1)
        self.assertIsInstance(result["b"], psycopg2.errors.SerializationFailure)
        self.assertEqual(result["b_retry"], 0)
        self.assertEqual(self._count(invoice_id), (1, 1_000.0))
