# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models


class CrmLead(models.Model):
    _inherit = "crm.lead"

    designer_id = fields.Many2one(
        "res.partner",
        domain="[('is_designer', '=', True)]",
        tracking=True,
        index="btree_not_null",
        compute="_compute_designer_id",
        store=True,
        readonly=False,
        precompute=True,
        copy=True,
        help="Interior designer this document is attributed to. Defaults to the "
        "designer of the client; carried to the quotations made from it.",
    )

    @api.depends("partner_id")
    def _compute_designer_id(self):
        for lead in self:
            lead.designer_id = (
                lead.partner_id.commercial_partner_id.designer_id or lead.designer_id
            )

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
