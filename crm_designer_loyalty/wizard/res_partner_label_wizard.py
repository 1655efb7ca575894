# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models

from ..report.res_partner_label_report import LABEL_BOUNDS
from .partner_selection import selected_partners


class ResPartnerLabelWizard(models.TransientModel):
    _name = "res.partner.label.wizard"
    _inherit = ["crm.designer.input.mixin"]
    _description = "Print Address Labels"

    partner_ids = fields.Many2many(
        "res.partner", string="Partners", required=True, default=selected_partners
    )
    columns = fields.Integer(default=LABEL_BOUNDS["columns"][2])
    rows = fields.Integer(default=LABEL_BOUNDS["rows"][2])
    skip = fields.Integer(
        string="Labels to Skip",
        default=LABEL_BOUNDS["skip"][2],
        help="Labels already used on the first sheet, left blank.",
    )

    def action_print(self):
        self.ensure_one()
        data = {"columns": self.columns, "rows": self.rows, "skip": self.skip}
        # checked here too, so that the error shows before the download
        self.env["report.crm_designer_loyalty.report_partner_labels"]._label_layout(
            data
        )
        return self.env.ref(
            "crm_designer_loyalty.res_partner_label_report"
        ).report_action(self.partner_ids, data=data)
