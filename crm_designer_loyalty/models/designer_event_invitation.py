# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Designers invited to an event (Odoo ``event``): who was invited, from
which tier, and their registration if one was made. The invitations are
written by the "Invite Designers" wizard of the event."""

from odoo import api, fields, models


class DesignerEventInvitation(models.Model):
    _name = "designer.event.invitation"
    _description = "Designer Event Invitation"
    _order = "event_begin desc, id desc"
    _rec_name = "partner_id"

    event_id = fields.Many2one(
        "event.event", required=True, index=True, ondelete="cascade", readonly=True
    )
    partner_id = fields.Many2one(
        "res.partner",
        string="Designer",
        required=True,
        index=True,
        ondelete="cascade",
        readonly=True,
        domain=[("is_designer", "=", True)],
    )
    tier_id = fields.Many2one(
        "designer.loyalty.tier",
        readonly=True,
        ondelete="set null",
        help="The designer's tier when invited.",
    )
    registration_id = fields.Many2one(
        "event.registration",
        ondelete="set null",
        help="The designer's registration to the event, made by the invitation "
        "or later.",
    )
    registration_state = fields.Selection(related="registration_id.state")
    event_begin = fields.Datetime(related="event_id.date_begin", store=True)
    company_id = fields.Many2one(related="event_id.company_id", store=True)
    user_id = fields.Many2one(
        related="partner_id.user_id", string="Salesperson", readonly=True
    )

    _sql_constraints = [
        (
            "event_partner_unique",
            "UNIQUE(event_id, partner_id)",
            "A designer is invited to an event once.",
        )
    ]

    @api.depends("event_id", "partner_id")
    def _compute_display_name(self):
        for row in self:
            row.display_name = (
                f"{row.event_id.display_name or ''}: {row.partner_id.name or ''}"
            )
