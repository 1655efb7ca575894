# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models


class CrmClaimType(models.Model):
    """Kind of complaint (quality, delivery, installation, documents...) and the
    number of days the company gives itself to answer it."""

    _name = "crm.claim.type"
    _inherit = "crm.designer.input.mixin"
    _description = "Complaint Type"
    _order = "sequence, name"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    response_days = fields.Integer(
        default=10,
        help="Days from the complaint date to its deadline.",
    )

    _sql_constraints = [
        ("name_uniq", "unique(name)", "A complaint type with this name exists."),
    ]

    @api.constrains("response_days")
    def _check_response_days(self):
        self._cdl_check_bounds({"response_days": (0, 365)})
