# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Invite the designers of chosen tiers to an event: an invitation each
(``designer.event.invitation``), the invitation email in the designer's
language logged on its chatter, and optionally its registration."""

from odoo import api, fields, models
from odoo.exceptions import UserError


class DesignerEventInvite(models.TransientModel):
    _name = "designer.event.invite"
    _description = "Invite Designers to an Event"

    event_id = fields.Many2one("event.event", required=True, ondelete="cascade")
    tier_ids = fields.Many2many(
        "designer.loyalty.tier",
        string="Tiers",
        help="Designers whose current tier (in the event's company) is one of "
        "these are invited.",
    )
    create_registrations = fields.Boolean(
        string="Register Them",
        help="Also register each invited designer to the event.",
    )
    template_id = fields.Many2one(
        "mail.template",
        string="Email Template",
        required=True,
        default=lambda self: self.env.ref(
            "crm_designer_loyalty.mail_template_designer_event_invitation",
            raise_if_not_found=False,
        ),
        domain=[("model", "=", "designer.event.invitation")],
    )
    designer_ids = fields.Many2many(
        "res.partner",
        string="Designers to Invite",
        compute="_compute_designer_ids",
        help="Designers of the chosen tiers not invited to this event yet.",
    )
    designer_count = fields.Integer(compute="_compute_designer_ids")

    @api.depends("event_id", "tier_ids")
    def _compute_designer_ids(self):
        for wizard in self:
            wizard.designer_ids = wizard._designers()
            wizard.designer_count = len(wizard.designer_ids)

    def _designers(self):
        """The active designers of the chosen tiers in the event's company,
        less those invited already."""
        self.ensure_one()
        if not self.tier_ids or not self.event_id:
            return self.env["res.partner"]
        company = self.event_id.company_id or self.env.company
        designers = (
            self.env["res.partner"]
            .with_company(company)
            .search(
                [
                    ("is_designer", "=", True),
                    ("loyalty_tier_id", "in", self.tier_ids.ids),
                ],
                order="name, id",
            )
        )
        return designers - self.event_id.cdl_invitation_ids.partner_id

    def action_invite(self):
        self.ensure_one()
        if not self.tier_ids:
            raise UserError(self.env._("Choose the tiers of the designers to invite."))
        designers = self._designers()
        if not designers:
            raise UserError(
                self.env._(
                    "No designer of the tiers %(tiers)s is left to invite to "
                    "%(event)s.",
                    tiers=", ".join(self.tier_ids.mapped("name")),
                    event=self.event_id.display_name,
                )
            )
        company = self.event_id.company_id or self.env.company
        registrations = self.env["event.registration"]
        if self.create_registrations:
            registrations = registrations.create(
                [
                    {"event_id": self.event_id.id, "partner_id": designer.id}
                    for designer in designers
                ]
            )
        invitations = self.env["designer.event.invitation"].create(
            [
                {
                    "event_id": self.event_id.id,
                    "partner_id": designer.id,
                    "tier_id": designer.with_company(company).loyalty_tier_id.id,
                    "registration_id": registration.id,
                }
                for designer, registration in zip(
                    designers,
                    registrations or [registrations] * len(designers),
                    strict=True,
                )
            ]
        )
        self.template_id._cdl_post_to_partners(
            invitations, [self.env.user] * len(invitations)
        )
        return self.event_id.action_cdl_open_invitations()
