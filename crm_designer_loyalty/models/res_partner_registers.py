# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models


class ResPartner(models.Model):
    """The registers on the client dossier: complaints."""

    _inherit = "res.partner"  # pylint: disable=consider-merging-classes-inherited

    def action_cdl_view_claims(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "crm_designer_loyalty.crm_claim_action"
        )
        action["domain"] = [("partner_id", "child_of", self.commercial_partner_id.id)]
        action["context"] = {"default_partner_id": self.id}
        return action
