# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date

from odoo import Command
from odoo.exceptions import UserError, ValidationError
from odoo.tests import freeze_time, tagged

from .loyalty_common import LoyaltyCommon


@tagged("post_install", "-at_install")
class TestLoyaltyLedger(LoyaltyCommon):
    @staticmethod
    def _lines(*lines):
        """Untaxed invoice lines from (product or None, quantity, unit price)."""
        return [
            Command.create(
                {
                    "product_id": product.id if product else False,
                    "name": product.name if product else "Delivery",
                    "quantity": quantity,
                    "price_unit": price,
                    "tax_ids": [Command.clear()],
                }
            )
            for product, quantity, price in lines
        ]

    def _refund_of(self, invoice, *lines, pay=True):
        """Post (and pay) a credit note of ``invoice`` with the given lines (see
        _lines)."""
        refund = self._invoice(
            invoice.partner_id,
            0,
            date=date(2026, 4, 20),
            move_type="out_refund",
            designer_id=invoice.designer_id.id,
            reversed_entry_id=invoice.id,
            invoice_line_ids=self._lines(*lines),
        )
        if pay:
            self._pay(refund)
        return refund

    def _clawbacks(self):
        return [
            (r.product_id.name or r.move_line_id.name, r.rate, r.amount, r.points)
            for r in self._rewards(kind="clawback")
        ]

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
        self._paid_invoice(
            0,
            date(2026, 3, 10),
            invoice_line_ids=self._lines(
                *((product, 1, 10_000) for product in [self.product_a, *products])
            ),
        )
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
        # missed hook: entries never written (the ledger is append-only: no
        # method deletes them), the cron catches up; it crashes after one
        # committed batch, the next run resumes with the rest
        self.env.flush_all()
        self.env.cr.execute(
            "DELETE FROM designer_reward WHERE designer_id = %s", [self.designer.id]
        )
        self.env.invalidate_all()
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

    def test_refund_takes_the_invoice_designer(self):
        """Only the designer who earned a reward has it clawed back: a credit
        note attributed to another designer is refused, and one that got in
        anyway (direct database write) claws back from nobody."""
        invoice = self._paid_invoice(100_000, date(2026, 3, 10))
        with self.assertRaises(ValidationError) as caught, self.env.cr.savepoint():
            self._invoice(
                self.client,
                40_000,
                date=date(2026, 3, 20),
                move_type="out_refund",
                designer_id=self.designer2.id,
                reversed_entry_id=invoice.id,
            )
        self.assertEqual(
            str(caught.exception),
            "Credit note RINV/2026/00001 must be attributed to designer Anna "
            f"Designer, like invoice {invoice.name} it reverses: the clawback goes "
            "to the designer who earned the reward.",
        )
        refund = self._refund(invoice, 40_000, date(2026, 3, 20))
        self.env.cr.execute(
            "UPDATE account_move SET designer_id = %s WHERE id = %s",
            [self.designer2.id, refund.id],
        )
        refund.invalidate_recordset(["designer_id"])
        self._pay(refund)
        self.assertFalse(self._rewards(designer=self.designer2))
        self.assertEqual(
            [(r.kind, r.amount) for r in self._rewards()], [("accrual", 5_000.0)]
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
        self._set_first_rate(self.tier_base, reward_type="points")
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

    def test_refund_after_points_expiry(self):
        """Rule: points that expired are not clawed back a second time; points
        earned after the expiry are."""
        self._set_first_rate(self.tier_base, reward_type="points")
        self.company.loyalty_points_expiry_months = 6
        with freeze_time("2026-01-10"):
            expired = self._paid_invoice(100_000, date(2026, 1, 10))
        self.assertEqual(self.Reward._cron_expire_points(date(2026, 7, 10)), 1)
        with freeze_time("2026-08-01"):
            recent = self._paid_invoice(40_000, date(2026, 8, 1))
            self._paid_refund(expired, 100_000, date(2026, 8, 1))
            self._paid_refund(recent, 10_000, date(2026, 8, 1))
        self.assertEqual(
            self._rewards(kind="clawback").mapped(
                lambda r: (r.move_id.reversed_entry_id, r.base_amount, r.points)
            ),
            [(expired, -100_000.0, 0.0), (recent, -10_000.0, -500.0)],
        )
        self.designer.invalidate_recordset(["loyalty_points_balance"])
        self.assertEqual(self.designer.loyalty_points_balance, 1_500.0)

    def test_points_activity_delays_expiry(self):
        self._set_first_rate(self.tier_base, reward_type="points")
        self.company.loyalty_points_expiry_months = 6
        with freeze_time("2026-01-10"):
            self._paid_invoice(100_000, date(2026, 1, 10))
        with freeze_time("2026-05-01"):
            self._paid_invoice(20_000, date(2026, 5, 1))
        self.assertEqual(self.Reward._cron_expire_points(date(2026, 7, 10)), 0)
        self.assertEqual(self.Reward._cron_expire_points(date(2026, 11, 1)), 1)
        self.assertEqual(self._rewards(kind="expiry").points, -6_000.0)

    def test_refund_after_tier_rate_edit(self):
        """Rule: a credit note claws back what its invoice earned, even if the
        tier has a new rate since: a full refund brings the balance back to
        zero."""
        invoice = self._paid_invoice(100_000, date(2026, 3, 10))
        self.assertEqual(self.designer.loyalty_unpaid_amount, 5_000.0)
        self._new_rate(self.tier_base, date(2026, 4, 1), rate=8)
        self._paid_refund(invoice, 100_000, date(2026, 4, 20))
        self.assertRecordValues(
            self._rewards(kind="clawback"),
            [
                {
                    "base_amount": -100_000.0,
                    "rate": 5.0,
                    "amount": -5_000.0,
                    "points": 0.0,
                    "tier_id": self.tier_base.id,
                }
            ],
        )
        self.designer.invalidate_recordset(["loyalty_unpaid_amount"])
        self.assertEqual(self.designer.loyalty_unpaid_amount, 0.0)
        # invoices dated from 1 April earn the new rate
        self._paid_invoice(10_000, date(2026, 4, 21))
        self.assertEqual(self._rewards(kind="accrual")[-1].amount, 800.0)

    def test_refund_after_category_rule_changes(self):
        """Rules added or removed after the accrual do not change the clawback:
        a product excluded when accrued is not clawed back."""
        Categ = self.env["product.category"]
        Rule = self.env["designer.loyalty.category.rule"]
        lighting, samples, decor = Categ.create(
            [{"name": "Lighting"}, {"name": "Samples"}, {"name": "Decor"}]
        )
        lamp, fabric, vase = (
            self._create_product(name=name, categ_id=categ.id)
            for name, categ in (
                ("lamp", lighting),
                ("fabric", samples),
                ("vase", decor),
            )
        )
        decor_rule = Rule.create({"categ_id": decor.id, "mode": "excluded"})
        invoice = self._paid_invoice(
            0,
            date(2026, 3, 10),
            invoice_line_ids=self._lines(
                (lamp, 1, 10_000), (fabric, 1, 20_000), (vase, 1, 30_000)
            ),
        )
        # sorted: the order of the ids of one insert is not part of the contract
        self.assertEqual(
            sorted(self._rewards(kind="accrual").mapped("amount")), [500.0, 1_000.0]
        )
        Rule.create(
            [
                {
                    "categ_id": lighting.id,
                    "mode": "rate",
                    "rate": 12,
                    "date_from": date(2026, 4, 1),
                },
                {
                    "categ_id": samples.id,
                    "mode": "excluded",
                    "date_from": date(2026, 4, 1),
                },
            ]
        )
        decor_rule.unlink()
        self._refund_of(
            invoice, (lamp, 1, 10_000), (fabric, 1, 20_000), (vase, 1, 30_000)
        )
        self.assertEqual(
            sorted(self._clawbacks()),
            [("fabric", 5.0, -1_000.0, 0.0), ("lamp", 5.0, -500.0, 0.0)],
        )
        self.designer.invalidate_recordset(["loyalty_unpaid_amount"])
        self.assertEqual(self.designer.loyalty_unpaid_amount, 0.0)

    def test_partial_refund_at_accrual_rate(self):
        """A partial credit note claws back at the accrual rate; its lines of
        products not on the invoice (or without product), and credit notes
        without an original invoice, use the rate in force on the (original)
        invoice date of the tier in force on that date."""
        invoice = self._paid_invoice(
            0,
            date(2026, 3, 10),
            invoice_line_ids=self._lines(
                (self.product_a, 5, 2_000), (self.product_b, 1, 6_000)
            ),
        )
        self.assertEqual(self._rewards(kind="accrual").mapped("amount"), [500.0, 300.0])
        self._new_rate(self.tier_base, date(2026, 4, 1), rate=8)
        self._refund_of(
            invoice,
            (self.product_a, 2, 2_000),
            (self.payout_product, 1, 1_000),
            (None, 1, 500),
        )
        self.assertEqual(
            self._clawbacks(),
            [
                ("product_a", 5.0, -200.0, 0.0),
                ("Designer payout", 5.0, -50.0, 0.0),
                ("Delivery", 5.0, -25.0, 0.0),
            ],
        )
        standalone = self._invoice(
            self.client,
            2_000,
            date=date(2026, 4, 22),
            move_type="out_refund",
            designer_id=self.designer.id,
        )
        self._pay(standalone)
        self.assertEqual(
            self._rewards(kind="clawback", move_id=standalone.id).amount, -160.0
        )

    def test_refund_keeps_accrual_reward_type(self):
        """A tier switched from commission to points after the accrual: the
        clawback stays in money, the points balance untouched."""
        invoice = self._paid_invoice(100_000, date(2026, 3, 10))
        self.tier_base.reward_type = "points"
        self._paid_refund(invoice, 100_000, date(2026, 4, 20))
        self.assertEqual(self._clawbacks(), [("product_a", 5.0, -5_000.0, 0.0)])
        self.assertEqual(self._rewards(kind="clawback").tier_id, self.tier_base)
        self.designer.invalidate_recordset(
            ["loyalty_unpaid_amount", "loyalty_points_balance"]
        )
        self.assertEqual(self.designer.loyalty_unpaid_amount, 0.0)
        self.assertEqual(self.designer.loyalty_points_balance, 0.0)

    def _clawback_values(self):
        return [
            (r.move_id, r.base_amount, r.amount, r.points)
            for r in self._rewards(kind="clawback")
        ]

    def _assert_unpaid(self, amount):
        self.designer.invalidate_recordset(["loyalty_unpaid_amount"])
        self.assertEqual(self.designer.loyalty_unpaid_amount, amount)

    def test_partial_refunds_below_the_accrual_unchanged(self):
        invoice = self._paid_invoice(100_000, date(2026, 3, 10))
        first = self._paid_refund(invoice, 30_000, date(2026, 4, 20))
        second = self._paid_refund(invoice, 40_000, date(2026, 4, 21))
        self.assertEqual(
            self._clawback_values(),
            [(first, -30_000.0, -1_500.0, 0.0), (second, -40_000.0, -2_000.0, 0.0)],
        )
        self._assert_unpaid(1_500.0)

    def test_partial_refunds_capped_at_the_accrual(self):
        """Rule: the credit notes of an invoice never claw back more than it
        earned: the second 60 % credit note takes what is left, a third one
        writes a zero entry (processed, not selected again by the catch-up)."""
        invoice = self._paid_invoice(100_000, date(2026, 3, 10))
        first, second, third = (
            self._paid_refund(invoice, amount, date(2026, 4, day))
            for amount, day in ((60_000, 20), (60_000, 21), (10_000, 22))
        )
        self.assertEqual(
            self._clawback_values(),
            [
                (first, -60_000.0, -3_000.0, 0.0),
                (second, -40_000.0, -2_000.0, 0.0),
                (third, 0.0, 0.0, 0.0),
            ],
        )
        self.assertEqual(sum(self._rewards().mapped("amount")), 0.0)
        self._assert_unpaid(0.0)
        self.assertEqual(self.Reward._cron_accrue(), 0)
        self.assertEqual(self.Reward._accrue_moves((first + second + third).ids), 0)

    def test_refund_above_the_invoice_claws_back_the_accrual(self):
        invoice = self._paid_invoice(100_000, date(2026, 3, 10))
        refund = self._paid_refund(invoice, 150_000, date(2026, 4, 20))
        self.assertEqual(self._clawback_values(), [(refund, -100_000.0, -5_000.0, 0.0)])
        self._assert_unpaid(0.0)

    def test_points_clawback_capped_line_by_line(self):
        """Lines of one product on one credit note are capped in line order; a
        product not on the invoice is not capped (nothing to cap against)."""
        self._set_first_rate(self.tier_base, reward_type="points")
        invoice = self._paid_invoice(100_000, date(2026, 3, 10))
        self.assertEqual(self._rewards(kind="accrual").points, 5_000.0)
        self._refund_of(
            invoice,
            (self.product_a, 1, 70_000),
            (self.product_b, 1, 10_000),
            (self.product_a, 1, 50_000),
        )
        self.assertEqual(
            self._clawbacks(),
            [
                ("product_a", 5.0, 0.0, -3_500.0),
                ("product_b", 5.0, 0.0, -500.0),
                ("product_a", 5.0, 0.0, -1_500.0),
            ],
        )
        self.designer.invalidate_recordset(["loyalty_points_balance"])
        self.assertEqual(self.designer.loyalty_points_balance, -500.0)

    def test_credit_notes_capped_together_in_line_order(self):
        """Two credit notes waiting for the accrual of their unpaid invoice are
        written by one insert: the cap goes to the first line first, per
        product."""
        invoice = self._invoice(
            self.client,
            0,
            date=date(2026, 3, 10),
            designer_id=self.designer.id,
            invoice_line_ids=self._lines(
                (self.product_a, 1, 50_000), (self.product_b, 1, 50_000)
            ),
        )
        first, second = (
            self._refund_of(invoice, (self.product_a, 1, 40_000), pay=False)
            for __ in range(2)
        )
        self.assertEqual(invoice.payment_state, "partial")
        self.assertFalse(self._rewards())
        self._pay(invoice)
        self.assertEqual(
            self._clawback_values(),
            [(first, -40_000.0, -2_000.0, 0.0), (second, -10_000.0, -500.0, 0.0)],
        )
        self._assert_unpaid(2_500.0)

    def test_credit_notes_of_several_invoices_capped_in_one_call(self):
        """One insert (catch-up) of the credit notes of two invoices: each is
        capped at what is left of its own invoice's product, after the clawbacks
        written earlier; a product not on the invoice is not capped."""
        first = self._paid_invoice(100_000, date(2026, 3, 10))
        second = self._paid_invoice(50_000, date(2026, 3, 11))
        earlier = self._paid_refund(first, 60_000, date(2026, 4, 1))
        refunds = (
            self._refund_of(first, (self.product_a, 1, 30_000))
            + self._refund_of(second, (self.product_a, 1, 40_000))
            + self._refund_of(second, (self.product_a, 1, 40_000))
            + self._refund_of(first, (self.product_b, 1, 10_000))
        )
        expected = [
            (earlier, -60_000.0, -3_000.0, 0.0),
            (refunds[0], -30_000.0, -1_500.0, 0.0),
            (refunds[1], -40_000.0, -2_000.0, 0.0),
            (refunds[2], -10_000.0, -500.0, 0.0),
            (refunds[3], -10_000.0, -500.0, 0.0),
        ]
        self.assertEqual(self._clawback_values(), expected)
        self.env.cr.execute(
            "DELETE FROM designer_reward WHERE move_id = ANY(%s)", [refunds.ids]
        )
        self.Reward.invalidate_model()
        self.assertEqual(self.Reward._accrue_moves(refunds.ids), 4)
        self.assertEqual(self._clawback_values(), expected)
        self._assert_unpaid(0.0)
