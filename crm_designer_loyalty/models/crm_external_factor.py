# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError


class CrmExternalFactor(models.Model):
    """A factor outside the sales (exchange rate, temperature, ad budget...),
    kept as dated values and compared with the sales month by month
    (``crm.factor.influence``)."""

    _name = "crm.external.factor"
    _inherit = "crm.designer.input.mixin"
    _description = "External Factor"
    _order = "name"

    name = fields.Char(required=True, translate=True)
    active = fields.Boolean(default=True)
    unit = fields.Char()
    frequency = fields.Selection(
        [("daily", "Daily"), ("weekly", "Weekly"), ("monthly", "Monthly")],
        required=True,
        default="monthly",
    )
    aggregation = fields.Selection(
        [("mean", "Mean"), ("sum", "Sum"), ("last", "Last Value")],
        string="Monthly Value",
        required=True,
        default="mean",
        help="How the values of a month make its monthly value.",
    )
    source = fields.Selection(
        [("manual", "Entered or Imported"), ("currency", "Currency Rate")],
        required=True,
        default="manual",
        help="Currency Rate: the company's rates of the currency (company "
        "currency units per unit of the currency), no values to enter.",
    )
    currency_id = fields.Many2one("res.currency")
    company_id = fields.Many2one(
        "res.company",
        index=True,
        help="Leave empty to share the factor between companies.",
    )
    value_ids = fields.One2many("crm.external.factor.value", "factor_id")
    value_count = fields.Integer(compute="_compute_value_count")

    _sql_constraints = [
        ("name_uniq", "unique(name, company_id)", "A factor with this name exists."),
    ]

    @api.depends("value_ids")
    def _compute_value_count(self):
        counts = dict(
            self.env["crm.external.factor.value"]._read_group(
                [("factor_id", "in", self.ids)], ["factor_id"], ["__count"]
            )
        )
        for factor in self:
            factor.value_count = counts.get(factor, 0)

    @api.constrains("source", "currency_id")
    def _check_currency(self):
        for factor in self:
            if factor.source == "currency" and not factor.currency_id:
                raise ValidationError(
                    self.env._(
                        'Factor "%(factor)s": choose the currency of its rates.',
                        factor=factor.display_name,
                    )
                )

    def action_view_values(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "crm_designer_loyalty.crm_external_factor_value_action"
        )
        action["domain"] = [("factor_id", "=", self.id)]
        action["context"] = {"default_factor_id": self.id}
        return action


class CrmExternalFactorValue(models.Model):
    _name = "crm.external.factor.value"
    _inherit = "crm.designer.input.mixin"
    _description = "External Factor Value"
    _order = "factor_id, date desc"
    _rec_name = "date"

    factor_id = fields.Many2one(
        "crm.external.factor", required=True, index=True, ondelete="cascade"
    )
    date = fields.Date(required=True)
    value = fields.Float(required=True, digits=(16, 4))
    unit = fields.Char(related="factor_id.unit")
    company_id = fields.Many2one(related="factor_id.company_id", store=True)

    _sql_constraints = [
        (
            "factor_date_uniq",
            "unique(factor_id, date)",
            "A factor has one value per date.",
        ),
    ]
