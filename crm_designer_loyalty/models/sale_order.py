# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, models


class SaleOrder(models.Model):
    _name = "sale.order"
    _inherit = ["sale.order", "designer.attribution.mixin"]

    # --- Sales conditions by rank ------------------------------------------
    @api.depends("partner_id", "company_id")
    def _compute_pricelist_id(self):
        """New quotations of a designer get their tier pricelist; those of a
        client get the pricelist of their ABC class (each when its mapping is
        on)."""
        res = super()._compute_pricelist_id()
        # sudo: plain sales users read the program mapping without its menus
        AbcPricelist = self.env["designer.abc.pricelist"].sudo()
        for order in self.filtered(lambda o: o.state == "draft" and o.partner_id):
            partner = order.partner_id.commercial_partner_id.sudo().with_company(
                order.company_id
            )
            if partner.is_designer:
                pricelist = (
                    order.company_id.loyalty_pricelist_mapping
                    and partner.loyalty_tier_id.pricelist_id
                )
            else:
                pricelist = AbcPricelist._get_pricelist(
                    partner.abc_class, order.company_id
                )
            if pricelist:
                order.pricelist_id = pricelist.sudo(False)
        return res

    def _action_confirm(self):
        res = super()._action_confirm()
        for order in self.filtered("designer_id"):
            order.partner_id._cdl_first_touch(order.designer_id, self)
        return res

    def _cdl_designer_origins(self):
        return [*super()._cdl_designer_origins(), self.opportunity_id]

    def _prepare_invoice(self):
        values = super()._prepare_invoice()
        values["designer_id"] = self.designer_id.id
        return values

    def _get_invoice_grouping_keys(self):
        return super()._get_invoice_grouping_keys() + ["designer_id"]
