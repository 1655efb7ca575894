# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError


class ResPartnerDossierMixin(models.AbstractModel):
    """Common part of the dossier rows (notes, dates, equipment, documents, attribute
    values): the partner they belong to and the company used by record rules."""

    _name = "res.partner.dossier.mixin"
    _inherit = "crm.designer.input.mixin"
    _description = "Partner Dossier Row"

    partner_id = fields.Many2one(
        "res.partner",
        required=True,
        index=True,
        ondelete="cascade",
        help="Client, designer or contact person this row belongs to.",
    )
    company_id = fields.Many2one(
        "res.company",
        compute="_compute_company_id",
        store=True,
        index=True,
        precompute=True,
        help="Company of the partner, or the current company for a partner "
        "shared between companies.",
    )

    @api.depends("partner_id.company_id")
    def _compute_company_id(self):
        for row in self:
            row.company_id = row.partner_id.company_id or self.env.company

    def _check_partner_vals(self, vals):
        """Refuse a row without partner with a clear message (instead of the
        database NOT NULL violation)."""
        if "partner_id" in vals and not vals["partner_id"]:
            name = vals.get("name") or vals.get("date")
            quoted = f' "{name}"' if name else ""
            raise ValidationError(
                self.env._(
                    "%(model)s%(label)s: the partner is required.",
                    model=self._description,
                    label=quoted,
                )
            )

    @api.model_create_multi
    def create(self, vals_list):
        default_partner = self.env.context.get("default_partner_id")
        for vals in vals_list:
            self._check_partner_vals({"partner_id": default_partner, **vals})
        return super().create(vals_list)

    def write(self, vals):
        self._check_partner_vals(vals)
        return super().write(vals)
