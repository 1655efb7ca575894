# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError

from .res_partner_attribute import ATTRIBUTE_TYPES

# Field holding the value for each attribute type.
VALUE_FIELDS = {
    "number": "value_number",
    "text": "value_text",
    "date": "value_date",
    "selection": "value_option_id",
}


class ResPartnerAttributeValue(models.Model):
    _name = "res.partner.attribute.value"
    _inherit = "res.partner.dossier.mixin"
    _description = "Partner Attribute Value"
    _order = "attribute_sequence, attribute_id, id"
    _rec_name = "attribute_id"

    attribute_id = fields.Many2one(
        "res.partner.attribute",
        required=True,
        ondelete="restrict",
        index=True,
        help="Attribute defined by the consultants (Configuration).",
    )
    attribute_sequence = fields.Integer(
        related="attribute_id.sequence", store=True, string="Attribute Sequence"
    )
    attribute_type = fields.Selection(related="attribute_id.attribute_type")
    value_number = fields.Float(string="Number", help="Value of a Number attribute.")
    value_text = fields.Char(string="Text", help="Value of a Text attribute.")
    value_date = fields.Date(string="Date", help="Value of a Date attribute.")
    value_option_id = fields.Many2one(
        "res.partner.attribute.option",
        string="Option",
        ondelete="restrict",
        domain="[('attribute_id', '=', attribute_id)]",
        help="Value of a Selection attribute, one of its options.",
    )
    value_display = fields.Char(
        string="Value",
        compute="_compute_value_display",
        store=True,
        help="The value as text, for lists, searches and exports.",
    )

    _sql_constraints = (
        (
            "partner_attribute_uniq",
            "unique(partner_id, attribute_id)",
            "A partner has one value per attribute.",
        ),
    )

    @api.depends(
        "attribute_type", "value_number", "value_text", "value_date", "value_option_id"
    )
    def _compute_value_display(self):
        for value in self:
            kind = value.attribute_type
            raw = value[VALUE_FIELDS[kind]] if kind else False
            if kind == "number":
                value.value_display = f"{raw:g}"
            elif kind == "date":
                value.value_display = raw and fields.Date.to_string(raw)
            elif kind == "selection":
                value.value_display = raw.name
            else:
                value.value_display = raw

    @api.constrains(
        "attribute_id", "value_number", "value_text", "value_date", "value_option_id"
    )
    def _check_value_matches_type(self):
        for value in self:
            attribute = value.attribute_id
            kind = attribute.attribute_type
            stray = [
                value._fields[name]._description_string(self.env)
                for key, name in VALUE_FIELDS.items()
                if key != kind and value[name]
            ]
            if stray:
                raise ValidationError(
                    self.env._(
                        'Attribute "%(attribute)s" of %(partner)s is of type '
                        "%(type)s: %(fields)s cannot be set.",
                        attribute=attribute.name,
                        partner=value.partner_id.display_name,
                        type=dict(ATTRIBUTE_TYPES)[kind],
                        fields=", ".join(stray),
                    )
                )
            option = value.value_option_id
            if option and option.attribute_id != attribute:
                raise ValidationError(
                    self.env._(
                        '"%(option)s" is not an option of attribute "%(attribute)s" '
                        "(partner %(partner)s). Allowed: %(allowed)s.",
                        option=option.name,
                        attribute=attribute.name,
                        partner=value.partner_id.display_name,
                        allowed=", ".join(attribute.option_ids.mapped("name")) or "-",
                    )
                )
