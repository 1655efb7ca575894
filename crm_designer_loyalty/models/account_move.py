# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class AccountMove(models.Model):
    _inherit = "account.move"

    designer_id = fields.Many2one(
        "res.partner",
        domain="[('is_designer', '=', True)]",
        tracking=True,
        index="btree_not_null",
        help="Interior designer this document is attributed to.",
    )
