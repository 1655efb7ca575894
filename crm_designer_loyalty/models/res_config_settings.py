# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

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
