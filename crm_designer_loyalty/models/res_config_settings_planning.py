# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"  # pylint: disable=consider-merging-classes-inherited

    cdl_plan_actual_source = fields.Selection(
        related="company_id.cdl_plan_actual_source", readonly=False
    )
    cdl_scorecard_field_ids = fields.Many2many(
        related="company_id.cdl_scorecard_field_ids", readonly=False
    )
    cdl_no_next_step_days = fields.Integer(
        related="company_id.cdl_no_next_step_days", readonly=False
    )
