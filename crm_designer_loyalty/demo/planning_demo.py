# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Demo sales plans, run at the end of :meth:`.crm_designer_demo.CrmDesignerDemo.load`.

Monthly plans for the last ``past`` months and the next ``future`` ones, on
the demo's salespeople (guaranteed and planned sales each), teams and product
categories. A past plan's targets are its actual sales divided by a random
fulfilment between 75 % and 130 % (so that some lines are flagged), then it
is approved, its plan-fact, forecast, bonuses and scorecards computed, and the
bonuses of all but the last month approved. A future plan's targets are its
forecast plus 5 %, in draft. Before them: done calls, meetings and emails,
and open opportunities with, without and with an overdue next step."""

import random

from dateutil.relativedelta import relativedelta

from odoo import Command, fields

from ..analytics import planning

BANDS = ((0, 90, 0), (90, 105, 1), (105, 120, 1.2), (120, 0, 1.4))


class PlanningDemo:
    def __init__(self, env):
        self.env = env

    def load(self, past=12, future=3, seed=42, today=None):
        """Create the plans; return them."""
        rng = random.Random(seed)
        today = today or fields.Date.context_today(self.env.user)
        users = self.env["res.users"].search(
            [("login", "=like", "cdl_demo_sales_%")], order="login"
        )
        teams = users.sale_team_id
        categories = self.env["product.category"].search(
            [("parent_id.name", "=", "Interior")]
        )
        self._leads_and_activities(users, today)
        Plan = self.env["crm.sales.plan"]
        plans = Plan.browse()
        this_month = today.replace(day=1)
        for back in range(past, -future, -1):
            start = this_month - relativedelta(months=back)
            lines = [
                {"user_id": user.id, "nature": nature, "target_revenue": 1}
                for user in users
                for nature in ("guaranteed", "planned")
            ]
            lines += [{"team_id": team.id, "target_revenue": 1} for team in teams]
            lines += [{"categ_id": c.id, "target_revenue": 1} for c in categories]
            lines += [
                {"user_id": user.id, "categ_id": categories[:1].id, "target_revenue": 1}
                for user in users
            ]
            plan = Plan.create(
                {
                    "name": self.env._(
                        "Sales plan %(month)s", month=start.strftime("%m.%Y")
                    ),
                    "date_from": start,
                    "base_bonus": 50000,
                    "assortment_bonus": 5000,
                    "band_ids": [
                        Command.create(
                            {"lower_pct": low, "upper_pct": high, "coefficient": coef}
                        )
                        for low, high, coef in BANDS
                    ],
                    "line_ids": [Command.create(vals) for vals in lines],
                }
            )
            plans |= plan
            if back > 0:
                self._past_targets(rng, plan, this_month)
            else:
                plan.action_compute_forecast()
                for line in plan.line_ids:
                    line.target_revenue = round(
                        max(line.forecast_revenue * 1.05, 100_000), -4
                    )
            plan.action_compute_forecast()
        return plans

    def _past_targets(self, rng, plan, this_month):
        self.env.flush_all()
        # the actuals first (one UPDATE, no coordination activity yet)
        planning.plan_fact_update(self.env.cr, planning.make_params(plan), 0, 1e9)
        plan.line_ids.invalidate_recordset()
        for line in plan.line_ids:
            actual = line.actual_revenue
            line.target_revenue = (
                round(actual / rng.uniform(0.75, 1.3), -4) if actual > 0 else 100_000
            )
        plan.action_approve()
        plan.action_compute_plan_fact()
        plan.action_compute_bonuses()
        plan.action_compute_scorecards()
        if plan.date_from < this_month - relativedelta(months=1):
            plan.bonus_ids.action_approve()

    def _leads_and_activities(self, users, today):
        """For each salesperson: a call, a meeting and an email done on one of
        their clients, and three open opportunities: one with a next step,
        one with an overdue one, one without any."""
        Activity = self.env["mail.activity"]
        model_id = self.env["ir.model"]._get_id("res.partner")
        for user in users:
            client = self.env["res.partner"].search(
                [("user_id", "=", user.id), ("parent_id", "=", False)], limit=1
            )
            for xmlid in (
                "mail.mail_activity_data_call",
                "mail.mail_activity_data_meeting",
                "mail.mail_activity_data_email",
            ):
                if client:
                    Activity.create(
                        {
                            "res_model_id": model_id,
                            "res_id": client.id,
                            "activity_type_id": self.env.ref(xmlid).id,
                            "user_id": user.id,
                        }
                    ).with_user(user).action_done()
            leads = self.env["crm.lead"].create(
                [
                    {
                        "name": self.env._(
                            "%(name)s: project %(number)s",
                            name=user.name,
                            number=number,
                        ),
                        "type": "opportunity",
                        "user_id": user.id,
                        "team_id": user.sale_team_id.id,
                        "partner_id": client.id,
                    }
                    for number in (1, 2, 3)
                ]
            )
            for lead, days in zip(leads, (3, -5), strict=False):
                lead.activity_schedule(
                    "mail.mail_activity_data_call",
                    date_deadline=today + relativedelta(days=days),
                    user_id=user.id,
                )
