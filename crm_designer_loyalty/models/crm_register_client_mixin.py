# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models
from odoo.exceptions import AccessError


class CrmRegisterClientMixin(models.AbstractModel):
    """Register rows of a client (complaints, competitor activity and deals).

    Record rules let a salesperson write the rows of their own clients; Odoo
    checks them before a write, on the old values only. A write that changes the
    client is checked again on the new values, so that a salesperson cannot move
    a row to a client outside their rules (Odoo already checks a created row)."""

    _name = "crm.register.client.mixin"
    _description = "Client Register Row"

    def write(self, vals):
        res = super().write(vals)
        if "partner_id" in vals:
            try:
                self.check_access("write")
            except AccessError as error:
                raise AccessError(
                    self.env._(
                        "%(model)s: you can only assign a row to a client you "
                        "follow (your own or your team's clients).",
                        model=self.env["ir.model"]._get(self._name).name,
                    )
                ) from error
        return res
