# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class ResPartnerAttributeOption(models.Model):
    _name = "res.partner.attribute.option"
    _inherit = "crm.designer.input.mixin"
    _description = "Partner Attribute Option"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    attribute_id = fields.Many2one(
        "res.partner.attribute",
        required=True,
        ondelete="cascade",
        index=True,
    )
    sequence = fields.Integer(default=10)

    _sql_constraints = (
        (
            "name_attribute_uniq",
            "unique(attribute_id, name)",
            "This option already exists for the attribute.",
        ),
    )
