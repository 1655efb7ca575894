# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date

from odoo import Command
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from .common import DesignerCrmCommon

TODAY = date(2026, 5, 15)


@tagged("post_install", "-at_install")
class TestDealCycle(DesignerCrmCommon):
    """Issue 16, deal cycle: parties, expenses and profitability of a deal,
    cancel reasons, staged schedules and the failure analysis."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.lead = cls.env["crm.lead"].create(
            {
                "name": "Loft furniture",
                "type": "opportunity",
                "partner_id": cls.client.id,
                "user_id": cls.user_sales.id,
                "expected_revenue": 10_000,
            }
        )
        cls.reason = (
            cls.env["sale.order.cancel.reason"]
            .with_user(cls.user_config)
            .create({"name": "Client found cheaper"})
            .with_env(cls.env)
        )

    def _quote(self, qty, price, **values):
        """A quotation of product_a (cost 800) without taxes."""
        return self.env["sale.order"].create(
            {
                "partner_id": self.client.id,
                "user_id": self.user_sales.id,
                "order_line": [
                    Command.create(
                        {
                            "product_id": self.product_a.id,
                            "product_uom_qty": qty,
                            "price_unit": price,
                            "tax_id": [Command.clear()],
                        }
                    )
                ],
                **values,
            }
        )

    # --- Parties, expenses, profitability --------------------------------------

    def test_01_profitability(self):
        """10 000 expected - 3 x 800 quoted cost - (300 + 500.5) expenses; a
        cancelled quotation's cost does not count."""
        self._quote(3, 2000, opportunity_id=self.lead.id)
        cancelled = self._quote(5, 2000, opportunity_id=self.lead.id)
        cancelled.action_cancel()
        self.assertEqual(cancelled.state, "cancel")
        lead = self.lead.with_user(self.user_sales)
        lead.write(
            {
                "cdl_expense_ids": [
                    Command.create({"kind": "delivery", "amount": 300}),
                    Command.create({"kind": "installation", "amount": 500.5}),
                ],
                "cdl_party_ids": [
                    Command.create({"partner_id": self.client.id, "role": "client"}),
                    Command.create(
                        {"partner_id": self.designer.id, "role": "designer"}
                    ),
                    Command.create({"partner_id": self.partner_a.id, "role": "payer"}),
                ],
            }
        )
        self.assertEqual(lead.cdl_product_cost, 2400)
        self.assertEqual(lead.cdl_expense_total, 800.5)
        self.assertAlmostEqual(lead.cdl_profit, 6799.5, places=2)
        self.assertEqual(
            lead.cdl_party_ids.mapped("role"), ["client", "designer", "payer"]
        )

    def test_02_expense_bad_input(self):
        Expense = self.env["crm.lead.expense"].with_user(self.user_sales)
        for amount in ("nan", float("inf")):
            with (
                self.assertRaisesRegex(ValidationError, "must be a finite number"),
                self.env.cr.savepoint(),
            ):
                Expense.create({"lead_id": self.lead.id, "amount": amount})
        with (
            self.assertRaisesRegex(ValidationError, "cannot be negative"),
            self.env.cr.savepoint(),
        ):
            Expense.create({"lead_id": self.lead.id, "amount": -5})
        self.assertFalse(self.lead.cdl_expense_ids)

    def test_03_deal_access(self):
        """A salesperson sees and edits the expenses and parties of their own
        deals only; a Sales Manager all of them."""
        expense = self.env["crm.lead.expense"].create(
            {"lead_id": self.lead.id, "kind": "designer_fee", "amount": 1000}
        )
        party = self.env["crm.lead.party"].create(
            {
                "lead_id": self.lead.id,
                "partner_id": self.designer.id,
                "role": "designer",
            }
        )
        for record in (expense, party):
            with self.assertRaises(AccessError):
                record.with_user(self.user_sales2).read(["lead_id"])
            record.with_user(self.user_manager).read(["lead_id"])
            record.with_user(self.user_sales).read(["lead_id"])
        with self.assertRaises(AccessError):
            self.env["crm.lead.expense"].with_user(self.user_sales2).create(
                {"lead_id": self.lead.id, "amount": 10}
            )
        self.assertEqual(
            self.env["crm.lead.expense"]
            .with_user(self.user_sales2)
            .search([("lead_id", "=", self.lead.id)]),
            self.env["crm.lead.expense"],
        )

    # --- Cancel reasons ---------------------------------------------------------

    def test_04_cancel_reason_required_on_confirmed_orders(self):
        draft = self._quote(1, 100)
        draft.action_cancel()  # a quotation needs no reason
        self.assertEqual(draft.state, "cancel")
        order = self._quote(1, 100)
        order.action_confirm()
        with self.assertRaisesRegex(UserError, "give a cancel reason"):
            order.with_context(disable_cancel_warning=True).action_cancel()
        with self.assertRaisesRegex(UserError, "give a cancel reason"):
            order.write({"state": "cancel", "cdl_cancel_reason_id": False})
        self.assertEqual(order.state, "sale")
        action = order.action_cancel()
        self.assertEqual(action["res_model"], "sale.order.cancel")
        wizard = (
            self.env["sale.order.cancel"]
            .with_context(**action["context"])
            .create({"order_id": order.id})
        )
        self.assertTrue(wizard.cdl_reason_required)
        wizard.cdl_cancel_reason_id = self.reason
        wizard.action_cancel()
        self.assertEqual(order.state, "cancel")
        self.assertEqual(order.cdl_cancel_reason_id, self.reason)
        order.action_draft()
        self.assertFalse(order.cdl_cancel_reason_id)

    def test_05_cancel_reason_configuration(self):
        with self.assertRaises(AccessError):
            self.env["sale.order.cancel.reason"].with_user(self.user_manager).create(
                {"name": "Too late"}
            )
        with self.assertRaisesRegex(ValidationError, "is required"):
            self.env["sale.order.cancel.reason"].with_user(self.user_config).create(
                {"name": "  "}
            )

    # --- Staged schedule --------------------------------------------------------

    def _scheduled_order(self):
        """4 x 250 = 1000, confirmed; payments 300 (1 May) and 700 (1 June),
        shipments 500 (10 May) and 500 (1 June)."""
        order = self._quote(4, 250)
        order.action_confirm()
        order.write(
            {
                "cdl_schedule_ids": [
                    Command.create(
                        {"kind": kind, "date_planned": day, "amount_planned": amount}
                    )
                    for kind, day, amount in (
                        ("payment", date(2026, 5, 1), 300),
                        ("payment", date(2026, 6, 1), 700),
                        ("shipment", date(2026, 5, 10), 500),
                        ("shipment", date(2026, 6, 1), 500),
                    )
                ]
            }
        )
        return order

    def test_06_schedule_actuals_and_overdue(self):
        order = self._scheduled_order().with_context(cdl_today=TODAY)
        stages = order.cdl_schedule_ids
        pay1, pay2, ship1, _ship2 = stages
        self.assertEqual(stages.mapped("is_overdue"), [True, False, True, False])
        self.assertTrue(order.cdl_schedule_overdue)
        # one unit delivered (250); invoiced in full, 400 collected
        order.order_line.qty_delivered = 1
        invoice = order._create_invoices()
        invoice.action_post()
        self._pay(invoice, amount=400, date=date(2026, 5, 5))
        stages.invalidate_recordset()
        self.assertEqual(stages.mapped("amount_actual"), [300, 100, 250, 0])
        self.assertEqual(stages.mapped("is_done"), [True, False, False, False])
        self.assertEqual(stages.mapped("is_overdue"), [False, False, True, False])
        Stage = self.env["sale.order.schedule"].with_context(cdl_today=TODAY)
        self.assertEqual(
            Stage.search([("order_id", "=", order.id), ("is_overdue", "=", True)]),
            ship1,
        )
        self.assertEqual(
            self.env["sale.order"]
            .with_context(cdl_today=TODAY)
            .search([("id", "=", order.id), ("cdl_schedule_overdue", "=", True)]),
            order,
        )
        # a credit note of 100 reconciled with the invoice: 100 less collected
        # (its part went to the credit note, not to cash)
        self._refund(invoice, 100, date(2026, 5, 6))
        stages.invalidate_recordset()
        self.assertEqual(pay1.amount_actual + pay2.amount_actual, 400)
        # the second month: everything delivered and paid
        order.order_line.qty_delivered = 4
        self._pay(invoice)
        stages.invalidate_recordset()
        self.assertEqual(
            stages.with_context(cdl_today=date(2026, 7, 1)).mapped("is_done"),
            [True, False, True, True],
        )
        self.assertEqual(pay2.amount_actual, 600)  # 1000 invoiced - 100 refunded - 300

    def test_07_schedule_bad_input_and_access(self):
        order = self._scheduled_order()
        Stage = self.env["sale.order.schedule"].with_user(self.user_sales)
        base = {"order_id": order.id, "kind": "payment", "date_planned": "2026-07-01"}
        with (
            self.assertRaisesRegex(ValidationError, "finite number"),
            self.env.cr.savepoint(),
        ):
            Stage.create({**base, "amount_planned": "inf"})
        with (
            self.assertRaisesRegex(ValidationError, "must be positive"),
            self.env.cr.savepoint(),
        ):
            Stage.create({**base, "amount_planned": 0})
        with (
            self.assertRaisesRegex(ValidationError, "YYYY-MM-DD"),
            self.env.cr.savepoint(),
        ):
            Stage.create({**base, "amount_planned": 10, "date_planned": "2026-02-30"})
        self.assertEqual(len(order.cdl_schedule_ids), 4)
        with self.assertRaises(AccessError):
            order.cdl_schedule_ids.with_user(self.user_sales2).read(["amount_planned"])
        order.cdl_schedule_ids.with_user(self.user_manager).read(["amount_planned"])

    # --- Failure analysis -------------------------------------------------------

    def test_08_failure_analysis(self):
        lost_reason = self.env["crm.lost.reason"].create({"name": "Too expensive"})
        self.lead.action_set_lost(lost_reason_id=lost_reason.id)
        cancelled = self._quote(2, 500)
        cancelled.action_confirm()
        cancelled.write({"state": "cancel", "cdl_cancel_reason_id": self.reason.id})
        self._quote(4, 500).action_confirm()
        self.env.flush_all()
        Report = self.env["crm.failure.report"]
        rows = Report.with_user(self.user_manager)._read_group(
            [("partner_id", "=", self.client.id)],
            ["kind", "lost_reason_id", "cancel_reason_id", "categ_id"],
            ["amount:sum", "deal_count:sum"],
        )
        categ = self.product_a.categ_id
        self.assertEqual(
            sorted((r[0], r[1], r[2], r[3], r[4], r[5]) for r in rows),
            sorted(
                [
                    (
                        "cancelled_order",
                        lost_reason.browse(),
                        self.reason,
                        categ,
                        1000,
                        1,
                    ),
                    (
                        "closed_order",
                        lost_reason.browse(),
                        self.reason.browse(),
                        categ,
                        2000,
                        1,
                    ),
                    (
                        "lost_deal",
                        lost_reason,
                        self.reason.browse(),
                        categ.browse(),
                        10_000,
                        1,
                    ),
                ]
            ),
        )
        # the salesperson's rows for them, none for another team's
        self.assertEqual(
            len(
                Report.with_user(self.user_sales).search(
                    [("partner_id", "=", self.client.id)]
                )
            ),
            3,
        )
        self.assertFalse(
            Report.with_user(self.user_sales2).search(
                [("partner_id", "=", self.client.id)]
            )
        )
