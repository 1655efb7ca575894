# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The designer's events: the invitations it received and its registrations
(Odoo ``event``), on the designer form."""

from odoo import fields, models


class ResPartner(models.Model):
    _inherit = "res.partner"  # pylint: disable=consider-merging-classes-inherited

    cdl_event_invitation_ids = fields.One2many(
        "designer.event.invitation",
        "partner_id",
        string="Event Invitations",
        groups="crm_designer_loyalty.group_designer_user",
    )
    cdl_event_registration_count = fields.Integer(
        string="Event Registrations",
        compute="_compute_cdl_event_registration_count",
        groups="crm_designer_loyalty.group_designer_user",
    )

    def _compute_cdl_event_registration_count(self):
        counts = dict(
            self.env["event.registration"]._read_group(
                [("partner_id", "in", self.ids), ("state", "!=", "cancel")],
                ["partner_id"],
                ["__count"],
            )
        )
        for partner in self:
            partner.cdl_event_registration_count = counts.get(partner, 0)

    def action_cdl_open_event_registrations(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Event Registrations"),
            "res_model": "event.registration",
            "view_mode": "list,form",
            "domain": [("partner_id", "=", self.id)],
            "context": {"default_partner_id": self.id},
        }
