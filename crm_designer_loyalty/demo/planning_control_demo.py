# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Demo of management control, run at the end of
:meth:`.crm_designer_demo.CrmDesignerDemo.load`: deliveries of the confirmed
orders (all delivered but those of the last ``recent_days``, of which every
other line is half delivered) for the ordered vs delivered report, and work
plans: the first salesperson of each team leads it, and every salesperson has
a meeting next week and a to-do the week after."""

from collections import defaultdict

from dateutil.relativedelta import relativedelta

from odoo import fields


class PlanningControlDemo:
    def __init__(self, env):
        self.env = env

    def load(self, recent_days=45, today=None):
        today = today or fields.Date.context_today(self.env.user)
        self._deliveries(today - relativedelta(days=recent_days))
        self._work_plans(today)

    def _deliveries(self, recent):
        lines = self.env["sale.order.line"].search(
            [("state", "=", "sale"), ("display_type", "=", False)], order="id"
        )
        delivered = defaultdict(lambda: self.env["sale.order.line"])
        for index, line in enumerate(lines):
            if line.order_id.date_order.date() >= recent and index % 2:
                delivered[line.product_uom_qty // 2] |= line
            else:
                delivered[line.product_uom_qty] |= line
        # one write per quantity
        for quantity, group in delivered.items():
            group.qty_delivered = quantity

    def _work_plans(self, today):
        users = self.env["res.users"].search(
            [("login", "=like", "cdl_demo_sales_%")], order="login"
        )
        for team in users.sale_team_id:
            team.user_id = users.filtered(lambda u, t=team: u.sale_team_id == t)[:1]
        Activity = self.env["mail.activity"]
        model_id = self.env["ir.model"]._get_id("res.partner")
        monday = today + relativedelta(weeks=1, weekday=0)
        plans = (
            ("mail.mail_activity_data_meeting", monday, self.env._("Showroom visit")),
            (
                "mail.mail_activity_data_todo",
                monday + relativedelta(weeks=1, days=2),
                self.env._("Send the quotation"),
            ),
        )
        for user in users:
            client = self.env["res.partner"].search(
                [("user_id", "=", user.id), ("parent_id", "=", False)], limit=1
            )
            if not client:
                continue
            # one at a time: a batch subscribes the same user once per activity
            for xmlid, day, summary in plans:
                Activity.create(
                    {
                        "res_model_id": model_id,
                        "res_id": client.id,
                        "activity_type_id": self.env.ref(xmlid).id,
                        "user_id": user.id,
                        "date_deadline": day,
                        "summary": summary,
                    }
                )
