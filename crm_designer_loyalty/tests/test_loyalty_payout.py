# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Payouts and the program's protections, as the roles that broke them
(issue 12, items 3, 4, 6 and 7): a Loyalty Manager sending the program's
context key through RPC or an import, an accountant re-posting or crediting a
payout bill."""

import re
from datetime import date

import psycopg2

from odoo import Command, api
from odoo.exceptions import UserError
from odoo.tests import tagged
from odoo.tools import mute_logger

from ..models.loyalty_program import as_program
from .loyalty_common import LoyaltyCommon

# what a client can put in the context of a request or an import
CLIENT_CONTEXT = {"designer_reward_system": True}


@tagged("post_install", "-at_install")
class TestLoyaltyPayout(LoyaltyCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.user_accountant = cls._create_user(
            "cdl_accountant", "account.group_account_invoice"
        )

    def _rpc(self, user, model, method, *args):
        """``method`` of ``model`` called by ``user`` as JSON-RPC does
        (``call_kw``), with the program's context key in the request context."""
        return api.call_kw(
            self.env[model].with_user(user),
            method,
            list(args),
            {"context": CLIENT_CONTEXT},
        )

    def _bills(self):
        """The designer's vendor bills and credit notes, oldest first."""
        return self.env["account.move"].search(
            [
                ("move_type", "in", ("in_invoice", "in_refund")),
                ("partner_id", "=", self.designer.id),
            ],
            order="id",
        )

    def _unpaid(self):
        self.designer.invalidate_recordset(["loyalty_unpaid_amount"])
        return self.designer.loyalty_unpaid_amount

    def _confirmed_statement(self):
        self._paid_invoice(100_000, date(2026, 3, 10))
        statement = self._statement(2026, 3)
        statement.action_confirm()
        return statement

    # --- Item 4: the context key is no permission ------------------------------

    def test_context_key_does_not_unlock_statements_through_rpc(self):
        """A Loyalty Manager sending ``designer_reward_system`` through RPC
        neither raises a confirmed statement's carry-in, nor creates a
        confirmed statement with a carry-in, nor resets one to draft to delete
        it: nothing is written."""
        statement = self._confirmed_statement()
        Statement = "designer.reward.statement"
        with self.assertRaisesRegex(
            UserError, "Carried In can only be changed by the statement buttons"
        ):
            self._rpc(
                self.user_loyalty,
                Statement,
                "write",
                statement.ids,
                {"carry_in_amount": 5_000},
            )
        with self.assertRaisesRegex(UserError, "created by Generate Statements"):
            self._rpc(
                self.user_loyalty,
                Statement,
                "create",
                {
                    "designer_id": self.designer.id,
                    "date_from": "2026-04-01",
                    "state": "confirmed",
                    "carry_in_amount": 777,
                },
            )
        with self.assertRaisesRegex(UserError, "can only be changed by the statement"):
            self._rpc(
                self.user_loyalty, Statement, "write", statement.ids, {"state": "draft"}
            )
        with self.assertRaisesRegex(UserError, "Cannot delete statement"):
            self._rpc(self.user_loyalty, Statement, "unlink", statement.ids)
        self.assertEqual(self.Statement.search([]), statement)
        self.assertRecordValues(
            statement,
            [{"state": "confirmed", "carry_in_amount": 0, "amount_total": 5_000.0}],
        )
        self.assertEqual(
            self._rewards().mapped(lambda r: (r.statement_id, r.state, r.amount)),
            [(statement, "locked", 5_000.0)],
        )

    def test_context_key_does_not_unlock_statements_through_import(self):
        """The same through an import (``load``) with that context: every row
        is refused, nothing is written."""
        statement = self._confirmed_statement()
        Statement = self.Statement.with_user(self.user_loyalty).with_context(
            **CLIENT_CONTEXT
        )
        result = Statement.load([".id", "carry_in_amount"], [[statement.id, "5000"]])
        self.assertFalse(result["ids"])
        self.assertIn(
            "can only be changed by the statement buttons",
            result["messages"][0]["message"],
        )
        result = Statement.load(
            ["designer_id/.id", "date_from", "state", "carry_in_amount"],
            [[self.designer.id, "2026-04-01", "confirmed", "777"]],
        )
        self.assertFalse(result["ids"])
        self.assertIn(
            "created by Generate Statements", result["messages"][0]["message"]
        )
        self.assertEqual(self.Statement.search([]), statement)
        self.assertEqual(statement.carry_in_amount, 0.0)

    def test_deleted_statement_leaves_its_entries_open(self):
        """Deleting a draft statement puts its entries back open on no
        statement, even entries left locked on it."""
        statement = self._confirmed_statement()
        as_program(statement).state = "draft"
        self.assertEqual(self._rewards().state, "locked")
        statement.with_user(self.user_loyalty).unlink()
        self.assertEqual(
            self._rewards().mapped(lambda r: (r.statement_id.id, r.state, r.amount)),
            [(False, "open", 5_000.0)],
        )

    # --- Item 3: one posted payout bill per statement --------------------------

    def test_cancelled_bill_posted_again_after_second_payment_refused(self):
        """Paid (bill 1), bill 1 cancelled by the accountant, paid again by the
        Loyalty Manager (bill 2), bill 1 reset to draft and posted again: refused,
        in the model (naming the statement and the other bill) and in the
        database."""
        statement = self._paid_statement()
        bill1 = statement.move_id.with_user(self.user_accountant)
        bill1.button_draft()
        bill1.button_cancel()
        self.assertEqual(statement.state, "confirmed")
        statement.with_user(self.user_loyalty).action_pay()
        bill2 = statement.move_id
        self.assertNotEqual(bill1, bill2)
        bill1.button_draft()
        with self.assertRaisesRegex(
            UserError,
            f"Statement Anna Designer 2026-03 is paid by vendor bill {bill2.name}: "
            f"vendor bill {bill1.name}, which paid it before, cannot be posted "
            "again",
        ):
            bill1.action_post()
        self.assertEqual(
            self._bills().mapped(lambda b: (b.state, b.amount_total)),
            [("draft", 5_000.0), ("posted", 5_000.0)],
        )
        self.assertEqual((bill1 | bill2).mapped("cdl_payout_statement_id"), statement)
        # the database refuses a second posted bill of the statement too
        with (
            self.assertRaises(psycopg2.errors.UniqueViolation),
            mute_logger("odoo.sql_db"),
            self.env.cr.savepoint(),
        ):
            self.env.cr.execute(
                "UPDATE account_move SET state = 'posted' WHERE id = %s", bill1.ids
            )
        self.assertEqual(self._unpaid(), 0.0)

    def test_cancelled_bill_posted_again_refused(self):
        """A cancelled payout bill no longer pays its statement: posting it
        again is refused, the statement is paid again from it."""
        statement = self._paid_statement()
        bill = statement.move_id.with_user(self.user_accountant)
        bill.button_cancel()
        bill.button_draft()
        with self.assertRaisesRegex(
            UserError,
            f"Vendor bill {bill.name} no longer pays statement Anna Designer 2026-03",
        ):
            bill.action_post()
        self.assertEqual((statement.state, bill.state), ("confirmed", "draft"))
        self.assertEqual(self._unpaid(), 5_000.0)

    def test_payout_links_set_by_the_program_only(self):
        """An accountant can neither link a bill to a statement nor unlink
        one; a statement once paid by a bill cannot be deleted."""
        statement = self._paid_statement()
        bill = statement.move_id.with_user(self.user_accountant)
        for values in (
            {"cdl_payout_statement_id": False},
            {"cdl_payout_reversal_id": bill.id},
        ):
            with self.assertRaisesRegex(UserError, "loyalty program only"):
                bill.write(values)
        with self.assertRaisesRegex(UserError, "loyalty program only"):
            self.env["account.move"].with_user(self.user_accountant).create(
                {
                    "move_type": "in_invoice",
                    "partner_id": self.designer.id,
                    "cdl_payout_statement_id": statement.id,
                }
            )
        bill.button_cancel()
        statement.with_user(self.user_loyalty).action_draft()
        with self.assertRaisesRegex(
            UserError,
            f"paid by vendor bill\\(s\\) {re.escape(bill.display_name)} "
            ".* cannot be deleted",
        ):
            statement.with_user(self.user_loyalty).unlink()
        self.assertEqual(bill.cdl_payout_statement_id, statement)

    # --- Item 6: a credit note reverses the payout -----------------------------

    def _credit_note(self, bill, amount=None):
        """A vendor credit note of ``bill`` by the accountant: the reversal
        wizard (the whole bill), or one line of ``amount``."""
        Move = self.env["account.move"].with_user(self.user_accountant)
        if amount is None:
            wizard = (
                self.env["account.move.reversal"]
                .with_user(self.user_accountant)
                .with_context(active_model="account.move", active_ids=bill.ids)
                .create({"journal_id": bill.journal_id.id, "date": date(2026, 4, 5)})
            )
            return Move.browse(wizard.refund_moves()["res_id"])
        return Move.create(
            {
                "move_type": "in_refund",
                "partner_id": self.designer.id,
                "reversed_entry_id": bill.id,
                "invoice_date": date(2026, 4, 5),
                "invoice_line_ids": [
                    Command.create(
                        {
                            "product_id": self.payout_product.id,
                            "quantity": 1,
                            "price_unit": amount,
                            "tax_ids": [Command.clear()],
                        }
                    )
                ],
            }
        )

    def test_credit_note_reopens_statement(self):
        """A payout bill credited in full no longer pays: the statement is
        confirmed again and its 5 000 unpaid, to be paid again with a new bill.
        A partial credit note is refused; the credit note stays posted."""
        statement = self._paid_statement()
        bill = statement.move_id
        partial = self._credit_note(bill, 1_000)
        with self.assertRaisesRegex(
            UserError,
            "must credit all of payout bill .*5,000.00.*statement Anna Designer "
            "2026-03 is paid again",
        ):
            partial.action_post()
        self.assertEqual((statement.state, statement.move_id), ("paid", bill))
        self.assertEqual(self._unpaid(), 0.0)
        partial.unlink()

        refund = self._credit_note(bill)
        refund.action_post()
        self.assertEqual(refund.amount_total, 5_000.0)
        self.assertEqual((statement.state, statement.move_id.id), ("confirmed", False))
        self.assertIn(
            f"Vendor bill {bill.name} reversed by a credit note",
            statement.message_ids[0].body,
        )
        self.assertEqual(bill.cdl_payout_reversal_id, refund)
        self.assertEqual(self._unpaid(), 5_000.0)
        with self.assertRaisesRegex(
            UserError, f"Credit note {refund.name} reversed payout bill {bill.name}"
        ):
            refund.button_draft()

        statement.with_user(self.user_loyalty).action_pay()
        bill2 = statement.move_id
        self.assertEqual(
            self._bills().mapped(lambda b: (b.move_type, b.state, b.amount_total)),
            [
                ("in_invoice", "posted", 5_000.0),
                ("in_refund", "posted", 5_000.0),
                ("in_invoice", "posted", 5_000.0),
            ],
        )
        self.assertEqual((statement.state, bill2.state), ("paid", "posted"))
        self.assertEqual(self._unpaid(), 0.0)
        # the credited bill does not pay again, nor is it credited twice
        with self.assertRaisesRegex(UserError, "no longer pays statement"):
            self._credit_note(bill).action_post()
        bill.with_user(self.user_accountant).button_draft()
        with self.assertRaisesRegex(UserError, f"is paid by vendor bill {bill2.name}"):
            bill.with_user(self.user_accountant).action_post()

    # --- Item 7: emails and statement header -----------------------------------

    def _tier_email(self, designer, tier):
        return designer.message_ids.filtered(
            lambda m: m.subject == f"Your loyalty tier is now {tier.name}"
        )

    def test_first_tier_review_emails_the_designer(self):
        """The first review of a designer sends the tier email, like later ones,
        with a space after the tier name."""
        self.designer.with_user(self.user_loyalty).action_loyalty_review()
        self.assertEqual(self.designer.loyalty_tier_id, self.tier_base)
        message = self._tier_email(self.designer, self.tier_base)
        self.assertEqual(len(message), 1)
        self.assertIn(
            "<strong>Base</strong>, with a reward rate of 5.0 %", message.body
        )
        self.assertTrue(
            self.env["mail.mail"].search([("mail_message_id", "=", message.id)])
        )
        self._invoice(self.client, 1_100_000, designer_id=self.designer.id)
        self.designer.with_user(self.user_loyalty).action_loyalty_review()
        message = self._tier_email(self.designer, self.tier_silver)
        self.assertIn(
            "<strong>Silver</strong>, with a reward rate of 7.0 %", message.body
        )

    def test_statement_header_shows_the_tier_of_its_entries(self):
        """March earned 5 000 at the base tier; the designer reached Gold in
        April, before the March statement was generated: its header shows
        Base, the tier of its entries."""
        self._paid_invoice(100_000, date(2026, 3, 10))
        self._invoice(
            self.client, 3_100_000, date=date(2026, 3, 20), designer_id=self.designer.id
        )
        self.env["designer.loyalty.tier"]._tier_review(
            review_date=date(2026, 4, 1), designer_ids=self.designer.ids
        )
        self.assertEqual(self.designer.loyalty_tier_id, self.tier_gold)
        statement = self._statement(2026, 3)
        self.assertEqual(
            self._rewards().mapped(lambda r: (r.tier_id, r.amount)),
            [(self.tier_base, 5_000.0)],
        )
        self.assertEqual(statement.tier_id, self.tier_base)
