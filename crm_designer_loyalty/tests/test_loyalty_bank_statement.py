# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""A payment without journal entry and the bank statement line of its money
reconciled with the same invoice (issue 12, earned = collected): the money
is counted once. Base tier: 5 %."""

from datetime import date

from odoo.tests import tagged

from .loyalty_common import LoyaltyCommon

DAY = date(2026, 3, 10)


@tagged("post_install", "-at_install")
class TestLoyaltyBankStatement(LoyaltyCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # no outstanding account: registered payments make no journal entry
        cls.bank = cls.company_data["default_journal_bank"]
        cls.bank.inbound_payment_method_line_ids.payment_account_id = False
        cls.invoice = cls._invoice(
            cls.client, 100_000, date=DAY, designer_id=cls.designer.id
        )

    def _register(self, amount):
        payment = (
            self.env["account.payment.register"]
            .with_context(active_model="account.move", active_ids=self.invoice.ids)
            .create({"journal_id": self.bank.id, "payment_date": DAY, "amount": amount})
            ._create_payments()
        )
        self.assertFalse(payment.move_id)
        return payment

    def _bank_line(self, amount):
        """A bank statement line of ``amount`` reconciled with the invoice's
        receivable (as the bank reconciliation does)."""
        st_line = self.env["account.bank.statement.line"].create(
            {
                "payment_ref": "Client One transfer",
                "journal_id": self.bank.id,
                "partner_id": self.client.id,
                "amount": amount,
                "date": DAY,
            }
        )
        _liquidity, suspense, _other = st_line.with_context(
            skip_account_move_synchronization=True
        )._seek_for_lines()
        receivable = self.invoice.line_ids.filtered(
            lambda line: line.account_type == "asset_receivable"
        )
        suspense.account_id = receivable.account_id
        (suspense + receivable).reconcile()
        return st_line

    def _entries(self):
        entries = [(r.kind, r.amount) for r in self._rewards()]
        # the catch-up agrees: it adds or removes nothing
        self.Reward._cron_accrue()
        self.assertEqual([(r.kind, r.amount) for r in self._rewards()], entries)
        return entries

    def test_paid_then_matched_with_the_bank(self):
        """Paid in full without journal entry, then the statement line of
        that money reconciled with the invoice: one accrual of 5 000."""
        payment = self._register(100_000)
        self.assertEqual(self._entries(), [("accrual", 5_000.0)])
        self._bank_line(100_000)
        self.assertEqual((self.invoice.amount_residual, payment.state), (0.0, "paid"))
        self.assertEqual(self._entries(), [("accrual", 5_000.0)])

    def test_half_paid_then_matched_with_the_bank(self):
        """Half paid without journal entry, then the statement line of that
        half reconciled with the invoice: 50 000 collected, not 100 000,
        nothing earned; the second half, paid and at the bank, settles it."""
        self._register(50_000)
        self._bank_line(50_000)
        self.assertEqual(self.invoice.amount_residual, 50_000.0)
        self.assertEqual(self._entries(), [])
        self._register(50_000)
        self._bank_line(50_000)
        self.assertEqual(self.invoice.amount_residual, 0.0)
        self.assertEqual(self._entries(), [("accrual", 5_000.0)])
