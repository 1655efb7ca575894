# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import timedelta

from odoo import fields
from odoo.tests import tagged

from .planning_common import PlanningCommon


class FinanceCases:
    """Client New, t = today, by hand:

    - 100 invoiced t-300, due t-270, paid t-260 (40 days, 10 late);
    - 200 invoiced t-100, due t-70, paid t-60 (40 days, 10 late);
    - 300 invoiced t-50, due t-20, paid t-31 (19 days, on time);
    - 1000 invoiced t-40, due t-10, unpaid (overdue);
    - 500 invoiced t, due t+30, 300 paid (200 open, not due).

    Receivable 1200, overdue 1000, 33 days to pay, 6.7 days overdue; late
    payments: 1 of 1 before the last 6 months, 1 of 2 in them: better.
    Next purchase: invoice days t-300, t-100, t-50, t-40, t: intervals 200,
    50, 10, 40 (mean 75, standard deviation 85.05): t+75, from t (t-10
    floored at t) to t+160, amount 2100 / 5 = 420."""

    outstanding = None
    # Odoo's runner runs only the methods a class defines, unless told
    allow_inherited_tests_method = True

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        bank = cls.company_data["default_journal_bank"]
        for lines, name, code in (
            (bank.inbound_payment_method_line_ids, "Receipts", "CDLPIN"),
            (bank.outbound_payment_method_line_ids, "Payments", "CDLPOUT"),
        ):
            lines.payment_account_id = cls.outstanding and cls.env[
                "account.account"
            ].create(
                {
                    "name": f"Outstanding {name} (planning)",
                    "code": code,
                    "reconcile": True,
                    "account_type": "asset_current",
                }
            )
        cls.t = t = fields.Date.context_today(cls.env.user)

        def invoice(amount, day, due):
            move = cls._invoice(
                cls.client_new,
                amount,
                date=t + timedelta(days=day),
                post=False,
                product=cls.lamp,
            )
            move.invoice_date_due = t + timedelta(days=due)
            move.action_post()
            return move

        cls.payments = cls.env["account.payment"]
        for amount, day, due, paid in (
            (100, -300, -270, -260),
            (200, -100, -70, -60),
            (300, -50, -20, -31),
        ):
            cls.payments |= cls._pay(
                invoice(amount, day, due), date=t + timedelta(days=paid)
            )
        invoice(1000, -40, -10)
        cls._pay(invoice(500, 0, 30), amount=300, date=t)

    def test_finance_block(self):
        self.assertEqual(len(self.payments), 3)
        self.assertEqual(
            {bool(p.move_id) for p in self.payments}, {bool(self.outstanding)}
        )
        partner = self.client_new.with_user(self.user_manager)
        self.assertEqual(partner.cdl_receivable, 1200)
        self.assertEqual(partner.cdl_overdue, 1000)
        self.assertAlmostEqual(partner.cdl_days_to_pay, 33.0)
        self.assertEqual(partner.cdl_days_overdue, 6.7)  # 20 / 3, 1 digit
        self.assertEqual(partner.cdl_late_trend, "better")
        # a contact shows its company's figures
        contact = self.env["res.partner"].create(
            {"name": "Buyer", "parent_id": self.client_new.id}
        )
        self.assertEqual(contact.with_user(self.user_manager).cdl_overdue, 1000)
        self.assertEqual(self.client.with_user(self.user_manager).cdl_receivable, 0)

    def test_next_purchase(self):
        partner = self.client_new.with_user(self.user_manager)
        t = self.t
        self.assertEqual(partner.cdl_next_purchase_date, t + timedelta(days=75))
        self.assertEqual(partner.cdl_next_purchase_low, t)
        self.assertEqual(partner.cdl_next_purchase_high, t + timedelta(days=160))
        self.assertAlmostEqual(partner.cdl_next_purchase_amount, 420)
        row = (
            self.env["crm.next.purchase.report"]
            .with_user(self.user_manager)
            .search([("partner_id", "=", self.client_new.id)])
        )
        self.assertEqual(
            (row.expected_date, row.expected_amount, row.day_count, row.interval),
            (t + timedelta(days=75), 420, 5, 75),
        )
        # the client is nobody's: a salesperson does not see it
        self.assertFalse(
            self.env["crm.next.purchase.report"]
            .with_user(self.user_sales)
            .search([("partner_id", "=", self.client_new.id)])
        )


@tagged("post_install", "-at_install")
class TestClientFinanceWithoutEntry(FinanceCases, PlanningCommon):
    """Payments without journal entry, matched to the invoices only."""

    outstanding = False


@tagged("post_install", "-at_install")
class TestClientFinanceWithEntry(FinanceCases, PlanningCommon):
    """Payments reconciled with the invoices."""

    outstanding = True
