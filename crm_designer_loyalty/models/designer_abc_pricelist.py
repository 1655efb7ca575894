# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models

from .res_partner_segment_snapshot import ABC_CLASSES


class DesignerAbcPricelist(models.Model):
    _name = "designer.abc.pricelist"
    _description = "Pricelist by Client ABC Class"
    _order = "company_id, abc_class"

    abc_class = fields.Selection(
        ABC_CLASSES,
        string="ABC Class",
        required=True,
        help="Client ABC class from the segmentation.",
    )
    pricelist_id = fields.Many2one(
        "product.pricelist", required=True, ondelete="cascade", check_company=True
    )
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )

    _sql_constraints = (
        (
            "class_company_uniq",
            "UNIQUE(abc_class, company_id)",
            "An ABC class has only one pricelist per company.",
        ),
    )

    @api.model
    def _get_pricelist(self, abc_class, company):
        """Pricelist for new quotations of a client of the given ABC class."""
        if not abc_class or not company.loyalty_abc_pricelist_mapping:
            return self.env["product.pricelist"]
        return self.search(
            [("abc_class", "=", abc_class), ("company_id", "=", company.id)], limit=1
        ).pricelist_id
