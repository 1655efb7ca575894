# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class ResPartnerDocumentType(models.Model):
    _name = "res.partner.document.type"
    _inherit = "crm.designer.input.mixin"
    _description = "Partner Document Type"
    _order = "sequence, name"

    name = fields.Char(
        required=True, translate=True, help="E.g. Contract, Offer, Photo."
    )
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)

    _sql_constraints = (
        ("name_uniq", "unique(name)", "A document type with this name already exists."),
    )
