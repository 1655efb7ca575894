# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class ResPartnerDesignStyle(models.Model):
    _name = "res.partner.design.style"
    _inherit = "crm.designer.input.mixin"
    _description = "Interior Design Style"
    _order = "name"

    name = fields.Char(
        required=True, translate=True, help="E.g. Scandinavian, Loft, Classic."
    )
    color = fields.Integer()
    active = fields.Boolean(default=True)

    _sql_constraints = (
        ("name_uniq", "unique(name)", "A style with this name already exists."),
    )
