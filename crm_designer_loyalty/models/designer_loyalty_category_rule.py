# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import UserError

from .designer_loyalty_tier_rate import latest_entry


class DesignerLoyaltyCategoryRule(models.Model):
    _name = "designer.loyalty.category.rule"
    _inherit = "crm.designer.input.mixin"
    _description = "Designer Loyalty Product Category Rule"
    _order = "company_id, categ_id, date_from desc nulls last, id desc"
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
        "A rule applies to the invoices dated from its start: to change it, "
        "add a rule of the same category valid from a later day (Multiplier "
        "1 gives the tier rate back).",
    )
    date_from = fields.Date(
        string="Valid From",
        help="Invoices dated from this day follow this rule (until a later rule "
        "of the same category). Empty: since always.",
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
            "UNIQUE NULLS NOT DISTINCT (categ_id, company_id, date_from)",
            "A product category has one loyalty rule per company and start day.",
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

    @api.model_create_multi
    def create(self, vals_list):
        rules = super().create(vals_list)
        rules._cdl_check_unused()
        return rules

    def write(self, vals):
        self._cdl_check_unused()
        res = super().write(vals)
        self._cdl_check_unused()
        return res

    def unlink(self):
        self._cdl_check_unused()
        return super().unlink()

    def _cdl_check_unused(self):
        """Refuse to change (or archive, or delete) a rule that earlier
        invoices followed: one with entries of its company dated on or after
        its start for products of its category (sudo: the entries of every
        salesperson count)."""
        for rule in self:
            entry = latest_entry(
                self.env,
                [
                    ("company_id", "=", rule.company_id.id),
                    ("move_line_id.product_id.categ_id", "child_of", rule.categ_id.id),
                ],
                rule.date_from,
            )
            if entry:
                raise UserError(
                    self.env._(
                        "Category %(categ)s has reward entries up to %(date)s: a "
                        "rule valid from %(start)s would change what those "
                        "invoices earned. Add a rule valid from a later day.",
                        categ=rule.categ_id.display_name,
                        date=entry.date,
                        start=rule.date_from or self.env._("always"),
                    )
                )
