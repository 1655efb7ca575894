# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models


class EventEvent(models.Model):
    _inherit = "event.event"

    cdl_invitation_ids = fields.One2many(
        "designer.event.invitation", "event_id", string="Designer Invitations"
    )
    cdl_invitation_count = fields.Integer(
        string="Invited Designers", compute="_compute_cdl_invitation_count"
    )

    @api.depends("cdl_invitation_ids")
    def _compute_cdl_invitation_count(self):
        counts = dict(
            self.env["designer.event.invitation"]._read_group(
                [("event_id", "in", self.ids)], ["event_id"], ["__count"]
            )
        )
        for event in self:
            event.cdl_invitation_count = counts.get(event, 0)

    def action_cdl_invite_designers(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Invite Designers"),
            "res_model": "designer.event.invite",
            "view_mode": "form",
            "target": "new",
            "context": {"default_event_id": self.id},
        }

    def action_cdl_open_invitations(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "crm_designer_loyalty.designer_event_invitation_action"
        )
        action["domain"] = [("event_id", "=", self.id)]
        action["context"] = {"default_event_id": self.id}
        return action
