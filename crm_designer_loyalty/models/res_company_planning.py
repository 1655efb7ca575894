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
