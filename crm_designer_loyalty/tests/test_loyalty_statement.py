# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import io
from datetime import date

from odoo import fields
from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged
from odoo.tools.pdf import PdfFileReader

from .loyalty_common import LoyaltyCommon


@tagged("post_install", "-at_install")
class TestLoyaltyStatement(LoyaltyCommon):
    def test_refund_before_confirmation(self):
        invoice = self._paid_invoice(100_000, date(2026, 3, 10))
        self._paid_refund(invoice, 40_000, date(2026, 3, 20))
        statement = self._statement(2026, 3)
        self.assertRecordValues(
            statement,
            [
                {
                    "date_from": date(2026, 3, 1),
                    "date_to": date(2026, 3, 31),
                    "amount_rewards": 5_000.0,
                    "amount_clawback": -2_000.0,
                    "amount_total": 3_000.0,
                    "state": "draft",
                }
            ],
        )
        statement.action_confirm()
        self.assertEqual(set(statement.reward_ids.mapped("state")), {"locked"})

    def test_refund_after_confirmation_lands_on_next(self):
        invoice = self._paid_invoice(100_000, date(2026, 3, 10))
        march = self._statement(2026, 3)
        march.action_confirm()
        self._paid_refund(invoice, 40_000, date(2026, 3, 25))
        clawback = self._rewards(kind="clawback")
        self.assertEqual((clawback.amount, clawback.state), (-2_000.0, "open"))
        self.assertFalse(clawback.statement_id)
        # regenerating March does not touch the confirmed statement
        self.assertFalse(self._statement(2026, 3))
        self.assertEqual(march.amount_total, 5_000.0)
        self.assertEqual(len(march.reward_ids), 1)
        april = self._statement(2026, 4)
        self.assertEqual(april.reward_ids, clawback)
        self.assertEqual(april.amount_total, -2_000.0)

    def test_min_payout_carry_over_and_bill(self):
        january = self._carried_january()
        self.assertFalse(january.move_id)
        self._paid_invoice(80_000, date(2026, 2, 15))
        february = self._statement(2026, 2)
        self.assertEqual(february.amount_total, 4_000.0)
        february.action_confirm()
        self.assertEqual(january.carried_to_id, february)
        self.assertEqual(february.carry_in_amount, 3_000.0)
        self.assertEqual(february.amount_total, 7_000.0)
        february.action_pay()
        bill = february.move_id
        self.assertEqual(february.state, "paid")
        self.assertRecordValues(
            bill,
            [
                {
                    "move_type": "in_invoice",
                    "partner_id": self.designer.id,
                    "state": "posted",
                    "amount_total": 7_000.0,
                }
            ],
        )
        self.assertEqual(bill.invoice_line_ids.product_id, self.payout_product)

    def test_carried_total_without_new_entries_gets_a_statement(self):
        """A carried total is not stuck when the designer earns nothing more: the
        next month's statement takes it over and pays it once it reaches the
        minimum payout."""
        january = self._carried_january()
        february = self._statement(2026, 2)
        self.assertFalse(february.reward_ids)
        self.assertEqual(february.amount_total, 0.0)
        february.action_confirm()
        self.assertEqual(
            (february.carry_in_amount, february.amount_total), (3_000, 3_000)
        )
        self.assertEqual(january.carried_to_id, february)
        self.company.loyalty_min_payout = 1_000
        february.action_pay()
        self.assertEqual(
            (february.state, february.move_id.amount_total), ("paid", 3_000)
        )
        # nothing left to carry: no statement for March
        self.assertFalse(self._statement(2026, 3))

    def test_bill_in_company_currency_on_foreign_currency_journal(self):
        """A payout journal in a foreign currency (EUR at 2 per company unit)
        still pays the statement total in company currency."""
        eur = self.setup_other_currency("EUR", rates=[("2016-01-01", 2.0)])
        self.company.loyalty_payout_journal_id = self.company_data[
            "default_journal_purchase"
        ].copy({"name": "Payout EUR", "code": "PEUR", "currency_id": eur.id})
        self._paid_invoice(100_000, date(2026, 3, 10))
        statement = self._statement(2026, 3)
        statement.action_confirm()
        statement.action_pay()
        self.assertRecordValues(
            statement.move_id,
            [
                {
                    "journal_id": self.company.loyalty_payout_journal_id.id,
                    "currency_id": self.company.currency_id.id,
                    "amount_total": 5_000.0,
                    "amount_total_signed": -5_000.0,
                    "amount_residual": 5_000.0,
                }
            ],
        )

    def test_negative_total_carries_over(self):
        invoice = self._paid_invoice(100_000, date(2026, 1, 10))
        january = self._statement(2026, 1)
        january.action_confirm()
        january.action_pay()
        self.assertEqual(january.move_id.amount_total, 5_000.0)
        self._paid_refund(invoice, 100_000, date(2026, 2, 5))
        february = self._statement(2026, 2)
        february.action_confirm()
        february.action_pay()
        self.assertEqual((february.state, february.amount_total), ("carried", -5_000.0))
        self._paid_invoice(200_000, date(2026, 3, 5))
        march = self._statement(2026, 3)
        march.action_confirm()
        march.action_pay()
        self.assertEqual(march.move_id.amount_total, 5_000.0)

    def test_generation_rules(self):
        today = fields.Date.context_today(self.Statement)
        with self.assertRaisesRegex(UserError, "past periods only"):
            self.Statement._generate(today)
        self._paid_invoice(10_000, date(2026, 3, 10))
        first = self._statement(2026, 3)
        self._paid_invoice(20_000, date(2026, 3, 12))
        again = self._statement(2026, 3)
        self.assertEqual(first, again, "one statement per designer and period")
        self.assertEqual(first.amount_total, 1_500.0)
        self.assertEqual(len(first.reward_ids), 2)
        # an entry dated after the period waits for its own month
        self._paid_invoice(30_000, date(2026, 4, 2))
        self._statement(2026, 3)
        self.assertEqual(first.amount_total, 1_500.0)
        # reset to draft unlocks; draft statements can be deleted
        first.action_confirm()
        first.action_draft()
        self.assertEqual(set(first.reward_ids.mapped("state")), {"open"})
        rewards = first.reward_ids
        first.unlink()
        self.assertFalse(rewards.statement_id)

    def test_wizard_and_report(self):
        invoice = self._paid_invoice(100_000, date(2026, 3, 10))
        action = (
            self.env["designer.reward.statement.generate"]
            .create({"month": date(2026, 3, 5)})
            .action_generate()
        )
        statement = self.Statement.search(action["domain"])
        self.assertEqual(statement.designer_id, self.designer)
        html = self._statement_html(statement)
        self.assertIn(invoice.name, html)
        self.assertIn("Client One", html)
        self.assertIn("5,000.00", html)

    def test_loyalty_manager_prints_other_salespersons_invoices(self):
        order, invoice = self._paid_order_invoice(
            100_000, date(2026, 3, 10), self.user_sales2
        )
        self.assertEqual(invoice.invoice_user_id, self.user_sales2)
        with self.assertRaises(AccessError):
            invoice.with_user(self.user_loyalty).read(["name"])
        statement = self._statement(2026, 3)
        html = self._statement_html(statement, self.user_loyalty)
        self.assertIn(f"<td><span>{invoice.name}</span></td>", html)
        self.assertIn(f"<td><span>{order.name}</span></td>", html)
        # the tier of each entry (the rate's tier), not only the designer's
        self.assertIn("<td><span>Base</span></td>", html)
        self.assertIn("5,000.00", html)

    def test_pdf_statement(self):
        """The statement prints as a real PDF (wkhtmltopdf, installed by the
        README commands)."""
        invoice = self._paid_invoice(100_000, date(2026, 3, 10))
        statement = self._statement(2026, 3)
        # no server serves the report's style sheets (a server started by `make
        # run` would, and the PDF's web fonts then have no extractable text)
        self.env["ir.config_parameter"].set_param("report.url", "http://127.0.0.1:9")
        pdf, kind = (
            self.env["ir.actions.report"]
            .with_context(force_report_rendering=True)
            ._render_qweb_pdf(
                "crm_designer_loyalty.designer_reward_statement_report", statement.ids
            )
        )
        self.assertEqual(kind, "pdf")
        reader = PdfFileReader(io.BytesIO(pdf))
        text = " ".join(" ".join(page.extract_text().split()) for page in reader.pages)
        for expected in (statement.name, invoice.name, "Client One", "5,000.00"):
            self.assertIn(expected, text)

    def test_pay_requires_payout_product(self):
        self._paid_invoice(100_000, date(2026, 3, 10))
        statement = self._statement(2026, 3)
        with self.assertRaisesRegex(UserError, "Anna Designer 2026-03 in this state"):
            statement.action_pay()
        statement.action_confirm()
        self.company.loyalty_payout_product_id = False
        with self.assertRaisesRegex(UserError, "payout product.*Anna Designer 2026-03"):
            statement.action_pay()
        self.assertEqual((statement.state, statement.move_id.id), ("confirmed", False))
        self.assertEqual(
            statement.reward_ids.display_name,
            f"Accrual {statement.reward_ids.move_id.name} Anna Designer",
        )

    def test_carried_amounts_stay_unpaid_until_paid(self):
        january = self._carried_january()
        self._paid_invoice(20_000, date(2026, 2, 15))
        february = self._statement(2026, 2)
        february.action_confirm()
        february.action_pay()
        self.assertEqual((february.state, february.amount_total), ("carried", 4_000.0))
        self.assertEqual(january.carried_to_id, february)
        self._paid_invoice(40_000, date(2026, 3, 15))
        self.designer.invalidate_recordset(["loyalty_unpaid_amount"])
        self.assertEqual(self.designer.loyalty_unpaid_amount, 6_000.0)
        march = self._statement(2026, 3)
        march.action_confirm()
        self.assertEqual(march.amount_total, 6_000.0)
        self.designer.invalidate_recordset(["loyalty_unpaid_amount"])
        self.assertEqual(self.designer.loyalty_unpaid_amount, 6_000.0)
        march.action_pay()
        self.assertEqual(march.move_id.amount_total, 6_000.0)
        self.designer.invalidate_recordset(["loyalty_unpaid_amount"])
        self.assertEqual(self.designer.loyalty_unpaid_amount, 0.0)

    def test_points_statement_paid_without_bill(self):
        self._set_first_rate(self.tier_base, reward_type="points")
        self.company.loyalty_min_payout = 1_000
        self._paid_invoice(100_000, date(2026, 3, 10))
        statement = self._statement(2026, 3)
        self.assertEqual(
            (statement.amount_total, statement.points_total), (0.0, 5_000.0)
        )
        statement.action_confirm()
        statement.action_pay()
        self.assertEqual((statement.state, statement.move_id.id), ("paid", False))
        html = self._statement_html(statement)
        self.assertIn("credited to your points balance", html)
        self.assertNotIn("minimum payout", html)

    def _statement_html(self, statement, user=None):
        """The statement report rendered as HTML (by ``user``)."""
        return (
            self.env["ir.actions.report"]
            .with_user(user or self.env.user)
            ._render_qweb_html(
                "crm_designer_loyalty.designer_reward_statement_report", statement.ids
            )[0]
            .decode()
        )

    def _bills(self):
        return self.env["account.move"].search(
            [("move_type", "=", "in_invoice"), ("partner_id", "=", self.designer.id)]
        )

    def test_statement_changed_by_its_buttons_only(self):
        """A Loyalty Manager cannot rewrite a statement through the API (state,
        amounts, bill) to be paid twice, nor create one by hand."""
        statement = self._paid_statement()
        as_manager = statement.with_user(self.user_loyalty)
        for values in (
            {"state": "confirmed", "carry_in_amount": 1_000_000},
            {"state": "draft"},
            {"amount_total": 1_000_000},
            {"move_id": False},
            {"date_from": date(2026, 4, 1)},
        ):
            with self.assertRaisesRegex(
                UserError,
                "Anna Designer 2026-03: .* can only be changed by the statement "
                "buttons",
            ):
                as_manager.write(values)
        with self.assertRaisesRegex(UserError, "in this state"):
            as_manager.action_pay()
        with self.assertRaisesRegex(UserError, "in this state"):
            as_manager.unlink()
        with self.assertRaisesRegex(UserError, "created by Generate Statements"):
            self.Statement.with_user(self.user_loyalty).create(
                {
                    "designer_id": self.designer.id,
                    "date_from": date(2026, 4, 1),
                    "state": "confirmed",
                    "carry_in_amount": 1_000_000,
                }
            )
        self.assertRecordValues(
            statement,
            [{"state": "paid", "amount_total": 5_000.0, "carry_in_amount": 0}],
        )
        self.assertEqual(self._bills(), statement.move_id)
        self.assertEqual(self._rewards().statement_id, statement)

    def test_cancelled_bill_reopens_statement(self):
        statement = self._paid_statement()
        bill = statement.move_id
        bill.button_draft()
        bill.button_cancel()
        self.assertEqual((statement.state, statement.move_id.id), ("confirmed", False))
        self.assertIn(
            f"Vendor bill {bill.name} cancelled", statement.message_ids[0].body
        )
        self.designer.invalidate_recordset(["loyalty_unpaid_amount"])
        self.assertEqual(self.designer.loyalty_unpaid_amount, 5_000.0)
        statement.action_pay()
        self.assertEqual(statement.state, "paid")
        self.assertEqual(
            self._bills().mapped(lambda b: (b.state, b.amount_total)),
            [("posted", 5_000.0), ("cancel", 5_000.0)],
        )
        self.designer.invalidate_recordset(["loyalty_unpaid_amount"])
        self.assertEqual(self.designer.loyalty_unpaid_amount, 0.0)

    def test_edited_bill_cannot_be_posted_again(self):
        statement = self._paid_statement()
        bill = statement.move_id
        bill.button_draft()
        bill.invoice_line_ids.price_unit = 6_000
        with self.assertRaisesRegex(
            UserError,
            f"Payout bill {bill.name} must total .*5,000.00, the total of "
            "statement Anna Designer 2026-03",
        ):
            bill.action_post()
        bill.invoice_line_ids.price_unit = 5_000
        bill.partner_id = self.designer2
        with self.assertRaisesRegex(
            UserError,
            f"Payout bill {bill.name} must be addressed to designer Anna Designer",
        ):
            bill.action_post()
        bill.partner_id = self.designer
        bill.action_post()
        self.assertEqual((statement.state, bill.state), ("paid", "posted"))

    def test_deleted_bill_reopens_statement(self):
        statement = self._paid_statement()
        bill = statement.move_id
        bill_name = bill.name
        bill.button_draft()
        bill.unlink()
        self.assertEqual((statement.state, statement.move_id.id), ("confirmed", False))
        self.assertIn(f"Vendor bill {bill_name} deleted", statement.message_ids[0].body)
        statement.action_draft()
        statement.action_confirm()
        statement.action_pay()
        self.assertEqual(statement.state, "paid")
        self.assertEqual(self._bills().amount_total, 5_000.0)
