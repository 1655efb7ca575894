# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models


class CrmLead(models.Model):
    _name = "crm.lead"
    _inherit = ["crm.lead", "designer.attribution.mixin"]

    def write(self, vals):
        if "stage_id" not in vals:
            return super().write(vals)
        won_before = self.filtered("stage_id.is_won")
        res = super().write(vals)
        for lead in (self - won_before).filtered("stage_id.is_won"):
            lead.partner_id._cdl_first_touch(lead.designer_id, lead.order_ids)
        return res

    def _prepare_opportunity_quotation_context(self):
        context = super()._prepare_opportunity_quotation_context()
        if self.designer_id:
            context["default_designer_id"] = self.designer_id.id
        return context
