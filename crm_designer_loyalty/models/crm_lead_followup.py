# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import timedelta

from odoo import api, fields, models
from odoo.osv import expression


class CrmLead(models.Model):
    """No inquiry lost: open leads and opportunities without a next step (no
    activity, or an overdue one), and a daily to-do for the team's Sales
    Manager on those left without any activity for the days set in Settings."""

    _inherit = "crm.lead"  # pylint: disable=consider-merging-classes-inherited

    cdl_no_next_step = fields.Boolean(
        string="No Next Step",
        compute="_compute_cdl_no_next_step",
        search="_search_cdl_no_next_step",
        help="Open, and without a planned activity or with an overdue one.",
    )

    @api.depends("activity_ids", "activity_date_deadline", "probability", "active")
    def _compute_cdl_no_next_step(self):
        today = fields.Date.context_today(self)
        for lead in self:
            lead.cdl_no_next_step = (
                lead.active
                and lead.probability < 100
                and (
                    not lead.activity_date_deadline
                    or lead.activity_date_deadline < today
                )
            )

    def _search_cdl_no_next_step(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise NotImplementedError(operator)
        today = fields.Date.context_today(self)
        domain = [
            ("probability", "<", 100),
            "|",
            ("activity_ids", "=", False),
            ("activity_date_deadline", "<", today),
        ]
        if (operator == "=") == value:
            return domain
        return ["!", *expression.normalize_domain(domain)]

    @api.model
    def _cron_cdl_no_next_step(self):
        """A to-do for the team's Sales Manager on each open lead of a company
        that has had no activity for the company's number of days."""
        todo = self.env.ref("mail.mail_activity_data_todo")
        for company in self.env["res.company"].search(
            [("cdl_no_next_step_days", ">", 0)]
        ):
            limit = fields.Datetime.now() - timedelta(
                days=company.cdl_no_next_step_days
            )
            leads = self.search(
                [
                    ("company_id", "=", company.id),
                    ("probability", "<", 100),
                    ("activity_ids", "=", False),
                    ("team_id.user_id", "!=", False),
                    ("date_last_stage_update", "<", limit),
                    ("write_date", "<", limit),
                ]
            )
            self.env["mail.activity"].create(
                [
                    {
                        "res_model_id": self.env["ir.model"]._get_id("crm.lead"),
                        "res_id": lead.id,
                        "activity_type_id": todo.id,
                        "user_id": lead.team_id.user_id.id,
                        "summary": self.env._("No next step"),
                        "note": self.env._(
                            "%(lead)s (%(user)s) has had no next step for "
                            "%(days)s days.",
                            lead=lead.name,
                            user=lead.user_id.name or "-",
                            days=company.cdl_no_next_step_days,
                        ),
                    }
                    for lead in leads
                ]
            )
