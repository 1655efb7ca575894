# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date

from odoo import Command
from odoo.exceptions import UserError
from odoo.tests import freeze_time, tagged

from .loyalty_common import LoyaltyCommon


@tagged("post_install", "-at_install")
class TestLoyaltyLedger(LoyaltyCommon):
    def test_accrual_on_full_payment(self):
        invoice = self._invoice(
            self.client, 100_000, date=date(2026, 3, 10), designer_id=self.designer.id
        )
        self.assertFalse(self._rewards(), "no reward before payment")
        self._pay(invoice)
        reward = self._rewards()
        self.assertEqual(len(reward), 1)
        self.assertRecordValues(
            reward,
            [
                {
                    "kind": "accrual",
                    "move_id": invoice.id,
                    "move_line_id": invoice.invoice_line_ids.id,
                    "partner_id": self.client.id,
                    "date": date(2026, 3, 10),
                    "base_amount": 100_000.0,
                    "rate": 5.0,
                    "amount": 5_000.0,
                    "points": 0.0,
                    "tier_id": self.tier_base.id,
                    "state": "open",
                }
            ],
        )

    def test_partial_payment_accrues_once_settled(self):
        """Rule: a partial payment gives nothing; the whole invoice accrues once
        nothing is left to collect."""
        invoice = self._invoice(
            self.client, 100_000, date=date(2026, 3, 10), designer_id=self.designer.id
        )
        self._pay(invoice, amount=40_000)
        self.assertEqual(invoice.payment_state, "partial")
        self.assertFalse(self._rewards())
        self._pay(invoice, amount=60_000)
        self.assertIn(invoice.payment_state, ("paid", "in_payment"))
        reward = self._rewards()
        self.assertEqual(len(reward), 1)
        self.assertEqual(reward.amount, 5_000.0)

    def test_no_designer_no_reward(self):
        self._pay(self._invoice(self.client, 50_000, date=date(2026, 3, 10)))
        self.assertFalse(self.Reward.search([("partner_id", "=", self.client.id)]))

    def test_category_rules(self):
        Categ = self.env["product.category"]
        parent = Categ.create({"name": "Samples"})
        child = Categ.create({"name": "Fabric samples", "parent_id": parent.id})
        own = Categ.create({"name": "Lighting"})
        multi = Categ.create({"name": "Furniture"})
        self.env["designer.loyalty.category.rule"].create(
            [
                {"categ_id": parent.id, "mode": "excluded"},
                {"categ_id": own.id, "mode": "rate", "rate": 12},
                {"categ_id": multi.id, "mode": "multiplier", "multiplier": 2},
            ]
        )
        products = [
            self._create_product(name=name, categ_id=categ.id)
            for name, categ in (("fabric", child), ("lamp", own), ("sofa", multi))
        ]
        invoice = self._invoice(
            self.client,
            10_000,
            date=date(2026, 3, 10),
            designer_id=self.designer.id,
            invoice_line_ids=[
                Command.create(
                    {
                        "product_id": product.id,
                        "quantity": 1,
                        "price_unit": 10_000,
                        "tax_ids": [Command.clear()],
                    }
                )
                for product in [self.product_a, *products]
            ],
        )
        self._pay(invoice)
        self.assertEqual(
            [(r.product_id.name, r.rate, r.amount) for r in self._rewards()],
            [
                ("product_a", 5.0, 500.0),
                ("lamp", 12.0, 1_200.0),
                ("sofa", 10.0, 1_000.0),
            ],
        )

    def test_rerun_and_crash_resume(self):
        invoices = [
            self._paid_invoice(amount, date(2026, 3, day))
            for amount, day in ((10_000, 1), (20_000, 2), (30_000, 3))
        ]
        self.assertEqual(len(self._rewards()), 3)
        # re-running the accrual (hook or cron) adds nothing
        ids = [inv.id for inv in invoices]
        self.assertEqual(self.Reward._accrue_moves(ids), 0)
        self.assertEqual(self.Reward._cron_accrue(), 0)
        # missed hook: ledger lost, the cron catches up; it crashes after one
        # committed batch, the next run resumes with the rest
        self._rewards().unlink()
        self.assertEqual(self.Reward._cron_accrue(batch_size=1, max_batches=1), 1)
        self.assertEqual(len(self._rewards()), 1)
        self.assertEqual(self.Reward._cron_accrue(batch_size=1), 2)
        self.assertEqual(self.Reward._cron_accrue(batch_size=1), 0)
        self.assertEqual(
            sorted(self._rewards().mapped("amount")), [500.0, 1_000.0, 1_500.0]
        )

    def test_refund_claws_back_at_invoice_rate(self):
        invoice = self._paid_invoice(100_000, date(2026, 3, 10))
        # the designer reaches Silver on 1 April; the refund keeps the 5 % rate
        self.env["designer.tier.change"].create(
            {
                "designer_id": self.designer.id,
                "date": date(2026, 4, 1),
                "old_tier_id": self.tier_base.id,
                "new_tier_id": self.tier_silver.id,
                "direction": "up",
                "company_id": self.company.id,
            }
        )
        self._paid_refund(invoice, 40_000, date(2026, 4, 20))
        clawback = self._rewards(kind="clawback")
        self.assertRecordValues(
            clawback,
            [
                {
                    "base_amount": -40_000.0,
                    "rate": 5.0,
                    "amount": -2_000.0,
                    "tier_id": self.tier_base.id,
                }
            ],
        )

    def test_cancelled_unpaid_invoice_nets_to_zero(self):
        """An unpaid invoice fully reversed by a credit note is settled: accrual
        and clawback net to zero."""
        invoice = self._invoice(
            self.client, 30_000, date=date(2026, 3, 10), designer_id=self.designer.id
        )
        wizard = (
            self.env["account.move.reversal"]
            .with_context(active_model="account.move", active_ids=invoice.ids)
            .create({"journal_id": invoice.journal_id.id, "date": date(2026, 3, 12)})
        )
        wizard.refund_moves()
        refund = invoice.reversal_move_ids
        self.assertEqual(refund.designer_id, self.designer)
        refund.action_post()
        self.assertEqual(invoice.payment_state, "reversed")
        self.assertEqual(sorted(self._rewards().mapped("amount")), [-1_500.0, 1_500.0])

    def test_ledger_is_immutable(self):
        self._paid_invoice(10_000, date(2026, 3, 10))
        reward = self._rewards()
        with self.assertRaises(UserError):
            reward.amount = 1
        statement = self._statement(2026, 3)
        statement.action_confirm()
        with self.assertRaises(UserError):
            reward.unlink()
        with self.assertRaises(UserError):
            statement.unlink()

    def test_points_and_expiry(self):
        self.tier_base.reward_type = "points"
        self.company.loyalty_points_expiry_months = 6
        with freeze_time("2026-01-10"):
            self._paid_invoice(100_000, date(2026, 1, 10))
        reward = self._rewards()
        self.assertEqual((reward.amount, reward.points), (0.0, 5_000.0))
        self.assertEqual(self.designer.loyalty_points_balance, 5_000.0)
        self.assertEqual(self.Reward._cron_expire_points(date(2026, 7, 9)), 0)
        self.assertEqual(self.Reward._cron_expire_points(date(2026, 7, 10)), 1)
        expiry = self._rewards(kind="expiry")
        self.assertEqual((expiry.points, expiry.date), (-5_000.0, date(2026, 7, 10)))
        self.designer.invalidate_recordset(["loyalty_points_balance"])
        self.assertEqual(self.designer.loyalty_points_balance, 0.0)
        # same day re-run and later run: nothing left to expire
        self.assertEqual(self.Reward._cron_expire_points(date(2026, 7, 10)), 0)
        self.assertEqual(self.Reward._cron_expire_points(date(2026, 9, 1)), 0)

    def test_points_activity_delays_expiry(self):
        self.tier_base.reward_type = "points"
        self.company.loyalty_points_expiry_months = 6
        with freeze_time("2026-01-10"):
            self._paid_invoice(100_000, date(2026, 1, 10))
        with freeze_time("2026-05-01"):
            self._paid_invoice(20_000, date(2026, 5, 1))
        self.assertEqual(self.Reward._cron_expire_points(date(2026, 7, 10)), 0)
        self.assertEqual(self.Reward._cron_expire_points(date(2026, 11, 1)), 1)
        self.assertEqual(self._rewards(kind="expiry").points, -6_000.0)
