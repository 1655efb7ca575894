# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError


class ResCompany(models.Model):
    _inherit = "res.company"  # pylint: disable=consider-merging-classes-inherited

    cdl_plan_actual_source = fields.Selection(
        [("invoice", "Posted Invoices"), ("order", "Confirmed Orders")],
        string="Plan Actuals From",
        default="invoice",
        required=True,
        help="Sales compared with the plans: posted customer invoices net of "
        "credit notes, or confirmed sale orders.",
    )
    cdl_scorecard_field_ids = fields.Many2many(
        "ir.model.fields",
        "res_company_cdl_scorecard_field_rel",
        string="Required Partner Fields",
        domain=[
            ("model", "=", "res.partner"),
            ("store", "=", True),
            ("ttype", "not in", ("one2many", "many2many", "binary")),
        ],
        help="Partner fields that the database completeness of the scorecards "
        "checks (email, phone, street and city when empty).",
    )
    cdl_no_next_step_days = fields.Integer(
        string="Days Without Next Step",
        default=3,
        help="An open lead without any activity for this many days gets a to-do "
        "for its team's Sales Manager (0: never).",
    )

    @api.constrains("cdl_no_next_step_days")
    def _check_cdl_no_next_step_days(self):
        for company in self:
            if not 0 <= company.cdl_no_next_step_days <= 365:
                raise ValidationError(
                    self.env._(
                        "Days Without Next Step must be between 0 and 365, not "
                        "%(value)s.",
                        value=company.cdl_no_next_step_days,
                    )
                )
