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
        """The client's designer, else the designer of the document this one was
        made from; a change of client never keeps the previous client's."""
        for doc in self:
            doc.designer_id = doc.partner_id.commercial_partner_id.designer_id or next(
                (o.designer_id for o in doc._cdl_designer_origins() if o.designer_id),
                False,
            )

    @api.model_create_multi
    def create(self, vals_list):
        docs = super().create(vals_list)
        docs._cdl_check_designer_rights()
        return docs

    def write(self, vals):
        res = super().write(vals)
        if "designer_id" in vals:
            self._cdl_check_designer_rights()
        return res

    def _cdl_designer_origins(self):
        """Documents this one was made from, whose designer it carries."""
        self.ensure_one()
        return []

    def _cdl_check_designer_rights(self):
        """Only a Sales Manager may attribute a document to another designer than
        the one of the client (or to none), or to a designer when the client has
        none but already bought (first-touch rule), unless it carries the
        designer of the document it was made from (quotation of an opportunity,
        invoice of an order, credit note of an invoice)."""
        if self.env.su or self.env.user.has_group(
            "crm_designer_loyalty.group_designer_manager"
        ):
            return
        for doc in self:
            client = doc.partner_id.commercial_partner_id
            client_designer = client.designer_id
            if doc.designer_id == client_designer or any(
                o and o.designer_id == doc.designer_id
                for o in doc._cdl_designer_origins()
            ):
                continue
            if not doc.designer_id:
                raise UserError(
                    self.env._(
                        "Only a Sales Manager can remove designer %(designer)s from "
                        "%(document)s: client %(client)s is attributed to them.",
                        designer=client_designer.display_name,
                        document=doc.display_name,
                        client=client.display_name,
                    )
                )
            if client_designer:
                reason = self.env._(
                    "client %(client)s is attributed to %(client_designer)s",
                    client=client.display_name,
                    client_designer=client_designer.display_name,
                )
            elif client and client._cdl_has_confirmed_sales(
                exclude_orders=doc if doc._name == "sale.order" else None
            ):
                reason = self.env._(
                    "client %(client)s already has confirmed sales without a designer",
                    client=client.display_name,
                )
            else:
                continue
            raise UserError(
                self.env._(
                    "Only a Sales Manager can attribute %(document)s to designer "
                    "%(designer)s: %(reason)s.",
                    document=doc.display_name,
                    designer=doc.designer_id.display_name,
                    reason=reason,
                )
            )
