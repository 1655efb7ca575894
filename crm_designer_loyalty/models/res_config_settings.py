# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _name = "res.config.settings"
    # the input check first: res.config.settings.create() converts the values
    _inherit = ["crm.designer.input.mixin", "res.config.settings"]

    significant_date_reminder_days = fields.Integer(
        related="company_id.significant_date_reminder_days", readonly=False
    )

    # --- Designer loyalty program -------------------------------------------
    loyalty_threshold_basis = fields.Selection(
        related="company_id.loyalty_threshold_basis", readonly=False
    )
    loyalty_min_payout = fields.Monetary(
        related="company_id.loyalty_min_payout", readonly=False
    )
    loyalty_points_expiry_months = fields.Integer(
        related="company_id.loyalty_points_expiry_months", readonly=False
    )
    loyalty_payout_journal_id = fields.Many2one(
        related="company_id.loyalty_payout_journal_id",
        readonly=False,
        domain="[('type', '=', 'purchase'), ('company_id', '=', company_id)]",
    )
    loyalty_payout_product_id = fields.Many2one(
        related="company_id.loyalty_payout_product_id",
        readonly=False,
        domain="[('type', '=', 'service'), ('company_id', 'in', [False, company_id])]",
    )
    loyalty_pricelist_mapping = fields.Boolean(
        related="company_id.loyalty_pricelist_mapping", readonly=False
    )
    loyalty_abc_pricelist_mapping = fields.Boolean(
        related="company_id.loyalty_abc_pricelist_mapping", readonly=False
    )
    segment_window_months = fields.Integer(
        related="company_id.segment_window_months", readonly=False
    )
    segment_abc_basis = fields.Selection(
        related="company_id.segment_abc_basis", readonly=False
    )
    segment_abc_a = fields.Float(related="company_id.segment_abc_a", readonly=False)
    segment_abc_b = fields.Float(related="company_id.segment_abc_b", readonly=False)
    segment_xyz_x = fields.Float(related="company_id.segment_xyz_x", readonly=False)
    segment_xyz_y = fields.Float(related="company_id.segment_xyz_y", readonly=False)
    segment_xyz_min_months = fields.Integer(
        related="company_id.segment_xyz_min_months", readonly=False
    )
    segment_lost_days = fields.Integer(
        related="company_id.segment_lost_days", readonly=False
    )
    segment_at_risk_factor = fields.Float(
        related="company_id.segment_at_risk_factor", readonly=False
    )
    segment_false_leader_share = fields.Float(
        related="company_id.segment_false_leader_share", readonly=False
    )
    segment_false_leader_months = fields.Integer(
        related="company_id.segment_false_leader_months", readonly=False
    )
