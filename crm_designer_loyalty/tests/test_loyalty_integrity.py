# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date

from odoo.exceptions import AccessError, UserError
from odoo.tests import freeze_time, tagged

from .loyalty_common import LoyaltyCommon


@tagged("post_install", "-at_install")
class TestLoyaltyIntegrity(LoyaltyCommon):
    """Exactly-once ledger across resets, cancellations, unreconciliations and
    credit notes of unpaid invoices; expiry from the accrual day; suspended
    designers."""

    def _ledger(self, designer=None):
        return [(r.kind, r.amount) for r in self._rewards(designer)]

    def test_reset_to_draft_reaccrues_new_amount_and_designer(self):
        """The reset reverses the accrual (net 0), which stays on the draft
        statement: the reversal lands on the next statement."""
        invoice = self._paid_invoice(100_000, date(2026, 3, 10))
        statement = self._statement(2026, 3)
        self.assertEqual(statement.amount_total, 5_000.0)
        invoice.button_draft()
        self.assertEqual(self._ledger(), [("accrual", 5_000.0), ("reversal", -5_000.0)])
        self.assertEqual(self._statement(2026, 3), statement)
        self.assertEqual(statement.amount_total, 5_000.0, "the statement is kept")
        invoice.write({"designer_id": self.designer2.id})
        invoice.invoice_line_ids.price_unit = 80_000
        invoice.action_post()
        self._pay(invoice)
        self.assertEqual(self._ledger(), [("accrual", 5_000.0), ("reversal", -5_000.0)])
        self.assertEqual(self._ledger(self.designer2), [("accrual", 4_000.0)])
        self.assertEqual(self.Reward._cron_accrue(), 0)
        self.assertEqual(self._statement(2026, 4).amount_total, -5_000.0)

    def test_cancel_reverses_rewards(self):
        invoice = self._paid_invoice(100_000, date(2026, 3, 10))
        invoice.button_cancel()
        self.assertEqual(invoice.state, "cancel")
        self.assertEqual(self._ledger(), [("accrual", 5_000.0), ("reversal", -5_000.0)])
        self.assertEqual(self.Reward._cron_accrue(), 0)
        self.assertEqual(len(self._rewards()), 2)

    def test_reset_refused_once_on_confirmed_statement(self):
        invoice = self._paid_invoice(100_000, date(2026, 3, 10))
        self._statement(2026, 3).action_confirm()
        for action in (invoice.button_draft, invoice.button_cancel):
            with self.assertRaisesRegex(UserError, "issue a credit note instead"):
                action()
        self.assertEqual(invoice.state, "posted")
        self.assertEqual(self._ledger(), [("accrual", 5_000.0)])

    def test_designer_change_refused_with_rewards(self):
        invoice = self._paid_invoice(100_000, date(2026, 3, 10))
        with self.assertRaisesRegex(UserError, "has reward ledger entries"):
            invoice.designer_id = self.designer2

    def test_unreconcile_reverses_open_entries_and_reaccrues_once(self):
        invoice = self._paid_invoice(100_000, date(2026, 3, 10))
        invoice.line_ids.remove_move_reconcile()
        self.assertEqual(invoice.payment_state, "not_paid")
        reversed_ledger = [("accrual", 5_000.0), ("reversal", -5_000.0)]
        self.assertEqual(self._ledger(), reversed_ledger)
        self._pay(invoice)
        self.assertEqual(self._ledger(), [*reversed_ledger, ("accrual", 5_000.0)])
        self.assertEqual(self.Reward._cron_accrue(), 0)
        self.assertEqual(len(self._rewards()), 3)

    def test_unreconcile_keeps_confirmed_entries(self):
        """Rule: entries on a confirmed statement stay; paying again adds nothing."""
        invoice = self._paid_invoice(100_000, date(2026, 3, 10))
        self._statement(2026, 3).action_confirm()
        invoice.line_ids.remove_move_reconcile()
        self.assertEqual(self._ledger(), [("accrual", 5_000.0)])
        self._pay(invoice)
        self.assertEqual(self._ledger(), [("accrual", 5_000.0)])

    def _family(self, invoice):
        """Entries of the invoice and its credit notes, and their balance."""
        rewards = self.Reward.search(
            [
                "|",
                ("move_id", "=", invoice.id),
                ("move_id.reversed_entry_id", "=", invoice.id),
            ],
            order="id",
        )
        return [(r.kind, r.amount) for r in rewards], sum(rewards.mapped("amount"))

    def test_unreconcile_reverses_clawbacks_of_credit_notes_and_rewrites_them(self):
        """Rule: a credit note claws back only what its invoice earned: when the
        invoice is no longer paid, the open clawbacks of its credit notes are
        reversed with its accrual, and written again with it when it is paid
        again."""
        invoice = self._paid_invoice(100_000, date(2026, 3, 10))
        refund = self._paid_refund(invoice, 40_000, date(2026, 3, 12))
        earned = [("accrual", 5_000.0), ("clawback", -2_000.0)]
        self.assertEqual(self._family(invoice), (earned, 3_000.0))
        invoice.line_ids.remove_move_reconcile()
        self.assertEqual(invoice.payment_state, "not_paid")
        self.assertIn(refund.payment_state, ("paid", "in_payment"))
        reversals = [("reversal", -5_000.0), ("reversal", 2_000.0)]
        self.assertEqual(self._family(invoice), (earned + reversals, 0))
        self.Reward._cron_accrue()
        self.assertEqual(
            self._family(invoice),
            (earned + reversals, 0),
            "the credit note waits for the invoice",
        )
        self._pay(invoice)
        self.assertEqual(self._family(invoice), (earned + reversals + earned, 3_000.0))
        self.assertEqual(self._rewards(kind="clawback").move_id, refund)
        self.Reward._cron_accrue()
        self.assertEqual(len(self._rewards()), 6)

    def test_reset_invoice_reverses_clawbacks_of_credit_notes(self):
        invoice = self._paid_invoice(100_000, date(2026, 3, 10))
        self._paid_refund(invoice, 40_000, date(2026, 3, 12))
        statement = self._statement(2026, 3)
        self.assertEqual(statement.amount_total, 3_000.0)
        invoice.button_cancel()
        self.assertEqual(
            self._family(invoice),
            (
                [
                    ("accrual", 5_000.0),
                    ("clawback", -2_000.0),
                    ("reversal", -5_000.0),
                    ("reversal", 2_000.0),
                ],
                0,
            ),
        )
        self.assertEqual(self._statement(2026, 3), statement)
        self.assertEqual(statement.amount_total, 3_000.0, "the statement is kept")
        self.Reward._cron_accrue()
        self.assertEqual(len(self._rewards()), 4)
        self.assertEqual(self._statement(2026, 4).amount_total, -3_000.0)

    def test_unreconcile_keeps_clawbacks_of_a_confirmed_accrual(self):
        """The accrual on a confirmed statement stays, so do the clawbacks
        capped against it."""
        invoice = self._paid_invoice(100_000, date(2026, 3, 10))
        self._statement(2026, 3).action_confirm()
        self._paid_refund(invoice, 40_000, date(2026, 4, 2))
        invoice.line_ids.remove_move_reconcile()
        self.assertEqual(invoice.payment_state, "not_paid")
        self.assertEqual(self._ledger(), [("accrual", 5_000.0), ("clawback", -2_000.0)])
        self.Reward._cron_accrue()
        self._pay(invoice)
        self.assertEqual(self._ledger(), [("accrual", 5_000.0), ("clawback", -2_000.0)])

    def test_reset_refused_once_a_credit_note_clawback_is_confirmed(self):
        """A credit note dated before its invoice: its clawback is on the
        confirmed March statement, the invoice's accrual (April) is open."""
        invoice = self._paid_invoice(100_000, date(2026, 4, 10))
        self._paid_refund(invoice, 40_000, date(2026, 3, 28))
        self._statement(2026, 3).action_confirm()
        with self.assertRaisesRegex(UserError, "issue a credit note instead"):
            invoice.button_draft()
        self.assertEqual(self._ledger(), [("accrual", 5_000.0), ("clawback", -2_000.0)])

    def test_catch_up_reverses_clawbacks_left_by_a_missed_hook(self):
        """The invoice's accrual never written (lost), its credit note's
        clawback is: the catch-up reverses the clawback."""
        invoice = self._paid_invoice(100_000, date(2026, 3, 10))
        self._paid_refund(invoice, 40_000, date(2026, 3, 12))
        self.env.flush_all()
        # nothing collected any more (what decides, see analytics.collected.settled)
        self.env.cr.execute(
            "UPDATE account_move SET amount_residual_signed = amount_total_signed "
            "WHERE id = %s",
            [invoice.id],
        )
        self.env.cr.execute(
            "DELETE FROM designer_reward WHERE move_id = %s", [invoice.id]
        )
        self.env.invalidate_all()
        self.Reward._cron_accrue()
        self.assertEqual(
            self._family(invoice), ([("clawback", -2_000.0), ("reversal", 2_000.0)], 0)
        )

    def test_credit_note_of_unpaid_invoice_waits_for_its_accrual(self):
        invoice = self._invoice(
            self.client, 100_000, date=date(2026, 3, 10), designer_id=self.designer.id
        )
        refund = self._refund(invoice, 30_000, date(2026, 3, 12))
        self.assertIn(refund.payment_state, ("paid", "in_payment"))
        self.assertEqual(invoice.payment_state, "partial")
        self.assertFalse(self._rewards(), "the invoice did not accrue yet")
        self.Reward._cron_accrue()
        self.assertFalse(self._rewards())
        self._pay(invoice)
        self.assertEqual(invoice.amount_residual, 0.0)
        self.assertEqual(self._ledger(), [("accrual", 5_000.0), ("clawback", -1_500.0)])
        self.assertEqual(self.Reward._cron_accrue(), 0)
        self.assertEqual(self.Reward._accrue_moves((invoice + refund).ids), 0)
        self.assertEqual(len(self._rewards()), 2)

    def test_points_expire_from_the_accrual_day(self):
        """Invoice of 10 January paid late, on 1 June: the 6 months run from
        1 June."""
        self._set_first_rate(self.tier_base, reward_type="points")
        self.company.loyalty_points_expiry_months = 6
        invoice = self._invoice(
            self.client, 100_000, date=date(2026, 1, 10), designer_id=self.designer.id
        )
        with freeze_time("2026-06-01"):
            self._pay(invoice, date=date(2026, 6, 1))
        reward = self._rewards()
        self.assertEqual(
            (reward.date, reward.accrued_on, reward.points),
            (date(2026, 1, 10), date(2026, 6, 1), 5_000.0),
        )
        self.assertEqual(self.Reward._cron_expire_points(date(2026, 7, 10)), 0)
        self.assertEqual(self.Reward._cron_expire_points(date(2026, 11, 30)), 0)
        self.assertEqual(self.Reward._cron_expire_points(date(2026, 12, 1)), 1)
        self.assertEqual(self._rewards(kind="expiry").points, -5_000.0)

    def test_suspended_designer_earns_nothing(self):
        """Rule: suspended or left designers earn no accrual and keep their tier;
        clawbacks of what they earned before still apply."""
        invoice = self._paid_invoice(100_000, date(2026, 3, 10))
        self.designer.designer_program_state = "suspended"
        self._paid_invoice(200_000, date(2026, 3, 11))
        self._paid_refund(invoice, 40_000, date(2026, 3, 12))
        self.assertEqual(self._ledger(), [("accrual", 5_000.0), ("clawback", -2_000.0)])
        self.assertEqual(self.Reward._cron_accrue(), 0)
        self.designer.designer_program_state = "left"
        self._invoice(
            self.client, 3_500_000, date=date(2026, 3, 20), designer_id=self.designer.id
        )
        reviewed = self.env["designer.loyalty.tier"]._tier_review(
            review_date=date(2026, 4, 1), designer_ids=self.designer.ids
        )
        self.assertEqual(reviewed, 0)
        self.assertFalse(self.designer.loyalty_tier_id)
        self.assertEqual(self.designer.loyalty_rolling_sales, 0.0)

    def _pay_without_entry(self, invoice):
        """Pay on a bank journal without outstanding account: Odoo creates no
        journal entry and no reconciliation, the payment state alone settles the
        invoice."""
        journal = self.company_data["default_journal_bank"]
        journal.inbound_payment_method_line_ids.payment_account_id = False
        payment = self._pay(invoice)
        self.assertFalse(payment.move_id)
        self.assertEqual(invoice.payment_state, "paid")
        return payment

    def test_payment_without_entry_accrues_and_cancel_reverses(self):
        invoice = self._invoice(
            self.client, 100_000, date=date(2026, 3, 10), designer_id=self.designer.id
        )
        payment = self._pay_without_entry(invoice)
        self.assertEqual(self._ledger(), [("accrual", 5_000.0)])
        statement = self._statement(2026, 3)
        self.assertEqual(statement.amount_total, 5_000.0)
        payment.action_draft()
        payment.action_cancel()
        self.assertEqual(invoice.payment_state, "not_paid")
        reversed_ledger = [("accrual", 5_000.0), ("reversal", -5_000.0)]
        self.assertEqual(self._ledger(), reversed_ledger)
        self.assertEqual(self._statement(2026, 3), statement)
        self.assertEqual(statement.amount_total, 5_000.0, "the statement is kept")
        self.assertEqual(self.Reward._cron_accrue(), 0)
        self._pay_without_entry(invoice)
        self.assertEqual(self._ledger(), [*reversed_ledger, ("accrual", 5_000.0)])
        self.assertEqual(self._statement(2026, 3), statement)
        self.assertEqual(statement.amount_total, 5_000.0)
        # the reversal and the accrual again land on the next statement
        self.assertEqual(
            self._statement(2026, 4).reward_ids.mapped("amount"), [5_000.0, -5_000.0]
        )

    def test_payment_without_entry_cancel_keeps_confirmed_entries(self):
        """Rule as for an unreconciliation: entries on a confirmed statement
        stay; paying again adds nothing."""
        invoice = self._invoice(
            self.client, 100_000, date=date(2026, 3, 10), designer_id=self.designer.id
        )
        payment = self._pay_without_entry(invoice)
        self._statement(2026, 3).action_confirm()
        payment.action_draft()
        payment.action_cancel()
        self.assertEqual(invoice.payment_state, "not_paid")
        self.assertEqual(self._ledger(), [("accrual", 5_000.0)])
        self.Reward._cron_accrue()
        self.assertEqual(self._ledger(), [("accrual", 5_000.0)])
        self._pay_without_entry(invoice)
        self.assertEqual(self._ledger(), [("accrual", 5_000.0)])

    def test_catch_up_reverses_open_entries_of_unsettled_invoices(self):
        """A missed hook (here: amounts due changed in SQL) is repaired by the
        catch-up cron: open entries (also on a draft statement) of invoices and
        credit notes no longer settled are reversed, confirmed ones stay."""
        confirmed = self._paid_invoice(100_000, date(2026, 2, 10))
        self._statement(2026, 2).action_confirm()
        drafted = self._paid_invoice(200_000, date(2026, 3, 10))
        refund = self._paid_refund(drafted, 40_000, date(2026, 3, 12))
        statement = self._statement(2026, 3)
        self.assertEqual(statement.amount_total, 8_000.0)
        kept = self._paid_invoice(60_000, date(2026, 3, 15))
        self.env.flush_all()
        # nothing collected any more (what decides, see analytics.collected.settled)
        self.env.cr.execute(
            "UPDATE account_move SET amount_residual_signed = amount_total_signed "
            "WHERE id = ANY(%s)",
            [(confirmed | drafted | refund).ids],
        )
        self.env.invalidate_all()
        self.assertEqual(self.Reward._cron_accrue(), 0)
        self.assertEqual(
            [(r.move_id, r.kind, r.amount) for r in self._rewards()],
            [
                (confirmed, "accrual", 5_000.0),
                (drafted, "accrual", 10_000.0),
                (refund, "clawback", -2_000.0),
                (kept, "accrual", 3_000.0),
                (drafted, "reversal", -10_000.0),
                (refund, "reversal", 2_000.0),
            ],
        )
        self.assertEqual(statement.amount_total, 8_000.0)
        self.assertEqual(self.Reward._cron_accrue(), 0)
        self.assertEqual(len(self._rewards()), 6)

    def test_ledger_entries_written_by_the_program_only(self):
        """Neither the Configuration group nor the superuser creates or deletes
        ledger entries by hand, not even with the program's context key that a
        client can send (a server action run with a request's context)."""
        self._paid_invoice(100_000, date(2026, 3, 10))
        values = {
            "designer_id": self.designer.id,
            "kind": "accrual",
            "date": date(2026, 3, 1),
            "amount": 999_999,
            "company_id": self.company.id,
            "currency_id": self.company.currency_id.id,
        }
        config = self.Reward.with_user(self.user_config)
        with self.assertRaisesRegex(UserError, "cannot be created by hand"):
            config.create(values)
        with self.assertRaises(AccessError):
            self._rewards().with_user(self.user_config).unlink()
        with self.assertRaisesRegex(UserError, "cannot be created by hand"):
            self.Reward.sudo().create(values)
        with self.assertRaisesRegex(UserError, "are never deleted"):
            self._rewards().sudo().unlink()
        forged = self._rewards().sudo().with_context(designer_reward_system=True)
        with self.assertRaisesRegex(UserError, "cannot be created by hand"):
            forged.create(values)
        with self.assertRaisesRegex(UserError, "cannot be modified"):
            forged.write({"amount": 1})
        with self.assertRaisesRegex(UserError, "are never deleted"):
            forged.unlink()
        self.assertEqual(self._ledger(), [("accrual", 5_000.0)])
        self.assertEqual(config.search([]).mapped("amount"), [5_000.0])
