# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import timedelta

from odoo import fields
from odoo.tests import tagged

from .planning_common import PlanningCommon


class WindowCases:
    """The averages of the finance block over the last 12 months, Client
    Window, t = today, by hand:

    - 400 invoiced t-420, due t-390, paid 100 at t-400 (older than 12 months)
      and 300 at t-100: last paid t-100 (320 days, 290 late), counted although
      invoiced and first paid before the 12 months;
    - 200 invoiced t-500, due t-470, paid at t-450: not counted;
    - 300 invoiced t-30, due t-20, paid 200 at t-25, credited 100 at t-5 (a
      credit note reconciled with it, not a payment): last paid t-25 (5 days,
      on time).

    Receivable and overdue 0, 162.5 days to pay, 145 days overdue, no late
    trend (no invoice paid in the 6 months before the last 6)."""

    outstanding = None
    allow_inherited_tests_method = True

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        bank = cls.company_data["default_journal_bank"]
        account = cls.outstanding and cls.env["account.account"].create(
            {
                "name": "Outstanding Receipts (finance window)",
                "code": "CDLWIN",
                "reconcile": True,
                "account_type": "asset_current",
            }
        )
        bank.inbound_payment_method_line_ids.payment_account_id = account
        cls.client_window = cls.env["res.partner"].create(
            {"name": "Client Window", "is_company": True}
        )
        t = fields.Date.context_today(cls.env.user)

        def day(offset):
            return t + timedelta(days=offset)

        def invoice(amount, invoiced, due):
            move = cls._invoice(
                cls.client_window,
                amount,
                date=day(invoiced),
                post=False,
                product=cls.lamp,
            )
            move.invoice_date_due = day(due)
            move.action_post()
            return move

        cls.payments = cls.env["account.payment"]
        twice = invoice(400, -420, -390)
        cls.payments |= cls._pay(twice, amount=100, date=day(-400))
        cls.payments |= cls._pay(twice, amount=300, date=day(-100))
        cls.payments |= cls._pay(invoice(200, -500, -470), date=day(-450))
        credited = invoice(300, -30, -20)
        cls.payments |= cls._pay(credited, amount=200, date=day(-25))
        # (Odoo reconciles a credit note with its invoice when posting it)
        cls.refund = cls._refund(credited, 100, day(-5))

    def test_finance_window(self):
        self.assertEqual(len(self.payments), 4)
        self.assertEqual(
            {bool(p.move_id) for p in self.payments}, {bool(self.outstanding)}
        )
        self.assertEqual(self.refund.payment_state, "paid")
        partner = self.client_window.with_user(self.user_manager)
        self.assertEqual(partner.cdl_receivable, 0)
        self.assertEqual(partner.cdl_overdue, 0)
        self.assertAlmostEqual(partner.cdl_days_to_pay, 162.5)
        self.assertAlmostEqual(partner.cdl_days_overdue, 145.0)
        self.assertFalse(partner.cdl_late_trend)


@tagged("post_install", "-at_install")
class TestClientFinanceWindowWithoutEntry(WindowCases, PlanningCommon):
    """Payments without journal entry, matched to the invoices only."""

    outstanding = False


@tagged("post_install", "-at_install")
class TestClientFinanceWindowWithEntry(WindowCases, PlanningCommon):
    """Payments reconciled with the invoices."""

    outstanding = True
