# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models


class DesignerLoyaltyCategoryRule(models.Model):
    _name = "designer.loyalty.category.rule"
    _inherit = "crm.designer.input.mixin"
    _description = "Designer Loyalty Product Category Rule"
    _order = "company_id, categ_id"
    _rec_name = "categ_id"

    categ_id = fields.Many2one(
        "product.category",
        string="Product Category",
        required=True,
        ondelete="cascade",
        help="The rule applies to this category and its subcategories; the most "
        "specific rule wins.",
    )
    mode = fields.Selection(
        [
            ("excluded", "Excluded"),
            ("rate", "Own Rate"),
            ("multiplier", "Multiplier"),
        ],
        required=True,
        default="excluded",
        help="Excluded: no reward on these products. Own Rate: this rate replaces "
        "the tier rate. Multiplier: the tier rate is multiplied by this factor. "
        "Rules apply to invoices accrued from then on: credit notes of earlier "
        "invoices claw back what those invoices earned.",
    )
    rate = fields.Float(string="Rate (%)", digits=(16, 2))
    multiplier = fields.Float(default=1.0, digits=(16, 2))
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    active = fields.Boolean(default=True)

    _sql_constraints = (
        (
            "categ_company_uniq",
            "UNIQUE(categ_id, company_id)",
            "A product category can have only one loyalty rule per company.",
        ),
        ("rate_positive", "CHECK(rate >= 0)", "The rule rate cannot be negative."),
        (
            "multiplier_positive",
            "CHECK(multiplier >= 0)",
            "The rule multiplier cannot be negative.",
        ),
    )

    @api.constrains("rate", "multiplier")
    def _check_bounds(self):
        self._cdl_check_bounds({"rate": (0, 100), "multiplier": (0, 10)})
