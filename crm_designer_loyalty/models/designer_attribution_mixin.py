# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models


class DesignerAttributionMixin(models.AbstractModel):
    """Designer of a lead, order or invoice: defaults to the designer of the
    client's company, carried lead -> quotation -> order -> invoice."""

    _name = "designer.attribution.mixin"
    _description = "Document Attributed to a Designer"

    designer_id = fields.Many2one(
        "res.partner",
        domain="[('is_designer', '=', True)]",
        tracking=True,
        index="btree_not_null",
        compute="_compute_designer_id",
        store=True,
        readonly=False,
        precompute=True,
        copy=True,
        help="Interior designer this document is attributed to. Defaults to the "
        "designer of the client; carried from the opportunity to the quotation, "
        "the order, the invoice and its credit notes.",
    )

    @api.depends("partner_id")
    def _compute_designer_id(self):
        for doc in self:
            doc.designer_id = (
                doc.partner_id.commercial_partner_id.designer_id or doc.designer_id
            )
