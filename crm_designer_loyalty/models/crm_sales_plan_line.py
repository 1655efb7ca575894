# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Plan lines: targets on a combination of dimensions, with their plan-fact
and forecast (written by the plan's computations, never by a client)."""

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from ..analytics import forecast, planning
from .res_partner_segment_snapshot import ABC_CLASSES

NATURES = [("guaranteed", "Guaranteed"), ("planned", "Planned (New)")]
# the only field of an approved plan's line that may still change
COORDINATION = {"coordination_note"}
# written in SQL by the plan's computations only, never by a client
OUTPUTS = {
    "actual_revenue",
    "actual_margin",
    "deviation_revenue",
    "deviation_margin",
    "fulfilment",
    "flag",
    *forecast.FIELDS,
}


class CrmSalesPlanLine(models.Model):
    _name = "crm.sales.plan.line"
    _inherit = ["crm.designer.input.mixin", "mail.thread", "mail.activity.mixin"]
    _description = "Sales Plan Line"
    _order = "plan_id, user_id, team_id, categ_id, id"

    plan_id = fields.Many2one(
        "crm.sales.plan", required=True, ondelete="cascade", index=True
    )
    company_id = fields.Many2one(related="plan_id.company_id", store=True, index=True)
    currency_id = fields.Many2one(related="plan_id.currency_id")
    date_from = fields.Date(related="plan_id.date_from", store=True)
    plan_state = fields.Selection(related="plan_id.state", string="Plan Status")
    # --- dimensions
    user_id = fields.Many2one("res.users", string="Salesperson", index=True)
    team_id = fields.Many2one("crm.team", string="Sales Team")
    categ_id = fields.Many2one("product.category", string="Product Category")
    state_id = fields.Many2one("res.country.state", string="Region")
    city = fields.Char()
    partner_id = fields.Many2one(
        "res.partner", string="Client", domain=[("is_company", "=", True)]
    )
    client_class = fields.Selection(ABC_CLASSES)
    medium_id = fields.Many2one("utm.medium", string="Channel")
    nature = fields.Selection(
        NATURES,
        help="Guaranteed: sales to clients who bought in the 12 months before the "
        "period (formed demand); planned: sales to new clients.",
    )
    # --- targets
    target_revenue = fields.Monetary(string="Revenue Target")
    target_margin = fields.Monetary(string="Margin Target")
    # --- plan-fact (plan.action_compute_plan_fact)
    actual_revenue = fields.Monetary(readonly=True)
    actual_margin = fields.Monetary(readonly=True)
    deviation_revenue = fields.Monetary(string="Revenue Deviation", readonly=True)
    deviation_margin = fields.Monetary(string="Margin Deviation", readonly=True)
    fulfilment = fields.Float(
        string="Fulfilment (%)",
        digits=(16, 2),
        readonly=True,
        aggregator="avg",
        help="Actual / target revenue (margin when the line has no revenue "
        "target), in %.",
    )
    flag = fields.Selection(
        [("under", "Below Plan"), ("on", "On Plan"), ("over", "Above Plan")],
        readonly=True,
    )
    coordination_note = fields.Text(
        help="Causes of the deviation and the measures agreed (plan coordination)."
    )
    # --- forecast (plan.action_compute_forecast)
    forecast_revenue = fields.Monetary(string="Forecast", readonly=True)
    forecast_low = fields.Monetary(string="Pessimistic", readonly=True)
    forecast_high = fields.Monetary(string="Optimistic", readonly=True)
    forecast_gap = fields.Monetary(
        string="Plan vs Forecast",
        readonly=True,
        help="Revenue target minus the expected forecast.",
    )
    forecast_method = fields.Selection(
        [("seasonal", "Trend and Seasonality"), ("trend", "Trend Only")],
        readonly=True,
        help="Trend and seasonal indices with 24 months of history or more, the "
        "trend alone otherwise.",
    )
    forecast_mape = fields.Float(
        string="Forecast MAPE (%)",
        digits=(16, 1),
        readonly=True,
        aggregator="avg",
        help="Mean absolute % error of the forecast on the last 6 months, the "
        "model fitted without them.",
    )
    naive_mape = fields.Float(
        string="Seasonal-Naive MAPE (%)",
        digits=(16, 1),
        readonly=True,
        aggregator="avg",
        help="The same error for the forecast 'same month last year'.",
    )

    @api.constrains("plan_id", *planning.DIMENSIONS)
    def _check_dimension(self):
        for line in self:
            if not any(line[dim] for dim in planning.DIMENSIONS):
                raise ValidationError(
                    self.env._(
                        'Plan "%(plan)s": a line must name at least one '
                        "dimension (salesperson, team, category, region, city, "
                        "client, client class, channel or nature).",
                        plan=line.plan_id.name,
                    )
                )

    @api.constrains("plan_id", "target_revenue", "target_margin")
    def _check_targets(self):
        self._cdl_check_bounds(
            {"target_revenue": (0, 1e13), "target_margin": (-1e13, 1e13)}
        )
        for line in self:
            if not line.target_revenue and not line.target_margin:
                raise ValidationError(
                    self.env._(
                        'Plan "%(plan)s": a line needs a revenue or a margin target.',
                        plan=line.plan_id.name,
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            self._cdl_check_outputs(vals)
        plans = self.env["crm.sales.plan"].browse(
            [vals.get("plan_id") for vals in vals_list if vals.get("plan_id")]
        )
        plans._cdl_check_draft()
        return super().create(vals_list)

    def write(self, vals):
        self._cdl_check_outputs(vals)
        if set(vals) - COORDINATION:
            self.plan_id._cdl_check_draft()
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_if_draft(self):
        self.plan_id._cdl_check_draft()

    def _cdl_check_outputs(self, vals):
        computed = sorted(set(vals) & OUTPUTS)
        if computed:
            raise UserError(
                self.env._(
                    "%(field)s is computed by the plan-fact or the forecast and "
                    "cannot be written.",
                    field=self._fields[computed[0]]._description_string(self.env),
                )
            )

    def action_view_documents(self):
        """The invoices (or orders, per the setting) behind the actuals."""
        self.ensure_one()
        params = planning.make_params(self.plan_id)
        self.env.flush_all()
        ids = planning.line_document_ids(self.env.cr, params, self.id)
        model = "sale.order" if params["source"] == "order" else "account.move"
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Sales of the Plan Line"),
            "res_model": model,
            "domain": [("id", "in", ids)],
            "views": [(False, "list"), (False, "form")],
            "context": {"create": False},
        }

    def _cdl_schedule_coordination(self):
        """A to-do for the plan's Sales Manager on each flagged line without an
        open one."""
        activity_type = self.env.ref("mail.mail_activity_data_todo")
        flagged = self.filtered(
            lambda l: (
                l.flag in ("under", "over")
                and l.plan_id.user_id
                and not l.sudo().activity_ids
            )
        )
        for line in flagged:
            line.sudo().activity_schedule(
                activity_type_id=activity_type.id,
                user_id=line.plan_id.user_id.id,
                summary=self.env._("Coordinate the plan"),
                note=self.env._(
                    "Plan %(plan)s, %(line)s: fulfilment %(pct)s %%. Analyse the "
                    "causes and coordinate the plan.",
                    plan=line.plan_id.name,
                    line=line.display_name,
                    pct=line.fulfilment,
                ),
            )

    def _cdl_forecast_values(self, series, first_month, horizon):
        """The forecast fields of the line (dict) for the ``horizon`` months
        after the monthly ``series`` (its first month: ``first_month``, 0 =
        January)."""
        self.ensure_one()
        values = forecast.summary(series, first_month, horizon)
        values["forecast_gap"] = self.target_revenue - values["forecast_revenue"]
        return values

    @api.depends(*planning.DIMENSIONS)
    def _compute_display_name(self):
        selections = {
            name: dict(self._fields[name]._description_selection(self.env))
            for name in ("client_class", "nature")
        }
        for line in self:
            parts = []
            for dim in planning.DIMENSIONS:
                value = line[dim]
                if isinstance(value, models.BaseModel):
                    value = value.display_name
                elif dim in selections and value:
                    value = selections[dim][value]
                if value:
                    parts.append(str(value))
            line.display_name = " / ".join(parts) or str(line.id)
