# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models
from odoo.exceptions import ValidationError

ATTRIBUTE_TYPES = [
    ("number", "Number"),
    ("text", "Text"),
    ("date", "Date"),
    ("selection", "Selection"),
]


class ResPartnerAttribute(models.Model):
    """Extra dossier attribute defined by consultants in the UI."""

    _name = "res.partner.attribute"
    _inherit = "crm.designer.input.mixin"
    _description = "Partner Attribute Definition"
    _order = "sequence, name"

    name = fields.Char(
        required=True, translate=True, help="Label of the attribute in the dossier."
    )
    attribute_type = fields.Selection(
        ATTRIBUTE_TYPES,
        string="Type",
        required=True,
        default="text",
        help="Kind of value: a number, a free text, a date or one value from "
        "the list of options.",
    )
    option_ids = fields.One2many(
        "res.partner.attribute.option",
        "attribute_id",
        string="Options",
        help="Values that can be chosen for a Selection attribute.",
    )
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    description = fields.Text(
        translate=True, help="What to enter, shown to salespeople as a hint."
    )
    value_count = fields.Integer(compute="_compute_value_count")

    _sql_constraints = (
        ("name_uniq", "unique(name)", "An attribute with this name already exists."),
    )

    def _compute_value_count(self):
        counts = dict(
            self.env["res.partner.attribute.value"]._read_group(
                [("attribute_id", "in", self.ids)], ["attribute_id"], ["__count"]
            )
        )
        for attribute in self:
            attribute.value_count = counts.get(attribute, 0)

    def write(self, vals):
        if "attribute_type" in vals:
            changed = self.filtered(
                lambda a: a.attribute_type != vals["attribute_type"]
            )
            value = self.env["res.partner.attribute.value"].search(
                [("attribute_id", "in", changed.ids)], limit=1
            )
            if value:
                raise ValidationError(
                    self.env._(
                        'Attribute "%(attribute)s" already has values (e.g. for '
                        "%(partner)s): its type cannot be changed.",
                        attribute=value.attribute_id.name,
                        partner=value.partner_id.display_name,
                    )
                )
        return super().write(vals)

    def action_view_values(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "crm_designer_loyalty.res_partner_attribute_value_action"
        )
        action["domain"] = [("attribute_id", "=", self.id)]
        action["context"] = {"default_attribute_id": self.id}
        return action
