# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Cross-sell and up-sell suggestions of a client: the product categories
bought with the ones it bought (analytics/marketing.py, support and lift) and
the optional products of its installed equipment."""

from odoo import api, fields, models
from odoo.exceptions import ValidationError

from ..analytics import marketing

OFFER_SIZE = 5  # categories listed by the personalised offer


class ResCompany(models.Model):
    _inherit = "res.company"

    cdl_cross_sell_min_support = fields.Float(
        string="Cross-Sell Minimum Support (%)",
        default=1.0,
        help="Share of the confirmed orders that must hold both categories of "
        "a cross-sell suggestion.",
    )

    @api.constrains("cdl_cross_sell_min_support")
    def _check_cdl_cross_sell_min_support(self):
        for company in self:
            if not 0 <= company.cdl_cross_sell_min_support <= 100:
                raise ValidationError(
                    self.env._(
                        "%(company)s: the cross-sell minimum support must be "
                        "between 0 and 100 %%, not %(value)s.",
                        company=company.display_name,
                        value=company.cdl_cross_sell_min_support,
                    )
                )


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    cdl_cross_sell_min_support = fields.Float(
        related="company_id.cdl_cross_sell_min_support", readonly=False
    )


class ResPartner(models.Model):
    _inherit = "res.partner"  # pylint: disable=consider-merging-classes-inherited

    cdl_cross_sell_html = fields.Html(
        string="Cross-Sell Suggestions",
        compute="_compute_cdl_cross_sell_html",
        sanitize=True,
        groups="crm_designer_loyalty.group_designer_user",
        help="Categories that clients who bought what this client bought also "
        "bought, by decreasing lift, and the optional products of its "
        "installed equipment.",
    )
    cdl_offer_category_ids = fields.Many2many(
        "product.category",
        string="Offered Categories",
        compute="_compute_cdl_offer",
        groups="crm_designer_loyalty.group_designer_user",
        help="The five cross-sell categories of highest lift: the personalised "
        "offer lists them.",
    )
    cdl_offer_accessory_ids = fields.Many2many(
        "product.template",
        string="Offered Accessories",
        compute="_compute_cdl_offer",
        groups="crm_designer_loyalty.group_designer_user",
        help="Optional products of the client's installed equipment that it "
        "does not have yet: the personalised offer lists them.",
    )

    def _cdl_cross_sell(self):
        """{partner id: [(category, support, confidence, lift)]} of these
        partners' commercial partners."""
        company = self.env.company
        self.env["sale.order.line"].flush_model()
        self.env["sale.order"].flush_model()
        rows = marketing.cross_sell(
            self.env.cr,
            company.id,
            self.commercial_partner_id.ids,
            company.cdl_cross_sell_min_support / 100,
        )
        Category = self.env["product.category"]
        result = {}
        for partner_id, categ_id, _x, support, confidence, lift in rows:
            result.setdefault(partner_id, []).append(
                (Category.browse(categ_id), support, confidence, lift)
            )
        return result

    def _cdl_accessories(self):
        """The optional products of the partner's installed equipment that it
        has no equipment of yet."""
        self.ensure_one()
        equipment = (
            self.env["res.partner.equipment"]
            .sudo()
            .search([("partner_id", "child_of", self.commercial_partner_id.id)])
        )
        owned = equipment.product_id.product_tmpl_id
        return equipment.product_id.product_tmpl_id.optional_product_ids - owned

    @api.depends_context("company")
    def _compute_cdl_offer(self):
        suggestions = self._cdl_cross_sell()
        for partner in self:
            rows = suggestions.get(partner.commercial_partner_id.id, [])[:OFFER_SIZE]
            partner.cdl_offer_category_ids = [row[0].id for row in rows]
            partner.cdl_offer_accessory_ids = (
                partner._cdl_accessories() if partner.id else False
            )

    @api.depends_context("company")
    def _compute_cdl_cross_sell_html(self):
        suggestions = self._cdl_cross_sell()
        for partner in self:
            rows = suggestions.get(partner.commercial_partner_id.id, [])[:10]
            accessories = partner._cdl_accessories() if partner.id else []
            partner.cdl_cross_sell_html = self.env["ir.qweb"]._render(
                "crm_designer_loyalty.res_partner_cross_sell",
                {"rows": rows, "accessories": accessories},
            )

    def action_cdl_send_offer(self):
        """The mail composer on the client with the personalised offer."""
        self.ensure_one()
        template = self.env.ref("crm_designer_loyalty.mail_template_cross_sell_offer")
        return {
            "type": "ir.actions.act_window",
            "res_model": "mail.compose.message",
            "view_mode": "form",
            "target": "new",
            "context": {
                "default_model": "res.partner",
                "default_res_ids": self.ids,
                "default_template_id": template.id,
                "default_composition_mode": "comment",
                "default_email_layout_xmlid": "mail.mail_notification_light",
            },
        }
