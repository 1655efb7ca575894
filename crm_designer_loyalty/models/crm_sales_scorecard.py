# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from dateutil.relativedelta import relativedelta

from odoo import api, fields, models

from ..analytics import scorecard

# partner fields checked by the database completeness when none is set
DEFAULT_REQUIRED = ("email", "phone", "street", "city")


class CrmSalesScorecard(models.Model):
    """A salesperson's scorecard for a period, beside the previous period of the
    same length: written in SQL by :func:`.analytics.scorecard.compute`
    (read-only for every role)."""

    _name = "crm.sales.scorecard"
    _description = "Salesperson Scorecard"
    _order = "date_from desc, rank, id"
    _rec_name = "user_id"

    company_id = fields.Many2one("res.company", required=True, readonly=True)
    currency_id = fields.Many2one(related="company_id.currency_id")
    user_id = fields.Many2one(
        "res.users", string="Salesperson", required=True, readonly=True, index=True
    )
    date_from = fields.Date(string="From", required=True, readonly=True)
    date_to = fields.Date(string="To", required=True, readonly=True)
    rank = fields.Integer(readonly=True, aggregator=None, help="Rank by sales.")
    sales = fields.Monetary(readonly=True)
    prev_sales = fields.Monetary(string="Sales (Previous)", readonly=True)
    gross_profit = fields.Monetary(readonly=True)
    prev_gross_profit = fields.Monetary(string="Gross Profit (Previous)", readonly=True)
    prev_client_count = fields.Integer(
        string="Clients (Previous)",
        readonly=True,
        help="Clients the salesperson sold to in the previous period.",
    )
    retained_client_count = fields.Integer(
        string="Retained Clients",
        readonly=True,
        help="Clients of the previous period who bought again in this period.",
    )
    retention_rate = fields.Float(
        string="Retention (%)", digits=(16, 2), readonly=True, aggregator="avg"
    )
    new_client_count = fields.Integer(
        string="New Clients",
        readonly=True,
        help="Clients whose first invoice is in the period, by this salesperson.",
    )
    order_count = fields.Integer(string="Orders Completed", readonly=True)
    prev_order_count = fields.Integer(
        string="Orders Completed (Previous)", readonly=True
    )
    cancelled_order_count = fields.Integer(string="Cancelled Orders", readonly=True)
    call_count = fields.Integer(string="Calls", readonly=True)
    meeting_count = fields.Integer(string="Meetings", readonly=True)
    email_count = fields.Integer(string="Emails", readonly=True)
    other_activity_count = fields.Integer(string="Other Activities", readonly=True)
    partner_count = fields.Integer(string="Partners", readonly=True)
    complete_partner_count = fields.Integer(string="Complete Partners", readonly=True)
    completeness = fields.Float(
        string="Database Completeness (%)",
        digits=(16, 2),
        readonly=True,
        aggregator="avg",
        help="Share of the salesperson's partners with every required field "
        "(Settings) filled in.",
    )
    lost_count = fields.Integer(string="Lost Opportunities", readonly=True)
    top_loss_reasons = fields.Char(readonly=True)
    claim_count = fields.Integer(
        string="Complaints",
        readonly=True,
        help="Complaints of the salesperson's clients received in the period.",
    )
    prev_claim_count = fields.Integer(string="Complaints (Previous)", readonly=True)
    claim_resolution_days = fields.Float(
        string="Average Resolution (days)",
        digits=(16, 1),
        readonly=True,
        aggregator="avg",
        help="Average resolution time of the complaints closed in the period.",
    )
    prev_claim_resolution_days = fields.Float(
        string="Average Resolution (days, Previous)",
        digits=(16, 1),
        readonly=True,
        aggregator="avg",
    )

    @api.model
    def _cdl_compute(self, company, date_from, date_to):
        """The scorecards of ``company`` for the period, in one SQL statement."""
        self.env.flush_all()
        months = (
            (date_to.year - date_from.year) * 12 + date_to.month - date_from.month + 1
        )
        required = (
            company.sudo().cdl_scorecard_field_ids.filtered("store").mapped("name")
        )
        scorecard.compute(
            self.env.cr,
            {
                "company_id": company.id,
                "date_from": date_from,
                "date_to": date_to,
                "prev_from": date_from - relativedelta(months=months),
                "lang": self.env.lang or "en_US",
                "uid": self.env.uid,
                "required_fields": required or list(DEFAULT_REQUIRED),
            },
        )
        self.invalidate_model()
        return self.search(
            [
                ("company_id", "=", company.id),
                ("date_from", "=", date_from),
                ("date_to", "=", date_to),
            ]
        )

    def action_print(self):
        return self.env.ref(
            "crm_designer_loyalty.crm_sales_scorecard_report_action"
        ).report_action(self)
