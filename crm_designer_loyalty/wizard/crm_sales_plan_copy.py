# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models


class CrmSalesPlanCopy(models.TransientModel):
    """A new plan for the period after a plan, its targets grown by a %."""

    _name = "crm.sales.plan.copy"
    _inherit = "crm.designer.input.mixin"
    _description = "Copy Plan to the Next Period"

    plan_id = fields.Many2one("crm.sales.plan", required=True, ondelete="cascade")
    name = fields.Char(string="New Plan", required=True)
    growth_pct = fields.Float(
        string="Growth (%)",
        digits=(16, 2),
        help="Applied to every revenue and margin target (negative for a fall).",
    )

    @api.constrains("growth_pct")
    def _check_growth(self):
        self._cdl_check_bounds({"growth_pct": (-100, 1000)})

    def action_copy(self):
        self.ensure_one()
        self.plan_id._cdl_check_manager()
        plan = self.plan_id._cdl_copy_next(self.growth_pct, self.name)
        return {
            "type": "ir.actions.act_window",
            "res_model": "crm.sales.plan",
            "res_id": plan.id,
            "views": [(False, "form")],
        }
