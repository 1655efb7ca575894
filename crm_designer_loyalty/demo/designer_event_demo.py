# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Demo data of the designer events: a showroom presentation in two weeks,
to which the Silver and Gold designers are invited and registered, and the
Base designers invited without a registration (the invitation emails
queued, in each designer's language)."""

from datetime import timedelta

from odoo import Command, fields


class DesignerEventDemo:
    """``DesignerEventDemo(env).load()``: plain Python on an environment."""

    def __init__(self, env):
        # as Odoo's own event demo: no on-registration mail scheduler run
        # (its ticket PDF needs wkhtmltopdf to reach a running server)
        self.env = env(context=dict(env.context, install_mode=True))

    def load(self, today=None):
        today = today or fields.Date.context_today(self.env.user)
        begin = fields.Datetime.to_datetime(today + timedelta(days=14)).replace(hour=15)
        event = self.env["event.event"].create(
            {
                "name": "Showroom presentation: new collection",
                "date_begin": begin,
                "date_end": begin + timedelta(hours=3),
                "address_id": self.env.company.partner_id.id,
            }
        )
        for tiers, register in (
            (("silver", "gold"), True),
            (("base",), False),
        ):
            wizard = self.env["designer.event.invite"].create(
                {
                    "event_id": event.id,
                    "tier_ids": [
                        Command.link(
                            self.env.ref(
                                f"crm_designer_loyalty.designer_loyalty_tier_{tier}"
                            ).id
                        )
                        for tier in tiers
                    ],
                    "create_registrations": register,
                }
            )
            if wizard.designer_ids:
                wizard.action_invite()
        return event
