# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError


class CrmRfmSegment(models.Model):
    _name = "crm.rfm.segment"
    _inherit = "crm.designer.input.mixin"
    _description = "RFM Value Segment"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(
        default=10,
        help="Segments are tried in this order; a client gets the first segment "
        "whose three score ranges hold its R, F and M scores.",
    )
    active = fields.Boolean(default=True)
    description = fields.Text(
        translate=True, help="How to work with the clients of this segment."
    )
    color = fields.Integer()
    r_min = fields.Integer(string="Recency from", default=1, required=True)
    r_max = fields.Integer(string="Recency to", default=5, required=True)
    f_min = fields.Integer(string="Frequency from", default=1, required=True)
    f_max = fields.Integer(string="Frequency to", default=5, required=True)
    m_min = fields.Integer(string="Monetary from", default=1, required=True)
    m_max = fields.Integer(string="Monetary to", default=5, required=True)

    @api.constrains("r_min", "r_max", "f_min", "f_max", "m_min", "m_max")
    def _check_ranges(self):
        for segment in self:
            for low, high in (
                ("r_min", "r_max"),
                ("f_min", "f_max"),
                ("m_min", "m_max"),
            ):
                if not 1 <= segment[low] <= segment[high] <= 5:
                    raise ValidationError(
                        self.env._(
                            "RFM segment %(name)s: the range %(low)s - %(high)s must "
                            "lie within 1 - 5 with the lower bound first "
                            "(%(low_value)s - %(high_value)s).",
                            name=segment.name,
                            low=self._fields[low]._description_string(self.env),
                            high=self._fields[high]._description_string(self.env),
                            low_value=segment[low],
                            high_value=segment[high],
                        )
                    )
