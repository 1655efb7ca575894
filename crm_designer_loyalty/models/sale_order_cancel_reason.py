# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The configurable list of reasons for cancelling a sale order."""

from odoo import fields, models


class SaleOrderCancelReason(models.Model):
    _name = "sale.order.cancel.reason"
    _inherit = ["crm.designer.input.mixin"]
    _description = "Sale Order Cancel Reason"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)

    _sql_constraints = [
        ("name_unique", "UNIQUE(name)", "A cancel reason with this name exists.")
    ]
