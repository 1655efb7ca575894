# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Campaign effectiveness: the leads, orders and revenue of a campaign's
targeted partners against a control group of its segment, before and after
the send (difference in differences, analytics/marketing.py)."""

import ast

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

from ..analytics import marketing

# the effectiveness figures: for salespeople and Email Marketing users
EFFECT_READERS = (
    "crm_designer_loyalty.group_designer_user,mass_mailing.group_mass_mailing_user"
)
EFFECT_GROUPS = [("target", "Targeted"), ("control", "Control Group")]
EFFECT_PERIODS = [("before", "Before"), ("after", "After")]


class UtmCampaignEffect(models.Model):
    _name = "utm.campaign.effect"
    _description = "Campaign Effectiveness"
    _order = "campaign_id, group desc, period desc"

    campaign_id = fields.Many2one(
        "utm.campaign", required=True, ondelete="cascade", index=True
    )
    company_id = fields.Many2one("res.company", required=True)
    currency_id = fields.Many2one(related="company_id.currency_id")
    group = fields.Selection(EFFECT_GROUPS, required=True)
    period = fields.Selection(EFFECT_PERIODS, required=True)
    partner_count = fields.Integer(string="Partners", aggregator="max")
    lead_count = fields.Integer(string="Leads")
    order_count = fields.Integer(string="Orders")
    revenue = fields.Monetary()
    leads_per_partner = fields.Float(digits=(16, 4), aggregator="avg")
    orders_per_partner = fields.Float(digits=(16, 4), aggregator="avg")
    revenue_per_partner = fields.Monetary(aggregator="avg")


class UtmCampaign(models.Model):
    _inherit = "utm.campaign"

    cdl_segment_domain = fields.Char(
        string="Segment",
        default="[]",
        help="The partners the campaign addresses: the control group is the "
        "partners of this segment that no mailing of the campaign reached.",
    )
    cdl_effect_weeks = fields.Integer(
        string="Weeks Before and After",
        default=8,
        help="Length of the periods compared, before and after the first send.",
    )
    cdl_effect_date = fields.Date(
        string="Sent On",
        readonly=True,
        help="First send of the campaign's mailings, as of the last computation.",
    )
    cdl_effect_ids = fields.One2many(
        "utm.campaign.effect",
        "campaign_id",
        string="Effectiveness",
        readonly=True,
        groups=EFFECT_READERS,
    )
    cdl_did_leads = fields.Float(
        string="Leads per Partner (DiD)",
        compute="_compute_cdl_did",
        groups=EFFECT_READERS,
        digits=(16, 4),
        help="Change of the leads per partner of the targeted partners minus "
        "that of the control group.",
    )
    cdl_did_orders = fields.Float(
        string="Orders per Partner (DiD)",
        compute="_compute_cdl_did",
        groups=EFFECT_READERS,
        digits=(16, 4),
    )
    cdl_did_revenue = fields.Float(
        string="Revenue per Partner (DiD)",
        compute="_compute_cdl_did",
        groups=EFFECT_READERS,
        digits=(16, 2),
        help="Change of the revenue per partner of the targeted partners minus "
        "that of the control group: the revenue the campaign brought per "
        "targeted partner.",
    )

    @api.depends("cdl_effect_ids")
    def _compute_cdl_did(self):
        for campaign in self:
            rows = {(r.group, r.period): r for r in campaign.cdl_effect_ids}
            for fname, measure in (
                ("cdl_did_leads", "leads_per_partner"),
                ("cdl_did_orders", "orders_per_partner"),
                ("cdl_did_revenue", "revenue_per_partner"),
            ):
                if len(rows) < 4:
                    campaign[fname] = 0.0
                    continue
                campaign[fname] = (
                    rows["target", "after"][measure] - rows["target", "before"][measure]
                ) - (
                    rows["control", "after"][measure]
                    - rows["control", "before"][measure]
                )

    @api.constrains("cdl_effect_weeks")
    def _check_cdl_effect_weeks(self):
        for campaign in self:
            if not 1 <= campaign.cdl_effect_weeks <= 104:
                raise ValidationError(
                    self.env._(
                        'Campaign "%(campaign)s": the weeks before and after '
                        "must be between 1 and 104, not %(weeks)s.",
                        campaign=campaign.display_name,
                        weeks=campaign.cdl_effect_weeks,
                    )
                )

    def _cdl_segment(self):
        """The partners of the campaign's segment domain."""
        try:
            domain = ast.literal_eval(self.cdl_segment_domain or "[]")
            return self.env["res.partner"].search(domain)
        except (ValueError, SyntaxError, TypeError) as error:
            raise UserError(
                self.env._(
                    'Campaign "%(campaign)s": the segment is not a valid '
                    "filter (%(error)s).",
                    campaign=self.display_name,
                    error=error,
                )
            ) from error

    def action_cdl_compute_effect(self):
        """Compute the effectiveness rows of the campaigns (Sales Managers and
        Email Marketing users)."""
        user = self.env.user
        if not (
            user.has_group("crm_designer_loyalty.group_designer_manager")
            or user.has_group("mass_mailing.group_mass_mailing_user")
        ):
            raise AccessError(
                self.env._(
                    "Only Sales Managers and Email Marketing users compute the "
                    "effectiveness of a campaign."
                )
            )
        self.check_access("write")
        Effect = self.env["utm.campaign.effect"].sudo()
        for campaign in self:
            control = campaign._cdl_segment()
            self.env.flush_all()
            send_date, rows = marketing.campaign_effect(
                self.env.cr,
                campaign.sudo().mailing_mail_ids.ids,
                control.ids,
                self.env.company.id,
                campaign.cdl_effect_weeks,
            )
            if not send_date:
                raise UserError(
                    self.env._(
                        'Campaign "%(campaign)s" has sent no mailing to partners yet.',
                        campaign=campaign.display_name,
                    )
                )
            Effect.search([("campaign_id", "=", campaign.id)]).unlink()
            Effect.create(
                [
                    {
                        "campaign_id": campaign.id,
                        "company_id": self.env.company.id,
                        "group": group,
                        "period": period,
                        "partner_count": size,
                        "lead_count": leads,
                        "order_count": orders,
                        "revenue": revenue,
                        "leads_per_partner": leads / size,
                        "orders_per_partner": orders / size,
                        "revenue_per_partner": revenue / size,
                    }
                    for group, period, size, leads, orders, revenue in rows
                ]
            )
            campaign.sudo().cdl_effect_date = send_date
        return True
