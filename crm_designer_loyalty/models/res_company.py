# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import AccessError, ValidationError

# the settings a Loyalty Manager edits in Loyalty > Program Settings
LOYALTY_PROGRAM_FIELDS = frozenset(
    {
        "loyalty_threshold_basis",
        "loyalty_min_payout",
        "loyalty_points_expiry_months",
        "loyalty_payout_journal_id",
        "loyalty_payout_product_id",
        "loyalty_pricelist_mapping",
        "loyalty_abc_pricelist_mapping",
    }
)
# the segmentation settings (checked together)
SEGMENT_SETTINGS = (
    "segment_window_months",
    "segment_abc_basis",
    "segment_abc_a",
    "segment_abc_b",
    "segment_xyz_x",
    "segment_xyz_y",
    "segment_xyz_min_months",
    "segment_lost_days",
    "segment_at_risk_factor",
    "segment_false_leader_share",
    "segment_false_leader_months",
)
# what the Configuration group (consultants) edits in Program Settings
CONFIGURATION_FIELDS = LOYALTY_PROGRAM_FIELDS | {
    "significant_date_reminder_days",
    *SEGMENT_SETTINGS,
}


class ResCompany(models.Model):
    _name = "res.company"
    # the input check first: it sees the values before any override converts them
    _inherit = ["crm.designer.input.mixin", "res.company"]

    significant_date_reminder_days = fields.Integer(
        string="Significant Date Reminder (Days)",
        default=7,
        help="How many days before a client's significant date (birthday, "
        "anniversary...) a to-do is scheduled for the salesperson.",
    )

    # --- Designer loyalty program -------------------------------------------
    loyalty_threshold_basis = fields.Selection(
        [("net", "Net Sales"), ("margin", "Margin")],
        string="Tier Threshold Basis",
        default="net",
        required=True,
        help="Measure of the rolling 12-month referred sales compared with the "
        "tier thresholds. Margin deducts the product cost: the current cost of "
        "the product x the quantity converted to the product's unit of measure, "
        "as in Odoo's invoice analysis.",
    )
    loyalty_min_payout = fields.Monetary(
        string="Minimum Payout",
        help="Statements with a smaller total are not paid out: their total is "
        "carried over to the next statement.",
    )
    loyalty_points_expiry_months = fields.Integer(
        string="Points Expiry (Months)",
        help="Points expire after this many months without points activity. "
        "0: points never expire.",
    )
    loyalty_payout_journal_id = fields.Many2one(
        "account.journal",
        string="Payout Journal",
        domain="[('type', '=', 'purchase'), ('company_id', '=', id)]",
        help="Purchase journal of the payout vendor bills (default: the first "
        "purchase journal).",
    )
    loyalty_payout_product_id = fields.Many2one(
        "product.product",
        string="Payout Product",
        domain="[('type', '=', 'service'), ('company_id', 'in', [False, id])]",
        help="Service product of the payout vendor bill line (its expense account "
        "is used; the bill carries no taxes).",
    )
    loyalty_pricelist_mapping = fields.Boolean(
        string="Designer Tier Pricelists",
        default=True,
        help="Sales conditions by rank: apply the pricelist of the designer's "
        "tier to the designer's own new quotations.",
    )
    loyalty_abc_pricelist_mapping = fields.Boolean(
        string="Client Class Pricelists",
        default=True,
        help="Sales conditions by rank: apply the pricelist of the client's ABC "
        "class (Loyalty > Configuration > ABC Class Pricelists) to the client's "
        "new quotations.",
    )

    # --- Segmentation settings -------------------------------------------------
    segment_last_date = fields.Date(
        string="Latest Segmentation",
        readonly=True,
        help="Day of the latest finished segmentation run: the partners show the "
        "classes of its snapshots.",
    )
    segment_window_months = fields.Integer(
        string="Analysis Window (months)",
        default=12,
        help="Number of full calendar months before the run date analysed by the "
        "segmentation; the running month is excluded.",
    )
    segment_abc_basis = fields.Selection(
        [("revenue", "Revenue"), ("margin", "Gross Margin")],
        string="ABC Basis",
        default="revenue",
        required=True,
        help="Value clients are ranked on for the ABC analysis. Gross margin is "
        "the invoiced amount minus the product cost: the current cost of the "
        "product x the quantity converted to the product's unit of measure, as in "
        "Odoo's invoice analysis.",
    )
    segment_abc_a = fields.Float(
        string="Class A up to (%)",
        default=80.0,
        help="A client is A while the cumulative revenue share of the clients "
        "ranked above it is below this percentage.",
    )
    segment_abc_b = fields.Float(
        string="Class B up to (%)",
        default=95.0,
        help="A client is B while the cumulative share of the clients ranked "
        "above it is below this percentage; C beyond.",
    )
    segment_xyz_x = fields.Float(
        string="Class X up to (CV %)",
        default=10.0,
        help="Highest coefficient of variation of monthly revenue of a regular "
        "(X) client, in percent.",
    )
    segment_xyz_y = fields.Float(
        string="Class Y up to (CV %)",
        default=25.0,
        help="Highest coefficient of variation of a Y client, in percent; Z beyond.",
    )
    segment_xyz_min_months = fields.Integer(
        string="Minimum Active Months",
        default=3,
        help="Clients with fewer months with purchases in the window are classed "
        "N: their regularity cannot be judged yet.",
    )
    segment_lost_days = fields.Integer(
        string="Lost After (days)",
        default=365,
        help="A client who bought and then bought nothing for more than this "
        "number of days is lost.",
    )
    segment_at_risk_factor = fields.Float(
        string="At Risk Factor",
        default=2.0,
        help="A regular client is at risk when the last purchase is older than "
        "this factor times the median interval between their purchases.",
    )

    segment_false_leader_share = fields.Float(
        string="False Leader: One Invoice Above (%)",
        default=70.0,
        help="A class A client is a false leader when one invoice makes more than "
        "this share of the window revenue and there is no purchase in the last "
        "months below.",
    )
    segment_false_leader_months = fields.Integer(
        string="False Leader: No Purchase For (months)",
        default=6,
        help="A class A client whose last purchase is older than this number of "
        "months (a purchase exactly that many months before the run still "
        "counts) and whose window revenue comes mainly from one invoice is a "
        "false leader.",
    )

    @api.constrains(*SEGMENT_SETTINGS)
    def _check_segment_settings(self):
        for company in self:
            error = company._cdl_segment_settings_error()
            if error:
                raise ValidationError(
                    self.env._(
                        "Segmentation settings of %(company)s: %(error)s",
                        company=company.display_name,
                        error=error,
                    )
                )

    def _cdl_segment_settings_error(self):
        """Return the reason why the segmentation settings are wrong, or None."""
        self.ensure_one()
        for name in SEGMENT_SETTINGS:  # NaN or infinity stored before the check
            error = self._cdl_input_error(self._fields[name], self[name])
            if error:
                return error
        _ = self.env._
        if not 1 <= self.segment_window_months <= 120:
            return _(
                "the analysis window (months) must be between 1 and 120 months, "
                "not %s.",
                self.segment_window_months,
            )
        if self.segment_abc_a <= 0:
            return _("class A up to (%%) must be above 0 (%s).", self.segment_abc_a)
        if self.segment_abc_a >= self.segment_abc_b:
            return _(
                "class A up to (%%) must be below class B up to (%%) (%(a)s >= %(b)s).",
                a=self.segment_abc_a,
                b=self.segment_abc_b,
            )
        if self.segment_abc_b > 100:
            return _("class B up to (%%) cannot exceed 100 (%s).", self.segment_abc_b)
        if self.segment_xyz_x < 0:
            return _(
                "class X up to (CV %%) cannot be negative (%s).", self.segment_xyz_x
            )
        if self.segment_xyz_x >= self.segment_xyz_y:
            return _(
                "class X up to (CV %%) must be below class Y up to (CV %%) "
                "(%(x)s >= %(y)s).",
                x=self.segment_xyz_x,
                y=self.segment_xyz_y,
            )
        if self.segment_xyz_y > 1000:
            return _(
                "class Y up to (CV %%) cannot exceed 1000 (%s).", self.segment_xyz_y
            )
        if self.segment_xyz_min_months < 1:
            return _("the minimum active months must be at least 1.")
        if self.segment_xyz_min_months > self.segment_window_months:
            return _(
                "the minimum active months (%(months)s) cannot exceed the analysis "
                "window (%(window)s months): every client would be class N.",
                months=self.segment_xyz_min_months,
                window=self.segment_window_months,
            )
        if not 1 <= self.segment_lost_days <= 3660:
            return _(
                "lost after (days) must be between 1 and 3660 days, not %s.",
                self.segment_lost_days,
            )
        if not 0 < self.segment_at_risk_factor <= 100:
            return _(
                "the at risk factor must be above 0 and at most 100, not %s.",
                self.segment_at_risk_factor,
            )
        if not 0 < self.segment_false_leader_share < 100:
            return _(
                "the false leader share of one invoice (%%) must be above 0 and "
                "below 100, not %s.",
                self.segment_false_leader_share,
            )
        if not 1 <= self.segment_false_leader_months <= 120:
            return _(
                "the false leader months without purchase must be between 1 and "
                "120, not %s.",
                self.segment_false_leader_months,
            )
        return None

    @api.constrains("significant_date_reminder_days")
    def _check_significant_date_reminder_days(self):
        for company in self:
            if not 0 <= company.significant_date_reminder_days <= 365:
                raise ValidationError(
                    self.env._(
                        "Significant date reminder of %(company)s: the number of "
                        "days before the date must be between 0 and 365, not "
                        "%(days)s.",
                        company=company.display_name,
                        days=company.significant_date_reminder_days,
                    )
                )

    # --- Loyalty program settings for Loyalty Managers ---------------------------
    @api.constrains(
        "loyalty_min_payout",
        "loyalty_points_expiry_months",
        "loyalty_payout_journal_id",
        "loyalty_payout_product_id",
    )
    def _check_loyalty_settings(self):
        _ = self.env._
        for company in self:
            journal = company.loyalty_payout_journal_id
            product = company.loyalty_payout_product_id
            if company.loyalty_min_payout < 0:
                error = _("the minimum payout cannot be negative.")
            elif not 0 <= company.loyalty_points_expiry_months <= 120:
                error = _(
                    "the points expiry (months) must be between 0 (never) and 120, "
                    "not %s.",
                    company.loyalty_points_expiry_months,
                )
            elif journal and (
                journal.type != "purchase" or journal.company_id != company
            ):
                error = _(
                    "the payout journal %s is not a purchase journal of the company.",
                    journal.display_name,
                )
            elif product and (
                product.type != "service"
                or product.company_id not in (company, company.browse())
            ):
                error = _(
                    "the payout product %s is not a service of the company.",
                    product.display_name,
                )
            else:
                continue
            raise ValidationError(
                _(
                    "Loyalty program settings of %(company)s: %(error)s",
                    company=company.display_name,
                    error=error,
                )
            )

    def write(self, vals):
        """Loyalty Managers and consultants (Configuration), who may not write
        companies, may write the program settings of their own companies: the
        loyalty settings, and for consultants also the dossier and segmentation
        settings (only these)."""
        user = self.env.user
        allowed = (
            CONFIGURATION_FIELDS
            if user.has_group("crm_designer_loyalty.group_designer_config")
            else LOYALTY_PROGRAM_FIELDS
            if user.has_group("crm_designer_loyalty.group_loyalty_manager")
            else frozenset()
        )
        if (
            vals
            and set(vals) <= allowed
            and not self.env.su
            and not self.has_access("write")
        ):
            if self - user.company_ids:
                raise AccessError(
                    self.env._(
                        "You can only change the program settings of your own "
                        "companies."
                    )
                )
            return super(ResCompany, self.sudo()).write(vals)
        return super().write(vals)

    @api.model
    def action_open_loyalty_program_settings(self):
        """Form of the loyalty program settings of the current company."""
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "crm_designer_loyalty.res_company_loyalty_program_action"
        )
        action["res_id"] = self.env.company.id
        return action
