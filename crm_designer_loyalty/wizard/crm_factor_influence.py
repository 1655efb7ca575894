# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from dateutil.relativedelta import relativedelta

from odoo import Command, api, fields, models
from odoo.exceptions import UserError

from ..analytics import registers

MAX_MONTHS = 240


class CrmFactorInfluence(models.TransientModel):
    """Influence of an external factor on a sales measure: the two monthly
    series aligned in SQL, their Pearson correlation at lags 0 to 6 months with
    n and p-value, the best lag, the two series normalized on one timeline and
    the events of the period."""

    _name = "crm.factor.influence"
    _inherit = "crm.designer.input.mixin"
    _description = "Influence of an External Factor"

    factor_id = fields.Many2one("crm.external.factor", required=True)
    measure = fields.Selection(
        [("revenue", "Revenue"), ("orders", "Orders"), ("margin", "Margin")],
        required=True,
        default="revenue",
    )
    scope = fields.Selection(
        [
            ("all", "Overall"),
            ("category", "Product Category"),
            ("team", "Sales Team"),
        ],
        required=True,
        default="all",
    )
    categ_id = fields.Many2one("product.category", string="Product Category")
    team_id = fields.Many2one("crm.team", string="Sales Team")
    date_from = fields.Date(
        string="From Month",
        required=True,
        default=lambda self: (
            fields.Date.context_today(self) + relativedelta(months=-36, day=1)
        ),
    )
    date_to = fields.Date(
        string="To Month",
        required=True,
        default=lambda self: (
            fields.Date.context_today(self) + relativedelta(months=-1, day=1)
        ),
    )
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )
    line_ids = fields.One2many("crm.factor.influence.line", "wizard_id")
    point_ids = fields.One2many("crm.factor.influence.point", "wizard_id")
    best_lag = fields.Integer(readonly=True)
    best_r = fields.Float(string="Best Correlation", digits=(16, 3), readonly=True)
    best_p_value = fields.Float(digits=(16, 4), readonly=True)
    best_n = fields.Integer(string="Months Compared", readonly=True)
    conclusion = fields.Char(readonly=True)
    warning = fields.Char(readonly=True)
    event_ids = fields.Many2many(
        "crm.market.event", string="Events", compute="_compute_event_ids"
    )

    @api.depends("date_from", "date_to", "company_id")
    def _compute_event_ids(self):
        for wizard in self:
            if wizard.date_from and wizard.date_to:
                wizard.event_ids = self.env["crm.market.event"].search(
                    wizard._event_domain()
                )
            else:
                wizard.event_ids = False

    def _event_domain(self):
        """The events of the company in the analysed months (first to last
        month, both whole)."""
        return [
            ("company_id", "=", self.company_id.id),
            ("date", ">=", self.date_from.replace(day=1)),
            ("date", "<", self.date_to + relativedelta(day=1, months=1)),
        ]

    def _check_parameters(self):
        _ = self.env._
        date_from, date_to = self.date_from.replace(day=1), self.date_to.replace(day=1)
        if date_from >= date_to:
            raise UserError(_("The first month must come before the last month."))
        months = (date_to.year - date_from.year) * 12 + date_to.month - date_from.month
        if months >= MAX_MONTHS:
            raise UserError(_("Compare at most %(months)s months.", months=MAX_MONTHS))
        if self.scope == "category" and not self.categ_id:
            raise UserError(_("Choose the product category."))
        if self.scope == "team" and not self.team_id:
            raise UserError(_("Choose the sales team."))
        return date_from, date_to

    def action_compute(self):
        self.ensure_one()
        date_from, date_to = self._check_parameters()
        factor = self.factor_id
        factor_query = registers.factor_series_query(
            {
                "id": factor.id,
                "source": factor.source,
                "aggregation": factor.aggregation,
                "currency_id": factor.currency_id.id,
            },
            self.company_id.id,
            date_from,
            date_to,
        )
        series = registers.aligned_series(
            self.env.cr,
            {factor.id: factor_query},
            registers.sales_series_query(
                self.measure,
                self.company_id.id,
                date_from,
                date_to,
                self.scope == "category" and self.categ_id.id,
                self.scope == "team" and self.team_id.id,
            ),
            date_from,
            date_to,
        )[factor.id]
        correlations = registers.lagged_correlations(series)
        best = registers.best_lag(correlations)
        self.write(
            {
                "line_ids": [Command.clear()]
                + [
                    Command.create(
                        {
                            "lag": lag,
                            "n": n,
                            "r": r or 0.0,
                            "p_value": 1.0 if p is None else p,
                            "defined": r is not None,
                            "is_best": bool(best) and lag == best[0],
                        }
                    )
                    for lag, n, r, p in correlations
                ],
                "point_ids": [Command.clear()] + self._points(series),
                **self._summary(best),
            }
        )
        return {
            "type": "ir.actions.act_window",
            "res_model": self._name,
            "res_id": self.id,
            "view_mode": "form",
            "target": "current",
        }

    def _summary(self, best):
        _ = self.env._
        if not best:
            return {
                "best_lag": 0,
                "best_r": 0.0,
                "best_p_value": 1.0,
                "best_n": 0,
                "conclusion": _("No correlation: a series is constant or empty."),
                "warning": False,
            }
        lag, n, r, p = best
        warning = False
        if n < registers.MIN_POINTS:
            warning = _(
                "Only %(n)s months compared: at least %(min)s are needed for a "
                "reliable correlation.",
                n=n,
                min=registers.MIN_POINTS,
            )
        return {
            "best_lag": lag,
            "best_r": r,
            "best_p_value": p,
            "best_n": n,
            "conclusion": _(
                "Strongest link when the factor leads the sales by %(lag)s "
                "month(s): r = %(r).2f (p = %(p).3f, n = %(n)s).",
                lag=lag,
                r=r,
                p=p,
                n=n,
            ),
            "warning": warning,
        }

    @staticmethod
    def _normalized(values):
        known = [v for v in values if v is not None]
        if not known:
            return values
        low, high = min(known), max(known)
        return [
            None
            if v is None
            else (100 * (v - low) / (high - low) if high > low else 50)
            for v in values
        ]

    def _points(self, series):
        months = [month for month, _x, _y in series]
        commands = []
        for kind, index in (("factor", 1), ("sales", 2)):
            raw = [row[index] for row in series]
            for month, value, normalized in zip(
                months, raw, self._normalized(raw), strict=True
            ):
                if value is not None:
                    commands.append(
                        Command.create(
                            {
                                "month": month,
                                "series": kind,
                                "value": normalized,
                                "raw_value": value,
                            }
                        )
                    )
        return commands

    def action_view_events(self):
        """The events register, filtered to the analysed period, to read
        beside the timeline."""
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "crm_designer_loyalty.crm_market_event_action"
        )
        action["domain"] = self._event_domain()
        action["name"] = self.env._(
            "Events from %(first)s to %(last)s",
            first=self.date_from.strftime("%m/%Y"),
            last=self.date_to.strftime("%m/%Y"),
        )
        return action

    def action_view_overlay(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "crm_designer_loyalty.crm_factor_influence_point_action"
        )
        action["domain"] = [("wizard_id", "=", self.id)]
        return action


class CrmFactorInfluenceLine(models.TransientModel):
    _name = "crm.factor.influence.line"
    _description = "Correlation at a Lag"
    _order = "lag"

    wizard_id = fields.Many2one(
        "crm.factor.influence", required=True, ondelete="cascade"
    )
    lag = fields.Integer(string="Lag (months)")
    n = fields.Integer(string="Months Compared")
    r = fields.Float(string="Correlation", digits=(16, 3))
    p_value = fields.Float(digits=(16, 4))
    defined = fields.Boolean()
    is_best = fields.Boolean(string="Best")


class CrmFactorInfluencePoint(models.TransientModel):
    _name = "crm.factor.influence.point"
    _description = "Factor and Sales Timeline Point"
    _order = "month, series"

    wizard_id = fields.Many2one(
        "crm.factor.influence", required=True, ondelete="cascade"
    )
    month = fields.Date()
    series = fields.Selection([("factor", "Factor"), ("sales", "Sales")])
    value = fields.Float(
        string="Normalized Value",
        aggregator="avg",
        help="0 at the lowest month of the series, 100 at the highest.",
    )
    raw_value = fields.Float(string="Value", aggregator="avg")
    event_ids = fields.Many2many(
        "crm.market.event",
        string="Events of the Month",
        compute="_compute_event_ids",
    )

    @api.depends("month", "wizard_id.event_ids")
    def _compute_event_ids(self):
        for wizard, points in self.grouped("wizard_id").items():
            by_month = wizard.event_ids.grouped(lambda event: event.date.replace(day=1))
            for point in points:
                point.event_ids = by_month.get(point.month, wizard.event_ids[:0])
