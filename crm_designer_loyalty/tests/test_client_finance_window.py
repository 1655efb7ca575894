# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import timedelta

from odoo import Command, fields
from odoo.tests import tagged

from .planning_common import PlanningCommon


@tagged("post_install", "-at_install")
class TestClientFinanceWindow(PlanningCommon):
    """The averages of the finance block over the last 12 months, for a
    client paid without journal entries and one paid with them (the same
    documents), t = today, by hand:

    - 400 invoiced t-420, due t-390, paid 100 at t-400 (older than 12 months)
      and 300 at t-100: last paid t-100 (320 days, 290 late), counted although
      invoiced and first paid before the 12 months;
    - 200 invoiced t-500, due t-470, paid at t-450: not counted;
    - 300 invoiced t-30, due t-20, paid 200 at t-25, credited 100 at t-5 (a
      credit note reconciled with it, not a payment): last paid t-25 (5 days,
      on time).

    Receivable and overdue 0, 162.5 days to pay, 145 days overdue, no late
    trend (no invoice paid in the 6 months before the last 6).

    The unit is the instalment: a client with invoices in two halves, due 20
    and 50 days after the invoice, by hand:

    - 1000 invoiced t-60 (500 due t-40, 500 due t-10), 500 paid at t-35: the
      first instalment paid in 25 days, 5 late, the second open and overdue
      (a payment without journal entry pays the earliest instalment first,
      as Odoo reconciles one);
    - 600 invoiced t-30 (300 due t-10, 300 due t+20), unpaid: 300 overdue;
    - the client is also a vendor: its unpaid bill of 700, due t-5, is no
      receivable.

    Receivable 1100, overdue 800, 25 days to pay, 5 days overdue."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.t = fields.Date.context_today(cls.env.user)
        bank = cls.company_data["default_journal_bank"]
        method = bank.inbound_payment_method_line_ids
        method.payment_account_id = False
        cls.without_entry, cls.without_entry_payments = cls._client("Moveless")
        cls.instalments_without_entry = cls._instalments("Moveless")
        method.payment_account_id = cls.env["account.account"].create(
            {
                "name": "Outstanding Receipts (finance window)",
                "code": "CDLWIN",
                "reconcile": True,
                "account_type": "asset_current",
            }
        )
        cls.with_entry, cls.with_entry_payments = cls._client("Reconciled")
        cls.instalments_with_entry = cls._instalments("Reconciled")

    @classmethod
    def _document(cls, client, amount, invoiced, due=None, **values):
        """A posted document of ``amount`` (a lamp) dated ``invoiced`` days
        from today, due ``due`` days from today if given."""
        move = cls._invoice(
            client,
            amount,
            date=cls.t + timedelta(days=invoiced),
            post=False,
            product=cls.lamp,
            **values,
        )
        if due is not None:
            move.invoice_date_due = cls.t + timedelta(days=due)
        move.action_post()
        return move

    @classmethod
    def _instalments(cls, name):
        client = cls.env["res.partner"].create(
            {"name": f"Client Instalments {name}", "is_company": True}
        )
        halves = cls.env["account.payment.term"].create(
            {
                "name": f"Halves at 20 and 50 days ({name})",
                "line_ids": [
                    Command.create(
                        {"value": "percent", "value_amount": 50, "nb_days": days}
                    )
                    for days in (20, 50)
                ],
            }
        )
        first = cls._document(client, 1000, -60, invoice_payment_term_id=halves.id)
        cls._document(client, 600, -30, invoice_payment_term_id=halves.id)
        payment = cls._pay(first, amount=500, date=cls.t + timedelta(days=-35))
        cls._document(client, 700, -35, due=-5, move_type="in_invoice")
        return client, payment

    @classmethod
    def _client(cls, name):
        client = cls.env["res.partner"].create(
            {"name": f"Client Window {name}", "is_company": True}
        )

        def invoice(amount, invoiced, due):
            return cls._document(client, amount, invoiced, due=due)

        def pay(move, amount, day):
            return cls._pay(move, amount=amount, date=cls.t + timedelta(days=day))

        twice = invoice(400, -420, -390)
        old = invoice(200, -500, -470)
        credited = invoice(300, -30, -20)
        payments = (
            pay(twice, 100, -400)
            | pay(twice, 300, -100)
            | pay(old, 200, -450)
            | pay(credited, 200, -25)
        )
        # (Odoo reconciles a credit note with its invoice when posting it)
        cls._refund(credited, 100, cls.t + timedelta(days=-5))
        return client, payments

    def _assert_finance(self, client, receivable, overdue, days_to_pay, days_late):
        """The client's block, as a Sales Manager reads it: no late trend (no
        instalment paid in the 6 months before the last 6)."""
        partner = client.with_user(self.user_manager)
        self.assertEqual(
            (partner.cdl_receivable, partner.cdl_overdue, partner.cdl_late_trend),
            (receivable, overdue, False),
        )
        self.assertAlmostEqual(partner.cdl_days_to_pay, days_to_pay)
        self.assertAlmostEqual(partner.cdl_days_overdue, days_late)

    def test_finance_window(self):
        for client, payments, entries in (
            (self.without_entry, self.without_entry_payments, False),
            (self.with_entry, self.with_entry_payments, True),
        ):
            self.assertEqual(len(payments), 4)
            self.assertEqual({bool(p.move_id) for p in payments}, {entries})
            self._assert_finance(client, 0, 0, 162.5, 145.0)

    def test_finance_instalments(self):
        for (client, payment), entries in (
            (self.instalments_without_entry, False),
            (self.instalments_with_entry, True),
        ):
            self.assertEqual(bool(payment.move_id), entries)
            self._assert_finance(client, 1100, 800, 25.0, 5.0)
