# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models
from odoo.tools import SQL


class CrmWorkPlanReport(models.Model):
    """Work plans: the activities planned (not done) for each user, by
    deadline, with the user's sales team (the department) and its leader. A
    salesperson reads their own and, as a team leader, their team members'
    (rules); a Sales Manager all of them."""

    _name = "crm.work.plan.report"
    _description = "Work Plan"
    _inherit = "crm.sql.view.report"
    _auto = False
    _order = "date_deadline, user_id, id"
    _rec_name = "summary"
    _depends = {
        "mail.activity": [
            "active",
            "date_deadline",
            "user_id",
            "activity_type_id",
            "summary",
            "res_model",
            "res_id",
            "res_name",
        ],
        "res.users": ["sale_team_id", "company_id"],
    }

    activity_id = fields.Many2one("mail.activity", readonly=True)
    date_deadline = fields.Date(string="Due Date", readonly=True)
    user_id = fields.Many2one("res.users", string="Assigned to", readonly=True)
    team_id = fields.Many2one("crm.team", string="Sales Team", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    activity_type_id = fields.Many2one("mail.activity.type", readonly=True)
    summary = fields.Char(readonly=True)
    res_model = fields.Char(string="Document Model", readonly=True)
    res_id = fields.Many2oneReference(
        string="Document ID", model_field="res_model", readonly=True
    )
    res_name = fields.Char(string="Document", readonly=True)
    state = fields.Selection(
        [("overdue", "Overdue"), ("today", "Today"), ("planned", "Planned")],
        readonly=True,
    )

    def _select(self):
        return SQL(
            """
            a.id, a.id AS activity_id, a.date_deadline, a.user_id,
            u.sale_team_id AS team_id, u.company_id, a.activity_type_id,
            COALESCE(a.summary, t.name ->> 'en_US') AS summary,
            a.res_model, a.res_id, a.res_name,
            CASE WHEN a.date_deadline < CURRENT_DATE THEN 'overdue'
                 WHEN a.date_deadline = CURRENT_DATE THEN 'today'
                 ELSE 'planned' END AS state
            """
        )

    def _from(self):
        return SQL(
            """
            mail_activity a
            JOIN res_users u ON u.id = a.user_id AND NOT u.share
            LEFT JOIN mail_activity_type t ON t.id = a.activity_type_id
            """
        )

    def _where(self):
        return SQL("a.active")

    def action_open_document(self):
        """The activity's document, as the user reads it (its own rules)."""
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": self.res_model,
            "res_id": self.res_id,
            "views": [(False, "form")],
            "target": "current",
        }
