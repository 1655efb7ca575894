# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The append-only ledger (issue 12, "An append-only ledger"): what is no longer
collected is reversed by new entries, never deleted nor rewritten, on both
payment configurations of test_loyalty_collected; statements re-print as they
were; nobody deletes or rewrites an entry."""

from datetime import date

import psycopg2

from odoo import api
from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged
from odoo.tools import mute_logger

from ..demo import reward_reversal_demo
from ..models.loyalty_program import as_program
from .loyalty_common import LoyaltyCommon
from .test_loyalty_collected import DAY, CollectedCommon

# what a client can put in the context of a request or an import
CLIENT_CONTEXT = {"designer_reward_system": True}


class ReversalCases(CollectedCommon):
    """Reversals and re-accruals, for one payment configuration."""

    def _unreconcile(self, invoice, payment):
        """Undo what ``payment`` collected for ``invoice``: unreconcile its
        journal entry, or reset a payment without journal entry to draft."""
        if self.outstanding:
            payment.move_id.line_ids.remove_move_reconcile()
        else:
            payment.action_draft()
        self.assertIn(invoice.payment_state, ("not_paid", "partial"))

    def _reconcile(self, invoice, payment):
        """Collect ``payment`` for ``invoice`` again."""
        if self.outstanding:
            account = invoice.line_ids.filtered(
                lambda line: line.display_type == "payment_term"
            ).account_id
            (invoice.line_ids + payment.move_id.line_ids).filtered(
                lambda line: line.account_id == account and not line.reconciled
            ).reconcile()
        else:
            payment.action_post()
        self.assertIn(invoice.payment_state, ("paid", "in_payment"))

    def _reversed(self, entries):
        """For each (move, kind, amount) entry, its reversal."""
        return [(move, "reversal", -amount) for move, _kind, amount in entries]

    def test_unreconcile_then_reconcile(self):
        """Entries: accrual, reversal, accrual; net: one reward. The second
        accrual is the next generation of the line; the reversal points at
        the first."""
        invoice = self._new_invoice(100_000)
        payment = self._register(invoice)
        accrual = [(invoice, "accrual", 5_000.0)]
        self._assert_ledger(accrual, {invoice: 5_000.0})
        self._unreconcile(invoice, payment)
        self._assert_ledger(accrual + self._reversed(accrual), {invoice: 0.0})
        self._reconcile(invoice, payment)
        self._assert_ledger(
            accrual + self._reversed(accrual) + accrual, {invoice: 5_000.0}
        )
        first, reversal, second = self._rewards()
        self.assertEqual(reversal.reversed_id, first)
        self.assertEqual(first.reversal_ids, reversal)
        self.assertFalse(second.reversal_ids)
        self.assertEqual(
            [(r.generation, r.move_line_id, r.date) for r in (first, reversal)],
            [(0, second.move_line_id, DAY)] * 2,
        )
        self.assertEqual(second.generation, 1)
        # unreconciled and reconciled again: one more generation, once
        self._unreconcile(invoice, payment)
        self._reconcile(invoice, payment)
        self.assertEqual(
            self._rewards().mapped(lambda r: (r.kind, r.generation, r.amount)),
            [
                ("accrual", 0, 5_000.0),
                ("reversal", 0, -5_000.0),
                ("accrual", 1, 5_000.0),
                ("reversal", 1, -5_000.0),
                ("accrual", 2, 5_000.0),
            ],
        )
        rows = self._rows()
        self.assertEqual(self.Reward._accrue_moves(invoice.ids), 0)
        self.Reward._sync_moves(invoice)
        self.assertEqual(self._rows(), rows)

    def test_reset_to_draft_and_post_again(self):
        invoice = self._new_invoice(100_000)
        payment = self._register(invoice)
        accrual = [(invoice, "accrual", 5_000.0)]
        invoice.button_draft()
        self._assert_ledger(accrual + self._reversed(accrual), {invoice: 0.0})
        invoice.action_post()
        if self.outstanding:
            # the payment's entry was unreconciled with the reset: reconciled
            # again by hand
            self._assert_ledger(accrual + self._reversed(accrual), {invoice: 0.0})
            self._reconcile(invoice, payment)
        self._assert_ledger(
            accrual + self._reversed(accrual) + accrual, {invoice: 5_000.0}
        )

    def test_credit_note_reconciled_at_once_then_unreconciled(self):
        """A credit note reconciled by Odoo at once with the invoice's open
        receivable, then the payment of the rest: accrual and clawback. The
        payment undone reverses both; collected again, both come back."""
        invoice = self._new_invoice(100_000)
        refund = self._credit_note(invoice, 10_000)
        self.assertEqual(invoice.amount_residual, 90_000.0)
        payment = self._register(invoice)
        earned = [(invoice, "accrual", 5_000.0), (refund, "clawback", -500.0)]
        self._assert_ledger(earned, {invoice: 4_500.0})
        self._unreconcile(invoice, payment)
        self._assert_ledger(earned + self._reversed(earned), {invoice: 0.0})
        self._reconcile(invoice, payment)
        self._assert_ledger(
            earned + self._reversed(earned) + earned, {invoice: 4_500.0}
        )

    def test_statement_reprints_after_reversal(self):
        """The March statement holds the accrual: after the reversal and the
        accrual written again, it re-prints the same lines and totals; both
        land on the next statement (April), where they net to nothing."""
        invoice = self._new_invoice(100_000)
        payment = self._register(invoice)
        march = self._statement(2026, 3)
        printed = self._print(march)
        lines = march.reward_ids
        self.assertEqual((len(lines), march.amount_total), (1, 5_000.0))
        self._unreconcile(invoice, payment)
        self.assertEqual(self._print(march), printed)
        self.assertEqual(self._statement(2026, 3), march)
        self._reconcile(invoice, payment)
        self.assertEqual(self._statement(2026, 3), march)
        self.assertEqual(march.reward_ids, lines)
        self.assertEqual(march.amount_total, 5_000.0)
        self.assertEqual(self._print(march), printed)
        march.action_confirm()
        april = self._statement(2026, 4)
        self.assertEqual(
            april.reward_ids.sorted("id").mapped(lambda r: (r.kind, r.amount)),
            [("reversal", -5_000.0), ("accrual", 5_000.0)],
        )
        self.assertEqual(
            (april.amount_rewards, april.amount_clawback, april.amount_total),
            (5_000.0, -5_000.0, 0.0),
        )
        self.assertEqual(self._net(invoice), 5_000.0)

    def test_demo_reversal(self):
        """The demo unreconciles and reconciles again the invoice of the
        first accrual on a draft statement (or resets its payment without
        journal entry and confirms it again)."""
        invoice = self._new_invoice(100_000)
        self._register(invoice)
        march = self._statement(2026, 3)
        self.assertEqual(reward_reversal_demo.reversal_demo(self.env), invoice)
        accrual = [(invoice, "accrual", 5_000.0)]
        self._assert_ledger(
            accrual + self._reversed(accrual) + accrual, {invoice: 5_000.0}
        )
        self.assertEqual(march.reward_ids, self._rewards()[0])
        self.assertFalse(reward_reversal_demo.reversal_demo(self.env))

    def _print(self, statement):
        """The statement's report (HTML) and its entries, as printed."""
        html = (
            self.env["ir.actions.report"]
            ._render_qweb_html(
                "crm_designer_loyalty.designer_reward_statement_report", statement.ids
            )[0]
            .decode()
        )
        return html, statement.reward_ids.read(
            ["kind", "date", "base_amount", "rate", "amount", "points"]
        )


@tagged("post_install", "-at_install")
class TestReversalWithoutEntry(ReversalCases, LoyaltyCommon):
    """Bank journal without outstanding account: payments without journal
    entry."""

    outstanding = False


@tagged("post_install", "-at_install")
class TestReversalWithEntry(ReversalCases, LoyaltyCommon):
    """Bank journal with outstanding accounts: payments reconciled with the
    invoices."""

    outstanding = True


@tagged("post_install", "-at_install")
class TestLedgerAppendOnly(LoyaltyCommon):
    """Nobody deletes or rewrites an entry: not a Loyalty Manager through the
    API with the program's context key, not the superuser, not the program."""

    def _rpc(self, user, method, *args):
        return api.call_kw(
            self.Reward.with_user(user), method, list(args), {"context": CLIENT_CONTEXT}
        )

    def _rows(self):
        self.env.flush_all()
        self.env.cr.execute("SELECT * FROM designer_reward ORDER BY id")
        return self.env.cr.fetchall()

    def test_loyalty_manager_cannot_delete_or_write(self):
        self._paid_invoice(100_000, date(2026, 3, 10))
        reward = self._rewards()
        rows = self._rows()
        with self.assertRaises(AccessError):
            self._rpc(self.user_loyalty, "unlink", reward.ids)
        for values in ({"amount": 50_000}, {"statement_id": False}):
            with self.assertRaisesRegex(UserError, "cannot be modified"):
                self._rpc(self.user_loyalty, "write", reward.ids, values)
        self.assertEqual(self._rows(), rows)

    def test_nobody_deletes_or_rewrites_an_entry(self):
        """Not even the program as superuser: only the statement link and the
        lock change (statement buttons)."""
        self._paid_invoice(100_000, date(2026, 3, 10))
        program = as_program(self._rewards().sudo())
        rows = self._rows()
        with self.assertRaisesRegex(UserError, "are never deleted"):
            program.unlink()
        with self.assertRaisesRegex(UserError, "are never deleted"):
            self._rewards().sudo().unlink()
        for values in (
            {"amount": 1},
            {"designer_id": self.designer2.id},
            {"move_id": False},
            {"move_line_id": False},
            {"kind": "clawback"},
            {"generation": 3},
            {"state": "locked", "points": 10},
        ):
            with self.assertRaisesRegex(UserError, "cannot be modified"):
                program.write(values)
        self.assertEqual(self._rows(), rows)
        march = self._statement(2026, 3)
        march.action_confirm()
        self.assertEqual(self._rewards().state, "locked")

    def test_invoice_with_entries_cannot_be_deleted(self):
        """Reset to draft, its entries reversed: the invoice keeps them, it is
        cancelled, not deleted. Its designer can be changed (nothing live)."""
        invoice = self._paid_invoice(100_000, date(2026, 3, 10))
        invoice.button_draft()
        with self.assertRaisesRegex(UserError, "cannot be deleted. Cancel it"):
            invoice.unlink()
        invoice.designer_id = self.designer2
        invoice.button_cancel()
        self.assertEqual(
            self._rewards().mapped(lambda r: (r.kind, r.amount)),
            [("accrual", 5_000.0), ("reversal", -5_000.0)],
        )

    def test_reversal_entries_refused_without_their_entry(self):
        """The database checks the shape: a reversal reverses one entry, an
        entry is reversed once at most."""
        self._paid_invoice(100_000, date(2026, 3, 10))
        reward = self._rewards()
        self.env.flush_all()
        copy = (
            "INSERT INTO designer_reward (designer_id, move_id, move_line_id, kind,"
            " reversed_id, generation, date, amount, company_id, currency_id,"
            " state) SELECT designer_id, move_id, move_line_id, %s, %s, 9, date,"
            " -amount, company_id, currency_id, 'open' FROM designer_reward"
            " WHERE id = %s"
        )
        for kind, reversed_id in (("reversal", None), ("accrual", reward.id)):
            with (
                mute_logger("odoo.sql_db"),
                self.assertRaises(psycopg2.errors.CheckViolation) as error,
                self.env.cr.savepoint(),
            ):
                self.env.cr.execute(copy, [kind, reversed_id, reward.id])
            self.assertIn("reversal_reversed_entry", str(error.exception))
        self.env.cr.execute(copy, ["reversal", reward.id, reward.id])
        with (
            mute_logger("odoo.sql_db"),
            self.assertRaises(psycopg2.errors.UniqueViolation) as error,
            self.env.cr.savepoint(),
        ):
            self.env.cr.execute(
                copy.replace(", 9,", ", 10,"), ["reversal", reward.id, reward.id]
            )
        self.assertIn("designer_reward_reversed_uniq", str(error.exception))

    def test_catch_up_reverses_and_reaccrues_only_appending(self):
        """A missed hook (amounts due changed in SQL): the catch-up reverses
        the open entries, then, collected again, accrues them again; every
        entry written before stays as it was."""
        invoice = self._paid_invoice(100_000, date(2026, 3, 10))
        refund = self._paid_refund(invoice, 40_000, date(2026, 3, 12))
        self.env.flush_all()
        self.env.cr.execute(
            "SELECT amount_residual_signed FROM account_move WHERE id = %s",
            [invoice.id],
        )
        residual = self.env.cr.fetchone()[0]

        def set_residual(value):
            self.env.cr.execute(
                "UPDATE account_move SET amount_residual_signed = %s WHERE id = %s",
                [value, invoice.id],
            )
            self.env.invalidate_all()

        for residual_now, kinds in (
            (invoice.amount_total_signed, ["reversal", "reversal"]),
            (residual, ["accrual", "clawback"]),
        ):
            rows = self._rows()
            set_residual(residual_now)
            self.Reward._cron_accrue()
            new = self._rows()
            self.assertEqual(new[: len(rows)], rows)
            self.assertEqual(
                self._rewards()[len(rows) :].mapped("kind"), kinds, residual_now
            )
            # again: nothing more (the credit note without live entry waits
            # for its invoice)
            self.Reward._cron_accrue()
            self.assertEqual(self._rows(), new)
        self.assertEqual(
            self._rewards().mapped(lambda r: (r.move_id, r.kind, r.amount)),
            [
                (invoice, "accrual", 5_000.0),
                (refund, "clawback", -2_000.0),
                (invoice, "reversal", -5_000.0),
                (refund, "reversal", 2_000.0),
                (invoice, "accrual", 5_000.0),
                (refund, "clawback", -2_000.0),
            ],
        )
