# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import timedelta

from odoo import api, fields, models
from odoo.osv import expression
from odoo.tools import SQL

NEXT_STEPS = [
    ("missing", "No Next Step"),
    ("overdue", "Overdue"),
    ("planned", "Planned"),
    ("won", "Won"),
]


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
    cdl_next_step = fields.Selection(
        NEXT_STEPS,
        string="Next Step",
        compute="_compute_cdl_next_step",
        search="_search_cdl_next_step",
        help="Open leads without any activity, with an overdue one, with a "
        "planned one; won ones. The pipeline counts them in its side panel.",
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

    @api.depends("activity_ids", "activity_date_deadline", "probability")
    def _compute_cdl_next_step(self):
        today = fields.Date.context_today(self)
        for lead in self:
            if lead.probability >= 100:
                lead.cdl_next_step = "won"
            elif not lead.activity_ids:
                lead.cdl_next_step = "missing"
            elif lead.activity_date_deadline < today:
                lead.cdl_next_step = "overdue"
            else:
                lead.cdl_next_step = "planned"

    def _search_cdl_next_step(self, operator, value):
        if operator in ("=", "!="):
            operator, value = ("in" if operator == "=" else "not in"), [value]
        if operator not in ("in", "not in"):
            raise NotImplementedError(operator)
        today = fields.Date.context_today(self)
        open_lead = [("probability", "<", 100)]
        overdue = [("activity_date_deadline", "<", today)]
        domains = {
            "won": [("probability", ">=", 100)],
            "missing": [*open_lead, ("activity_ids", "=", False)],
            "overdue": [*open_lead, *overdue],
            "planned": [
                *open_lead,
                ("activity_ids", "!=", False),
                "!",
                *overdue,
            ],
        }
        # every lead has a next step: False matches none
        domain = expression.OR(
            [domains[step] for step in value if step] or [expression.FALSE_DOMAIN]
        )
        if operator == "in":
            return domain
        return ["!", *expression.normalize_domain(domain)]

    def _read_group_groupby(self, groupby_spec, query):
        """Group by next step (the pipeline's side panel counts): the SQL of
        ``activity_state`` (the earliest activity's deadline)."""
        if groupby_spec != "cdl_next_step":
            return super()._read_group_groupby(groupby_spec, query)
        state = super()._read_group_groupby("activity_state", query)
        return SQL(
            """CASE WHEN %(probability)s >= 100 THEN 'won'
                    WHEN %(state)s IS NULL THEN 'missing'
                    WHEN %(state)s = 'overdue' THEN 'overdue'
                    ELSE 'planned' END""",
            probability=self._field_to_sql(self._table, "probability", query),
            state=state,
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
