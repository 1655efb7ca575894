# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models

from .res_partner_segment_snapshot import ABC_CLASSES, CUSTOMER_STATUSES, XYZ_CLASSES


class ResPartner(models.Model):
    _inherit = "res.partner"

    team_id = fields.Many2one(
        "crm.team",
        string="Sales Team",
        compute="_compute_team_id",
        store=True,
        readonly=False,
        index="btree_not_null",
        help="Sales team in charge of this partner; its members see the "
        "partner's dossier. Defaults to the team of the salesperson.",
    )
    is_designer = fields.Boolean(
        string="Is a Designer",
        tracking=True,
        help="Interior designer who brings clients and takes part in the "
        "loyalty program.",
    )
    designer_id = fields.Many2one(
        "res.partner",
        string="Attributed Designer",
        domain="[('is_designer', '=', True)]",
        tracking=True,
        index="btree_not_null",
        ondelete="restrict",
        help="Designer who first brought this client (first-touch rule). "
        "Orders and invoices of the client are attributed to this designer by default.",
    )
    designer_client_ids = fields.One2many(
        "res.partner", "designer_id", string="Referred Clients"
    )
    designer_client_count = fields.Integer(compute="_compute_designer_client_count")

    @api.depends("user_id")
    def _compute_team_id(self):
        for partner in self.filtered(lambda p: p.user_id and not p.team_id):
            partner.team_id = partner.user_id.sale_team_id

    @api.depends("designer_client_ids")
    def _compute_designer_client_count(self):
        counts = dict(
            self.env["res.partner"]._read_group(
                [("designer_id", "in", self.ids)], ["designer_id"], ["__count"]
            )
        )
        for partner in self:
            partner.designer_client_count = counts.get(partner, 0)

    # --- Segmentation: classes of the latest run, per company (company-dependent
    # jsonb columns written set-based by the engine, see analytics/segmentation.py)
    abc_class = fields.Selection(
        ABC_CLASSES,
        string="ABC Class",
        company_dependent=True,
        readonly=True,
        help="Share of revenue (or margin) of the window: A clients make the first "
        "80 % of it, B the next 15 %, C the rest (thresholds in Settings).",
    )
    xyz_class = fields.Selection(
        XYZ_CLASSES,
        string="XYZ Class",
        company_dependent=True,
        readonly=True,
        help="Regularity of the monthly revenue (coefficient of variation): X "
        "steady, Y fluctuating, Z irregular, N too few months with purchases.",
    )
    customer_status = fields.Selection(
        CUSTOMER_STATUSES,
        string="Client Status",
        company_dependent=True,
        readonly=True,
        help="Potential (no invoice yet), one-time, regular, at risk (no purchase "
        "for twice the usual interval) or lost (no purchase for a year).",
    )
    rfm_score = fields.Char(
        string="RFM Score",
        company_dependent=True,
        readonly=True,
        help="Recency, frequency and monetary quintiles, 5 is best.",
    )
    rfm_segment_id = fields.Many2one(
        "crm.rfm.segment",
        string="Value Segment",
        company_dependent=True,
        readonly=True,
        groups="crm_designer_loyalty.group_designer_user",
        help="Value segment given by the RFM mapping table.",
    )
    segment_snapshot_id = fields.Many2one(
        "res.partner.segment.snapshot",
        string="Latest Segmentation",
        compute="_compute_segment_snapshot_id",
        groups="crm_designer_loyalty.group_designer_user",
        help="Snapshot row of the latest segmentation run of the current company: "
        "the metrics behind the classes.",
    )
    segment_date = fields.Date(
        string="Segmented On",
        compute="_compute_segment_snapshot_id",
        groups="crm_designer_loyalty.group_designer_user",
    )
    segment_revenue = fields.Monetary(
        string="Window Revenue",
        compute="_compute_segment_snapshot_id",
        groups="crm_designer_loyalty.group_designer_user",
    )
    segment_share = fields.Float(
        string="Revenue Share (%)",
        compute="_compute_segment_snapshot_id",
        groups="crm_designer_loyalty.group_designer_user",
    )
    segment_cum_share = fields.Float(
        string="Cumulative Share (%)",
        compute="_compute_segment_snapshot_id",
        groups="crm_designer_loyalty.group_designer_user",
    )
    segment_cv = fields.Float(
        string="CV (%)",
        compute="_compute_segment_snapshot_id",
        groups="crm_designer_loyalty.group_designer_user",
    )
    segment_active_months = fields.Integer(
        string="Active Months",
        compute="_compute_segment_snapshot_id",
        groups="crm_designer_loyalty.group_designer_user",
    )
    segment_last_purchase_date = fields.Date(
        string="Last Purchase",
        compute="_compute_segment_snapshot_id",
        groups="crm_designer_loyalty.group_designer_user",
    )
    segment_explanation = fields.Text(
        string="Why These Classes",
        compute="_compute_segment_snapshot_id",
        groups="crm_designer_loyalty.group_designer_user",
    )

    def _compute_segment_snapshot_id(self):
        snapshots = self.env["res.partner.segment.snapshot"].search(
            [
                ("partner_id", "in", self.ids),
                ("company_id", "=", self.env.company.id),
                ("is_latest", "=", True),
            ]
        )
        by_partner = {snap.partner_id.id: snap for snap in snapshots}
        for partner in self:
            snap = by_partner.get(partner.id, snapshots.browse())
            partner.segment_snapshot_id = snap
            partner.segment_date = snap.date
            partner.segment_revenue = snap.revenue
            partner.segment_share = snap.share
            partner.segment_cum_share = snap.cum_share
            partner.segment_cv = snap.cv
            partner.segment_active_months = snap.active_months
            partner.segment_last_purchase_date = snap.last_purchase_date
            partner.segment_explanation = snap.explanation
