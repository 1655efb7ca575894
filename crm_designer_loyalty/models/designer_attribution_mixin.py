# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import UserError


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

    @api.model_create_multi
    def create(self, vals_list):
        docs = super().create(vals_list)
        docs.filtered(lambda d: d.designer_id)._cdl_check_designer_rights()
        return docs

    def write(self, vals):
        res = super().write(vals)
        if vals.get("designer_id"):
            self._cdl_check_designer_rights()
        return res

    def _cdl_designer_origins(self):
        """Documents this one was made from, whose designer it carries."""
        self.ensure_one()
        return []

    def _cdl_check_designer_rights(self):
        """Only a Sales Manager may attribute a document to another designer than
        the one of the client, unless it carries the designer of the document it
        was made from (quotation of an opportunity, invoice of an order, credit
        note of an invoice)."""
        if self.env.su or self.env.user.has_group(
            "crm_designer_loyalty.group_designer_manager"
        ):
            return
        for doc in self:
            client_designer = doc.partner_id.commercial_partner_id.designer_id
            if (
                client_designer
                and doc.designer_id != client_designer
                and not any(
                    o.designer_id == doc.designer_id
                    for o in doc._cdl_designer_origins()
                )
            ):
                raise UserError(
                    self.env._(
                        "Only a Sales Manager can attribute %(document)s to designer "
                        "%(designer)s: client %(client)s is attributed to "
                        "%(client_designer)s.",
                        document=doc.display_name,
                        designer=doc.designer_id.display_name,
                        client=doc.partner_id.commercial_partner_id.display_name,
                        client_designer=client_designer.display_name,
                    )
                )
