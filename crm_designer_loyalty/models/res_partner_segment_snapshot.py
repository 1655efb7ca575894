# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.osv import expression
from odoo.tools import format_date, formatLang, get_lang

ABC_CLASSES = [("A", "A"), ("B", "B"), ("C", "C")]
XYZ_CLASSES = [("X", "X"), ("Y", "Y"), ("Z", "Z"), ("N", "N")]
CUSTOMER_STATUSES = [
    ("potential", "Potential"),
    ("one_time", "One-time"),
    ("regular", "Regular"),
    ("at_risk", "At Risk"),
    ("lost", "Lost"),
]


class ResPartnerSegmentSnapshot(models.Model):
    _name = "res.partner.segment.snapshot"
    _description = "Client Segmentation Snapshot"
    _order = "date desc, company_id, partner_id"
    _rec_name = "partner_id"
    # Rows are written once by the engine, in bulk, and the insert's cost is
    # mostly its foreign key checks, one per many2one column and row: so no
    # create_uid/write_uid (the run records who and when) and no run_id column
    # (the run of a row is the run of its company and day).
    _log_access = False

    date = fields.Date(required=True, readonly=True)
    company_id = fields.Many2one(
        "res.company", required=True, readonly=True, ondelete="cascade"
    )
    run_id = fields.Many2one("crm.segmentation.run", compute="_compute_run_id")
    is_latest = fields.Boolean(
        string="Latest",
        compute="_compute_is_latest",
        search="_search_is_latest",
        help="Row of the latest finished run of its company: the partners show "
        "its classes.",
    )
    partner_id = fields.Many2one(
        "res.partner",
        string="Client",
        required=True,
        readonly=True,
        index=True,
        ondelete="cascade",
        help="Commercial partner: the invoices of child contacts roll up to it.",
    )
    user_id = fields.Many2one(related="partner_id.user_id", string="Salesperson")
    team_id = fields.Many2one(related="partner_id.team_id", string="Sales Team")
    currency_id = fields.Many2one(related="company_id.currency_id")
    abc_class = fields.Selection(ABC_CLASSES, string="ABC", readonly=True)
    xyz_class = fields.Selection(
        XYZ_CLASSES,
        string="XYZ",
        readonly=True,
        help="X steady, Y fluctuating, Z irregular monthly revenue; N: too few "
        "months with purchases to judge.",
    )
    customer_status = fields.Selection(
        CUSTOMER_STATUSES, string="Client Status", readonly=True
    )
    revenue = fields.Monetary(
        readonly=True,
        help="Net invoiced revenue of the window (refunds negative), company currency.",
    )
    margin = fields.Monetary(
        string="Gross Margin",
        readonly=True,
        help="Revenue minus product cost (current product cost x quantity in the "
        "product's unit of measure, as in Odoo's invoice analysis), whatever "
        "the ABC basis.",
    )
    abc_value = fields.Monetary(
        string="ABC Value", readonly=True, help="Revenue or margin, per the ABC basis."
    )
    share = fields.Float(
        string="Share (%)", readonly=True, aggregator=False, digits=(16, 4)
    )
    cum_share_above = fields.Float(
        string="Cumulative Share Above (%)",
        readonly=True,
        aggregator=False,
        digits=(16, 4),
        help="Cumulative share of the clients ranked above: it decides the ABC class.",
    )
    cum_share = fields.Float(
        string="Cumulative Share (%)", readonly=True, aggregator=False, digits=(16, 4)
    )
    monthly_mean = fields.Monetary(
        string="Mean Monthly Revenue", readonly=True, aggregator="avg"
    )
    cv = fields.Float(
        string="CV (%)",
        readonly=True,
        aggregator="avg",
        digits=(16, 4),
        help="Coefficient of variation of the monthly revenue over the window, "
        "months without purchases included.",
    )
    active_months = fields.Integer(
        readonly=True, aggregator="avg", help="Months of the window with an invoice."
    )
    invoice_count = fields.Integer(
        string="Invoices Ever", readonly=True, help="Posted invoices ever."
    )
    first_invoice_date = fields.Date(string="First Purchase", readonly=True)
    last_purchase_date = fields.Date(string="Last Purchase", readonly=True)
    median_interval = fields.Float(
        string="Median Interval (days)", readonly=True, aggregator="avg"
    )
    recency_days = fields.Integer(
        string="Recency (days)", readonly=True, aggregator="avg"
    )
    frequency = fields.Integer(
        readonly=True, aggregator="avg", help="Invoices in the window."
    )
    monetary = fields.Monetary(readonly=True, help="Net revenue of the window.")
    r_score = fields.Integer(string="R", readonly=True, aggregator="avg")
    f_score = fields.Integer(string="F", readonly=True, aggregator="avg")
    m_score = fields.Integer(string="M", readonly=True, aggregator="avg")
    rfm_score = fields.Char(string="RFM", readonly=True)
    rfm_segment_id = fields.Many2one(
        "crm.rfm.segment", string="Value Segment", readonly=True, ondelete="set null"
    )
    top_invoice_share = fields.Float(
        string="Largest Invoice Share (%)",
        readonly=True,
        aggregator=False,
        digits=(16, 2),
        help="Untaxed amount of the largest invoice of the window over the window "
        "revenue, computed for the class A clients without a purchase in the "
        "false leader months only.",
    )
    false_leader = fields.Boolean(
        readonly=True,
        help="Class A client whose window revenue comes mainly from one invoice "
        "(above the share in Settings) and who bought nothing in the last months "
        "(Settings).",
    )
    explanation = fields.Text(compute="_compute_explanation")

    _sql_constraints = [
        (
            "company_date_partner_uniq",
            "UNIQUE (company_id, date, partner_id)",
            "A client has one snapshot per company and day.",
        )
    ]

    def _compute_run_id(self):
        runs = self.env["crm.segmentation.run"].search(
            [
                ("company_id", "in", self.company_id.ids),
                ("date", "in", list(set(self.mapped("date")))),
            ]
        )
        run_of = {(run.company_id, run.date): run for run in runs}
        for snap in self:
            snap.run_id = run_of.get((snap.company_id, snap.date), runs.browse())

    def _compute_is_latest(self):
        for snap in self:
            snap.is_latest = snap.date == snap.company_id.sudo().segment_last_date

    def _search_is_latest(self, operator, value):
        if operator not in ("=", "!="):
            return NotImplemented
        companies = (
            self.env["res.company"].sudo().search([("segment_last_date", "!=", False)])
        )
        domain = expression.OR(
            [("company_id", "=", company.id), ("date", "=", company.segment_last_date)]
            for company in companies
        )
        return domain if (operator == "=") == bool(value) else ["!", *domain]

    @api.depends_context("lang")
    def _compute_explanation(self):
        for snap in self:
            snap.explanation = snap._explain()

    def _explain(self):
        """Why the partner has its classes, with the thresholds in force."""
        self.ensure_one()
        _ = self.env._
        run = self.run_id
        money = self.currency_id.format if self.currency_id else str
        selection = dict(
            self._fields["customer_status"]._description_selection(self.env)
        )
        # NULL share and CV come back as 0.0: print "-" where they are undefined
        ranked = self.abc_value > 0

        def number(value, digits=2):
            """``value`` in the user's language, without trailing zeros."""
            text = formatLang(self.env, value, digits=digits)
            # the language formatLang used (the user's if installed)
            point = get_lang(self.env).decimal_point
            return text.rstrip("0").rstrip(point) if point in text else text

        def percent(value, defined=True):
            return f"{formatLang(self.env, value, digits=2)} %" if defined else "-"

        lines = [
            _(
                "ABC %(cls)s on %(basis)s %(value)s: share %(share)s, clients "
                "ranked above %(above)s, cumulative %(cum)s "
                "(A below %(a)s %%, B below %(b)s %%; zero or negative value is C).",
                cls=self.abc_class,
                basis=dict(
                    run._fields["abc_basis"]._description_selection(self.env)
                ).get(run.abc_basis, ""),
                value=money(self.abc_value),
                share=percent(self.share, ranked),
                above=percent(self.cum_share_above, ranked),
                cum=percent(self.cum_share, ranked),
                a=number(run.abc_a),
                b=number(run.abc_b),
            ),
            _(
                "XYZ %(cls)s: CV %(cv)s of the monthly revenue over %(months)s "
                "months (mean %(mean)s), %(active)s active months "
                "(X up to %(x)s %%, Y up to %(y)s %%, Z above or with a mean of zero "
                "or less (no CV), N below %(k)s active months).",
                cls=self.xyz_class,
                cv=percent(self.cv, self.monthly_mean > 0),
                months=run.window_months,
                mean=money(self.monthly_mean),
                active=self.active_months,
                x=number(run.xyz_x),
                y=number(run.xyz_y),
                k=run.min_months,
            ),
            _(
                "Status %(status)s: %(count)s invoices ever, last purchase %(last)s, "
                "median interval %(median)s days (lost after %(lost)s days, at risk "
                "after %(factor)s x the median interval).",
                status=selection.get(self.customer_status, ""),
                count=self.invoice_count,
                last=format_date(self.env, self.last_purchase_date) or "-",
                median=number(self.median_interval, 1) if self.median_interval else "-",
                lost=run.lost_days,
                factor=number(run.at_risk_factor),
            ),
        ]
        if self.false_leader:
            lines.append(
                _(
                    "False leader: the largest invoice of the window makes "
                    "%(share)s of the revenue (more than %(limit)s %%) and no "
                    "purchase in the last %(months)s months.",
                    share=percent(self.top_invoice_share),
                    limit=number(run.false_leader_share),
                    months=run.false_leader_months,
                )
            )
        if self.rfm_score:
            lines.append(
                _(
                    "RFM %(score)s (%(segment)s): last purchase %(recency)s days "
                    "ago, %(frequency)s invoices, net revenue %(monetary)s; "
                    "scored by rank among the distinct values of the clients with "
                    "purchases in the window.",
                    score=self.rfm_score,
                    segment=self.rfm_segment_id.name or "-",
                    recency=self.recency_days,
                    frequency=self.frequency,
                    monetary=money(self.monetary),
                )
            )
        else:
            lines.append(_("RFM: no purchase in the window."))
        return "\n".join(lines)
