# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import new_test_user, tagged

from .planning_common import PlanningCommon

BANDS = ((0, 90, 0), (90, 105, 1), (105, 120, 1.2), (120, 0, 1.5))


@tagged("post_install", "-at_install")
class TestPlanBonus(PlanningCommon):
    """Five salespeople, each with a revenue target of 10 000 in March 2026 and
    sales of 8 999, 9 000, 10 500, 12 000 and 15 000: fulfilment 89.99 %, 90 %,
    105 %, 120 % and 150 %. Base bonus 1 000, bands 0-90 x0, 90-105 x1,
    105-120 x1.2, from 120 x1.5 (capped). The third one also fulfils a Lighting
    line (target 500, sold 600): assortment bonus 100."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.sellers = [
            new_test_user(
                cls.env,
                f"cdl_bonus_{index}",
                groups="base.group_user,crm_designer_loyalty.group_designer_user",
                company_id=cls.company.id,
                company_ids=cls.company.ids,
            )
            for index in range(5)
        ]
        amounts = [8999, 9000, 10500, 12000, 15000]
        lines = []
        for seller, amount in zip(cls.sellers, amounts, strict=True):
            cls._sale(cls.client, seller, amount, date(2026, 3, 10))
            lines.append({"user_id": seller.id, "target_revenue": 10000})
        # the third one's lamp sales count in their overall line too
        cls._sale(cls.client, cls.sellers[2], 600, date(2026, 3, 11), cls.lamp)
        cls._sale(
            cls.client, cls.sellers[2], 600, date(2026, 3, 12), move_type="out_refund"
        )
        lines.append(
            {
                "user_id": cls.sellers[2].id,
                "categ_id": cls.lighting.id,
                "target_revenue": 500,
            }
        )
        cls.plan = cls._plan(
            lines,
            base_bonus=1000,
            assortment_bonus=100,
            band_ids=cls._bands(*BANDS),
        )
        cls.plan.action_compute_plan_fact()
        cls.plan.action_approve()
        cls.plan.action_compute_bonuses()
        cls.bonuses = {b.user_id: b for b in cls.plan.bonus_ids}

    def test_bonus_at_each_band_edge(self):
        self.assertEqual(
            [
                (
                    self.bonuses[s].fulfilment,
                    self.bonuses[s].coefficient,
                    self.bonuses[s].amount,
                )
                for s in self.sellers
            ],
            [
                (89.99, 0, 0),
                (90.0, 1, 1000),
                (105.0, 1.2, 1200 + 100),
                (120.0, 1.5, 1500),
                (150.0, 1.5, 1500),
            ],
        )
        self.assertEqual(self.bonuses[self.sellers[2]].assortment_lines, 1)
        self.assertEqual(self.bonuses[self.sellers[2]].assortment_bonus, 100)

    def test_approved_bonus_is_locked(self):
        bonus = self.bonuses[self.sellers[1]]
        bonus.with_user(self.user_manager).action_approve()
        self.assertEqual(bonus.state, "approved")
        self.assertEqual(bonus.approved_by_id, self.user_manager)
        with self.assertRaises(UserError):
            bonus.sudo().amount = 5000
        with self.assertRaises(UserError):
            bonus.sudo().unlink()
        # a new computation keeps it as approved
        self.plan.action_compute_bonuses()
        self.assertEqual(bonus.amount, 1000)
        with self.assertRaises(UserError):
            self.plan.action_reset_draft()

    def test_nobody_writes_a_bonus(self):
        bonus = self.bonuses[self.sellers[1]]
        for user in (self.sellers[1], self.user_manager, self.user_config):
            with self.assertRaises(AccessError):
                bonus.with_user(user).write({"amount": 9999})
            with self.assertRaises(AccessError):
                self.env["crm.sales.bonus"].with_user(user).create(
                    {"plan_id": self.plan.id, "user_id": user.id, "amount": 1}
                )
        with self.assertRaises(UserError):
            bonus.with_user(self.sellers[1]).action_approve()
        with self.assertRaises(UserError):
            self.plan.with_user(self.sellers[1]).action_compute_bonuses()

    def test_salesperson_sees_own_bonus_and_lines(self):
        seller = self.sellers[2]
        Bonus = self.env["crm.sales.bonus"].with_user(seller)
        self.assertEqual(Bonus.search([]), self.bonuses[seller])
        lines = self.env["crm.sales.plan.line"].with_user(seller).search([])
        self.assertEqual(lines.user_id, seller)
        self.assertEqual(len(lines), 2)
        with self.assertRaises(AccessError):
            self.bonuses[self.sellers[0]].with_user(seller).read(["amount"])

    def test_bands_without_gap_or_overlap(self):
        plan = self._plan(
            [{"user_id": self.user_sales.id, "target_revenue": 1}],
            start=date(2026, 5, 1),
        )
        cases = {
            "overlap": ((0, 95, 0), (90, 0, 1)),
            "gap": ((0, 90, 0), (95, 0, 1)),
            "not from 0": ((10, 90, 0), (90, 0, 1)),
            "closed last": ((0, 90, 0), (90, 150, 1)),
            "open middle": ((0, 0, 0), (90, 0, 1)),
        }
        for case, bands in cases.items():
            with self.subTest(case), self.assertRaises(ValidationError):
                plan.write({"band_ids": self._bands(*bands)})
            self.assertFalse(plan.band_ids, case)
        with self.assertRaises(ValidationError):
            plan.write({"band_ids": self._bands((0, 90, float("nan")), (90, 0, 1))})
        # bands created one by one, with a gap: approval refuses the plan
        Band = self.env["crm.sales.plan.band"].with_user(self.user_manager)
        Band.create({"plan_id": plan.id, "lower_pct": 0, "upper_pct": 80})
        Band.create({"plan_id": plan.id, "lower_pct": 90, "coefficient": 1})
        with self.assertRaises(ValidationError):
            plan.action_approve()
        self.assertEqual(plan.state, "draft")
        with self.assertRaises(UserError):
            plan.action_compute_bonuses()
        self.assertFalse(plan.bonus_ids)

    def test_approved_plan_is_locked(self):
        line = self.plan.line_ids[0]
        with self.assertRaises(UserError):
            line.target_revenue = 1
        with self.assertRaises(UserError):
            self.plan.base_bonus = 5000
        with self.assertRaises(UserError):
            self.plan.band_ids[0].coefficient = 3
        with self.assertRaises(UserError):
            self.Line.create(
                {
                    "plan_id": self.plan.id,
                    "user_id": self.user_sales.id,
                    "target_revenue": 1,
                }
            )
        with self.assertRaises(UserError):
            line.unlink()
        # the coordination note stays open to the Sales Manager
        line.coordination_note = "Two large orders slipped to April."
        self.assertEqual(line.coordination_note, "Two large orders slipped to April.")
