# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""*Reverse and Create Invoice* on a payout bill (issue 12, payouts): the
credit note reopens the statement, the new draft bill is the statement's
bill; at most one posted payout bill per statement whatever follows."""

from odoo import api
from odoo.exceptions import UserError
from odoo.tests import tagged

from .dossier_common import DossierCommon
from .loyalty_common import LoyaltyCommon


@tagged("post_install", "-at_install")
class TestLoyaltyPayoutReversal(LoyaltyCommon, DossierCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.user_accountant = cls._create_user(
            "cdl_accountant", "account.group_account_invoice"
        )

    def _reverse_and_create(self, bill):
        """The accountant's *Reverse and Create Invoice* on ``bill``, as the
        web client calls it: the new draft bill."""
        Wizard = (
            self.env["account.move.reversal"]
            .with_user(self.user_accountant)
            .with_context(active_model="account.move", active_ids=bill.ids)
        )
        wizard = Wizard.create({"journal_id": bill.journal_id.id})
        action = api.call_kw(wizard, "modify_moves", [wizard.ids], {})
        return self.env["account.move"].browse(action["res_id"])

    def _bills(self):
        return (
            self.env["account.move"]
            .search(
                [
                    ("move_type", "in", ("in_invoice", "in_refund")),
                    ("partner_id", "=", self.designer.id),
                ],
                order="id",
            )
            .mapped(lambda b: (b.move_type, b.state, b.amount_total))
        )

    def _unpaid(self):
        self.designer.invalidate_recordset(["loyalty_unpaid_amount"])
        return self.designer.loyalty_unpaid_amount

    def _reversed_statement(self):
        """The March statement paid by a bill of 5 000, which the accountant
        reversed and replaced by a draft."""
        statement = self._paid_statement()
        bill = statement.move_id
        draft = self._reverse_and_create(bill)
        self.assertEqual(
            (draft.move_type, draft.state, draft.amount_total),
            ("in_invoice", "draft", 5_000.0),
        )
        self.assertEqual(draft.sudo().cdl_payout_statement_id, statement)
        self.assertEqual((statement.state, statement.move_id), ("confirmed", draft))
        self.assertEqual(bill.cdl_payout_reversal_id.state, "posted")
        self.assertIn(
            f"Draft vendor bill {draft.display_name} replaces the reversed one",
            statement.message_ids[0].body,
        )
        self.assertEqual(self._unpaid(), 5_000.0)
        return statement, bill, draft

    def test_new_draft_posted_pays_the_statement(self):
        statement, bill, draft = self._reversed_statement()
        draft.with_user(self.user_accountant).action_post()
        self.assertEqual((statement.state, statement.move_id), ("paid", draft))
        self.assertEqual(self._unpaid(), 0.0)
        self.assertEqual(
            self._bills(),
            [
                ("in_invoice", "posted", 5_000.0),
                ("in_refund", "posted", 5_000.0),
                ("in_invoice", "posted", 5_000.0),
            ],
        )
        # no second payout: the statement is paid, the reversed bill is not
        # posted again
        with self.assertRefused(UserError, "Cannot pay statement"):
            statement.with_user(self.user_loyalty).action_pay()
        bill.with_user(self.user_accountant).button_draft()
        with self.assertRefused(UserError, f"is paid by vendor bill {draft.name}"):
            bill.with_user(self.user_accountant).action_post()

    def test_pay_posts_the_new_draft(self):
        """The Loyalty Manager pays the reopened statement: the draft is
        posted, no other bill is made."""
        statement, _bill, draft = self._reversed_statement()
        statement.with_user(self.user_loyalty).action_pay()
        self.assertEqual((statement.state, statement.move_id), ("paid", draft))
        self.assertEqual(draft.state, "posted")
        self.assertEqual(len(self._bills()), 3)
        self.assertEqual(self._unpaid(), 0.0)

    def test_new_draft_with_another_total_or_deleted(self):
        """The draft must still total the statement; deleted, it leaves the
        statement confirmed, paid again by a new bill."""
        statement, _bill, draft = self._reversed_statement()
        draft = draft.with_user(self.user_accountant)
        draft.invoice_line_ids.price_unit = 6_000
        with self.assertRefused(UserError, "must total .*5,000.00"):
            draft.action_post()
        draft.unlink()
        self.assertEqual((statement.state, statement.move_id.id), ("confirmed", False))
        statement.with_user(self.user_loyalty).action_pay()
        self.assertEqual(
            self._bills(),
            [
                ("in_invoice", "posted", 5_000.0),
                ("in_refund", "posted", 5_000.0),
                ("in_invoice", "posted", 5_000.0),
            ],
        )
        self.assertEqual(statement.state, "paid")
        self.assertEqual(self._unpaid(), 0.0)
