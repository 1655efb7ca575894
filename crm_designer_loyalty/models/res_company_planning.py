# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


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
