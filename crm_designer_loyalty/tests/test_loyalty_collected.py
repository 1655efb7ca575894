# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Earned = collected, whatever the payment flow (issue 12, items 1 and 2).

The same cases run on a bank journal whose payment methods have no outstanding
account (Odoo 18 creates no journal entry for a payment: the invoice is only
linked to it by ``matched_payment_ids``) and on one with outstanding accounts
(payments reconciled with the invoice). Base tier: 5 %."""

from datetime import date

from odoo.tests import tagged

from .loyalty_common import LoyaltyCommon

DAY = date(2026, 3, 10)


class CollectedCommon:
    """The set-up and helpers of one payment configuration (``outstanding``),
    mixed into a test class of each (here and in test_loyalty_reversal)."""

    outstanding = None
    # Odoo's runner runs only the methods a class defines, unless told
    allow_inherited_tests_method = True

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.bank = cls.company_data["default_journal_bank"]
        # set explicitly, whatever the test company's chart gave the journal
        for lines, name, code in (
            (cls.bank.inbound_payment_method_line_ids, "Receipts", "CDLIN"),
            (cls.bank.outbound_payment_method_line_ids, "Payments", "CDLOUT"),
        ):
            lines.payment_account_id = cls.outstanding and cls.env[
                "account.account"
            ].create(
                {
                    "name": f"Outstanding {name} (loyalty)",
                    "code": code,
                    "reconcile": True,
                    "account_type": "asset_current",
                }
            )

    def _new_invoice(self, amount):
        return self._invoice(
            self.client, amount, date=DAY, designer_id=self.designer.id
        )

    def _register(self, moves, amount=None):
        """One payment of ``moves`` (all of them by default) on the bank
        journal, as the payment wizard makes it."""
        values = {
            "journal_id": self.bank.id,
            "payment_date": DAY,
            "group_payment": True,
        }
        if amount is not None:
            values["amount"] = amount
        payment = (
            self.env["account.payment.register"]
            .with_context(active_model="account.move", active_ids=moves.ids)
            .create(values)
            ._create_payments()
        )
        self.assertEqual(len(payment), 1)
        self.assertEqual(bool(payment.move_id), self.outstanding)
        return payment

    def _credit_note(self, invoice, amount):
        """A posted credit note of ``invoice``: Odoo reconciles it at once
        with what the invoice still has open on its receivable."""
        return self._refund(invoice, amount, date(2026, 3, 20))

    def _entries(self):
        return [(r.move_id, r.kind, r.amount) for r in self._rewards()]

    def _rows(self):
        """Every column of every ledger entry, as stored."""
        self.env.flush_all()
        self.env.cr.execute("SELECT * FROM designer_reward ORDER BY id")
        return self.env.cr.fetchall()

    def _net(self, invoice):
        """Net reward of ``invoice``: its entries and its credit notes'."""
        return sum(
            self._rewards()
            .filtered(lambda r: invoice in (r.move_id | r.move_id.reversed_entry_id))
            .mapped("amount")
        )

    def _assert_ledger(self, entries, nets):
        self.assertEqual(self._entries(), entries)
        for invoice, net in nets.items():
            self.assertEqual(self._net(invoice), net)
        # the catch-up agrees: it adds, removes and changes nothing
        rows = self._rows()
        self.Reward._cron_accrue()
        self.assertEqual(self._rows(), rows)


class CollectedCases(CollectedCommon):
    """The cases, for one payment configuration."""

    def test_partial_payment_earns_nothing(self):
        """Issue 12, item 1: an invoice of 200 000 half paid earns nothing
        (Odoo shows it paid when the payment has no journal entry)."""
        invoice = self._new_invoice(200_000)
        self._register(invoice, 100_000)
        self._assert_ledger([], {invoice: 0.0})

    def test_payment_in_two_parts(self):
        invoice = self._new_invoice(100_000)
        self._register(invoice, 40_000)
        self._assert_ledger([], {invoice: 0.0})
        self._register(invoice, 60_000)
        self._assert_ledger([(invoice, "accrual", 5_000.0)], {invoice: 5_000.0})

    def test_overpayment(self):
        invoice = self._new_invoice(100_000)
        self._register(invoice, 120_000)
        self._assert_ledger([(invoice, "accrual", 5_000.0)], {invoice: 5_000.0})

    def test_credit_note_before_payment(self):
        invoice = self._new_invoice(100_000)
        refund = self._credit_note(invoice, 10_000)
        self._assert_ledger([], {invoice: 0.0})
        self._register(invoice, 80_000)
        self._assert_ledger([], {invoice: 0.0})
        self._register(invoice, 10_000)
        self._assert_ledger(
            [(invoice, "accrual", 5_000.0), (refund, "clawback", -500.0)],
            {invoice: 4_500.0},
        )

    def test_credit_note_after_full_payment(self):
        """Issue 12, item 2: an invoice paid in full, then a credit note of
        10 000: the accrual stays, the clawback is written, and the catch-up
        removes nothing. Without journal entry, the invoice's receivable is
        still open: Odoo reconciles the credit note with it at once (and shows
        the invoice partial), the clawback is written then. With journal
        entries, the credit note is a credit the client is owed: it claws
        back once refunded."""
        invoice = self._new_invoice(100_000)
        self._register(invoice)
        self._assert_ledger([(invoice, "accrual", 5_000.0)], {invoice: 5_000.0})
        refund = self._credit_note(invoice, 10_000)
        if self.outstanding:
            self._assert_ledger([(invoice, "accrual", 5_000.0)], {invoice: 5_000.0})
            self._register(refund)
        else:
            self.assertEqual(invoice.payment_state, "partial")
        self._assert_ledger(
            [(invoice, "accrual", 5_000.0), (refund, "clawback", -500.0)],
            {invoice: 4_500.0},
        )

    def test_cancelled_payment(self):
        """The accrual is reversed (never deleted), and written again by the
        next payment."""
        invoice = self._new_invoice(100_000)
        payment = self._register(invoice)
        self._assert_ledger([(invoice, "accrual", 5_000.0)], {invoice: 5_000.0})
        payment.action_draft()
        payment.action_cancel()
        reversed_ledger = [
            (invoice, "accrual", 5_000.0),
            (invoice, "reversal", -5_000.0),
        ]
        self._assert_ledger(reversed_ledger, {invoice: 0.0})
        self._register(invoice)
        self._assert_ledger(
            [*reversed_ledger, (invoice, "accrual", 5_000.0)], {invoice: 5_000.0}
        )

    def _pay_two_invoices(self, *amounts):
        """Invoices of 100 000 and 50 000, paid together by payments of
        ``amounts`` (one of their total by default), then both accrued."""
        first = self._new_invoice(100_000)
        second = self._new_invoice(50_000)
        for amount in amounts[:-1]:
            self._register(first | second, amount)
            self._assert_ledger([], {first: 0.0, second: 0.0})
        self._register(first | second, *amounts[-1:])
        self._assert_ledger(
            [(first, "accrual", 5_000.0), (second, "accrual", 2_500.0)],
            {first: 5_000.0, second: 2_500.0},
        )

    def test_one_payment_of_two_invoices(self):
        self._pay_two_invoices()


@tagged("post_install", "-at_install")
class TestCollectedWithoutEntry(CollectedCases, LoyaltyCommon):
    """Bank journal without outstanding account: payments without journal
    entry."""

    outstanding = False

    def test_partial_payment_of_two_invoices(self):
        """A payment of two invoices is split in proportion to what each has
        left: 75 000 on 100 000 and 50 000 settles neither; the rest does."""
        self._pay_two_invoices(75_000, 75_000)


@tagged("post_install", "-at_install")
class TestCollectedWithEntry(CollectedCases, LoyaltyCommon):
    """Bank journal with outstanding accounts: payments reconciled with the
    invoices."""

    outstanding = True
