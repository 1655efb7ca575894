# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Sales plans: a period, lines of targets on dimensions, bonus bands; the
plan-fact, forecasts and bonuses are computed from here."""

import itertools

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from ..analytics import planning

PERIOD_MONTHS = {"month": 1, "quarter": 3, "year": 12}
# fields of a plan that an approval freezes
PLAN_LOCKED = {
    "name",
    "company_id",
    "period_type",
    "date_from",
    "base_bonus",
    "assortment_bonus",
    "flag_low_pct",
    "flag_high_pct",
    "line_ids",
    "band_ids",
}
# months of history read for the forecasts
FORECAST_HISTORY = 36


class CrmSalesPlan(models.Model):
    _name = "crm.sales.plan"
    _inherit = ["crm.designer.input.mixin", "mail.thread", "mail.activity.mixin"]
    _description = "Sales Plan"
    _order = "date_from desc, period_type, id desc"

    name = fields.Char(required=True, tracking=True)
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda s: s.env.company
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    period_type = fields.Selection(
        [("month", "Month"), ("quarter", "Quarter"), ("year", "Year")],
        required=True,
        default="month",
    )
    date_from = fields.Date(
        string="Start",
        required=True,
        default=lambda s: fields.Date.context_today(s).replace(day=1),
        help="First day of the month, quarter or year planned.",
    )
    date_to = fields.Date(string="End", compute="_compute_date_to", store=True)
    state = fields.Selection(
        [("draft", "Draft"), ("approved", "Approved")],
        default="draft",
        required=True,
        readonly=True,
        tracking=True,
    )
    user_id = fields.Many2one(
        "res.users",
        string="Sales Manager",
        default=lambda s: s.env.user,
        help="Receives the coordination activities of the lines off the plan.",
    )
    line_ids = fields.One2many("crm.sales.plan.line", "plan_id", string="Lines")
    band_ids = fields.One2many("crm.sales.plan.band", "plan_id", string="Bonus Bands")
    bonus_ids = fields.One2many("crm.sales.bonus", "plan_id", string="Bonuses")
    base_bonus = fields.Monetary(
        help="Bonus of a salesperson who fulfils their plan at a band of coefficient 1."
    )
    assortment_bonus = fields.Monetary(
        help="Extra bonus for each product category line of a salesperson "
        "fulfilled at 100 % or more."
    )
    flag_low_pct = fields.Float(
        string="Flag Below (%)",
        default=90,
        help="Lines fulfilled below this % are flagged for coordination.",
    )
    flag_high_pct = fields.Float(
        string="Flag Above (%)",
        default=120,
        help="Lines fulfilled above this % are flagged for coordination.",
    )
    computed_at = fields.Datetime(string="Plan-Fact Computed", readonly=True)
    line_count = fields.Integer(compute="_compute_line_count")

    @api.depends("date_from", "period_type")
    def _compute_date_to(self):
        for plan in self:
            months = PERIOD_MONTHS.get(plan.period_type, 1)
            plan.date_to = plan.date_from and (
                plan.date_from + relativedelta(months=months, days=-1)
            )

    def _compute_line_count(self):
        counts = dict(
            self.env["crm.sales.plan.line"]._read_group(
                [("plan_id", "in", self.ids)], ["plan_id"], ["__count"]
            )
        )
        for plan in self:
            plan.line_count = counts.get(plan, 0)

    @api.constrains("date_from", "period_type")
    def _check_period(self):
        for plan in self:
            start = plan.date_from
            months = PERIOD_MONTHS[plan.period_type]
            if start.day != 1 or (start.month - 1) % months:
                raise ValidationError(
                    self.env._(
                        'Plan "%(plan)s": the start %(date)s is not the first '
                        "day of a %(period)s.",
                        plan=plan.name,
                        date=start,
                        period=dict(
                            plan._fields["period_type"]._description_selection(self.env)
                        )[plan.period_type].lower(),
                    )
                )
        self.flush_model(["date_from", "date_to", "period_type", "company_id"])
        self.env.cr.execute(
            """
            SELECT a.name, b.name FROM crm_sales_plan a
              JOIN crm_sales_plan b
                ON b.company_id = a.company_id AND b.period_type = a.period_type
               AND b.id != a.id AND b.date_from <= a.date_to
               AND a.date_from <= b.date_to
             WHERE a.id IN %s LIMIT 1
            """,
            [tuple(self.ids)],
        )
        overlap = self.env.cr.fetchone()
        if overlap:
            raise ValidationError(
                self.env._(
                    'Plan "%(plan)s" overlaps the period of plan "%(other)s" of '
                    "the same company and period type.",
                    plan=overlap[0],
                    other=overlap[1],
                )
            )

    @api.constrains("flag_low_pct", "flag_high_pct")
    def _check_flags(self):
        self._cdl_check_bounds({"flag_low_pct": (0, 1000), "flag_high_pct": (0, 1000)})
        for plan in self:
            if plan.flag_low_pct > plan.flag_high_pct:
                raise ValidationError(
                    self.env._(
                        'Plan "%(plan)s": the lower flag must not exceed the '
                        "upper flag.",
                        plan=plan.name,
                    )
                )

    @api.constrains("base_bonus", "assortment_bonus")
    def _check_bonus(self):
        self._cdl_check_bounds({"base_bonus": (0, 1e12), "assortment_bonus": (0, 1e12)})

    @api.constrains("band_ids")
    def _check_band_ids(self):
        for plan in self:
            plan._cdl_check_bands()

    def _cdl_check_bands(self):
        """Bands cover 0 % to no limit without gap nor overlap: the first starts
        at 0, each starts where the previous ends, only the last is open (no
        upper limit)."""
        self.ensure_one()
        _ = self.env._
        bands = self.band_ids.sorted(lambda b: (b.lower_pct, b.id))
        if not bands:
            return
        error = None
        if bands[0].lower_pct != 0:
            error = _("the first band must start at 0 %.")
        for band, following in itertools.pairwise(bands):
            if not band.upper_pct or band.upper_pct > following.lower_pct:
                error = _(
                    "bands %(band)s and %(next)s overlap.",
                    band=band.display_name,
                    next=following.display_name,
                )
            elif band.upper_pct < following.lower_pct:
                error = _(
                    "there is a gap between %(band)s and %(next)s.",
                    band=band.display_name,
                    next=following.display_name,
                )
        if bands[-1].upper_pct:
            error = error or _(
                "the last band %(band)s must have no upper limit.",
                band=bands[-1].display_name,
            )
        if error:
            raise ValidationError(
                _(
                    'Bonus bands of plan "%(plan)s": %(error)s',
                    plan=self.name,
                    error=error,
                )
            )

    def write(self, vals):
        if set(vals) & PLAN_LOCKED:
            self._cdl_check_draft()
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_if_draft(self):
        self._cdl_check_draft()

    def _cdl_check_draft(self):
        approved = self.filtered(lambda p: p.state == "approved")
        if approved:
            raise UserError(
                self.env._(
                    'Plan "%(plan)s" is approved: its targets, bands and bonus '
                    "settings can no longer change.",
                    plan=approved[0].name,
                )
            )

    def _cdl_check_manager(self):
        """Plan actions are for the Sales Managers, whatever the caller sends."""
        if not self.env.su and not self.env.user.has_group(
            "crm_designer_loyalty.group_designer_manager"
        ):
            raise UserError(self.env._("Only a Sales Manager can do this."))
        self.check_access("write")

    def action_approve(self):
        self._cdl_check_manager()
        for plan in self:
            if not plan.line_ids:
                raise UserError(
                    self.env._('Plan "%(plan)s" has no lines.', plan=plan.name)
                )
            plan._cdl_check_bands()
        self.sudo().state = "approved"

    def action_reset_draft(self):
        self._cdl_check_manager()
        if self.bonus_ids.filtered(lambda b: b.state == "approved"):
            raise UserError(
                self.env._("A plan whose bonuses are approved stays approved.")
            )
        self.sudo().state = "draft"

    def action_compute_plan_fact(self):
        """Actuals, fulfilment and flags of every line (one SQL UPDATE a plan),
        then a coordination activity for the Sales Manager on each newly flagged
        line."""
        self.check_access("read")
        self.env.flush_all()
        for plan in self:
            planning.plan_fact_update(
                self.env.cr,
                planning.make_params(plan),
                plan.flag_low_pct,
                plan.flag_high_pct,
            )
        self.env["crm.sales.plan.line"].invalidate_model()
        self.sudo().computed_at = fields.Datetime.now()
        self.line_ids._cdl_schedule_coordination()
        return True

    def action_compute_forecast(self):
        """Forecast of each line for the plan's period from its monthly series
        (the last 36 months before the plan) with the backtest MAPEs."""
        self.check_access("read")
        self.env.flush_all()
        for plan in self:
            start = plan.date_from - relativedelta(months=FORECAST_HISTORY)
            params = planning.make_params(
                plan, start, plan.date_from - relativedelta(days=1)
            )
            series = planning.plan_series(self.env.cr, params)
            horizon = PERIOD_MONTHS[plan.period_type]
            months = [start + relativedelta(months=m) for m in range(FORECAST_HISTORY)]
            rows = []
            for line in plan.line_ids:
                values = series.get(line.id, {})
                # the series starts at the first month with sales
                first = next((i for i, m in enumerate(months) if m in values), None)
                history = [] if first is None else months[first:]
                rows.append(
                    {
                        "id": line.id,
                        **line._cdl_forecast_values(
                            [values.get(m, 0.0) for m in history],
                            history[0].month - 1 if history else 0,
                            horizon,
                        ),
                    }
                )
            planning.write_forecasts(self.env.cr, rows)
        self.env["crm.sales.plan.line"].invalidate_model()
        return True

    def action_compute_bonuses(self):
        """Bonuses are computed on approved plans only (targets and bands
        frozen)."""
        self._cdl_check_manager()
        draft = self.filtered(lambda p: p.state != "approved")
        if draft:
            raise UserError(
                self.env._(
                    'Plan "%(plan)s" must be approved before its bonuses are computed.',
                    plan=draft[0].name,
                )
            )
        for plan in self:
            plan._cdl_check_bands()
            self.env["crm.sales.bonus"]._cdl_compute(plan)
        return True

    def action_compute_scorecards(self):
        """The salespeople's scorecards of the plan's period."""
        self._cdl_check_manager()
        scorecards = self.env["crm.sales.scorecard"]
        for plan in self:
            scorecards |= scorecards.sudo()._cdl_compute(
                plan.company_id, plan.date_from, plan.date_to
            )
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "crm_designer_loyalty.crm_sales_scorecard_action"
        )
        action["domain"] = [("id", "in", scorecards.ids)]
        return action

    def action_view_lines(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "crm_designer_loyalty.crm_sales_plan_line_action"
        )
        action["domain"] = [("plan_id", "=", self.id)]
        action["context"] = {"default_plan_id": self.id}
        return action

    def _cdl_band_for(self, pct):
        """The band containing fulfilment ``pct`` (lower limit included, upper
        excluded), or an empty recordset."""
        self.ensure_one()
        return self.band_ids.filtered(
            lambda b: b.lower_pct <= pct and (not b.upper_pct or pct < b.upper_pct)
        )[:1]

    def _cdl_copy_next(self, growth_pct, name):
        """A draft plan of the period after this one, with its lines (targets
        increased by ``growth_pct`` %), bands and bonus settings."""
        self.ensure_one()
        factor = 1 + growth_pct / 100
        months = PERIOD_MONTHS[self.period_type]
        dims = planning.DIMENSIONS
        return self.create(
            {
                "name": name,
                "company_id": self.company_id.id,
                "period_type": self.period_type,
                "date_from": self.date_from + relativedelta(months=months),
                "user_id": self.user_id.id,
                "base_bonus": self.base_bonus,
                "assortment_bonus": self.assortment_bonus,
                "flag_low_pct": self.flag_low_pct,
                "flag_high_pct": self.flag_high_pct,
                "band_ids": [
                    fields.Command.create(
                        {
                            "lower_pct": band.lower_pct,
                            "upper_pct": band.upper_pct,
                            "coefficient": band.coefficient,
                        }
                    )
                    for band in self.band_ids
                ],
                "line_ids": [
                    fields.Command.create(
                        {
                            **{
                                dim: line[dim].id
                                if isinstance(line[dim], models.BaseModel)
                                else line[dim]
                                for dim in dims
                            },
                            "target_revenue": self.currency_id.round(
                                line.target_revenue * factor
                            ),
                            "target_margin": self.currency_id.round(
                                line.target_margin * factor
                            ),
                        }
                    )
                    for line in self.line_ids.sorted("id")
                ],
            }
        )
