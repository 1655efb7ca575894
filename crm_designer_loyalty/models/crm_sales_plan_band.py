# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError


class CrmSalesPlanBand(models.Model):
    """A bonus band of a plan: a salesperson whose fulfilment is in
    [lower, upper) gets the plan's base bonus times the coefficient. The bands
    of a plan leave no gap and do not overlap (checked by the plan); the last
    one has no upper limit, so a coefficient caps the bonus above it."""

    _name = "crm.sales.plan.band"
    _inherit = "crm.designer.input.mixin"
    _description = "Bonus Band"
    _order = "plan_id, lower_pct, id"

    plan_id = fields.Many2one(
        "crm.sales.plan", required=True, ondelete="cascade", index=True
    )
    company_id = fields.Many2one(related="plan_id.company_id", store=True)
    lower_pct = fields.Float(string="From (%)", digits=(16, 2), required=True)
    upper_pct = fields.Float(
        string="To (%)",
        digits=(16, 2),
        help="Excluded; 0 for the last band, which has no upper limit.",
    )
    coefficient = fields.Float(
        digits=(16, 2), help="Multiplier of the plan's base bonus in this band."
    )

    @api.constrains("lower_pct", "upper_pct", "coefficient")
    def _check_values(self):
        self._cdl_check_bounds(
            {
                "lower_pct": (0, 1000),
                "upper_pct": (0, 1000),
                "coefficient": (0, 10),
            }
        )
        for band in self:
            if band.upper_pct and band.upper_pct <= band.lower_pct:
                raise ValidationError(
                    self.env._(
                        "Bonus band %(band)s: its upper limit must be above its "
                        "lower limit.",
                        band=band.display_name,
                    )
                )

    @api.depends("lower_pct", "upper_pct", "coefficient")
    def _compute_display_name(self):
        for band in self:
            upper = f"{band.upper_pct:g} %" if band.upper_pct else "∞"
            band.display_name = (
                f"{band.lower_pct:g} % – {upper} (× {band.coefficient:g})"
            )

    @api.model_create_multi
    def create(self, vals_list):
        self.env["crm.sales.plan"].browse(
            [vals["plan_id"] for vals in vals_list if vals.get("plan_id")]
        )._cdl_check_draft()
        return super().create(vals_list)

    def write(self, vals):
        self.plan_id._cdl_check_draft()
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_if_draft(self):
        self.plan_id._cdl_check_draft()
