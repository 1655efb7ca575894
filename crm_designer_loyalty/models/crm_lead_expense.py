# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The extra expenses of a deal (delivery, installation, designer fee...),
deducted from its profitability (crm_lead_deal.py)."""

from odoo import api, fields, models
from odoo.exceptions import ValidationError

EXPENSE_KINDS = [
    ("delivery", "Delivery"),
    ("installation", "Installation"),
    ("designer_fee", "Designer Fee"),
    ("other", "Other"),
]


class CrmLeadExpense(models.Model):
    _name = "crm.lead.expense"
    _inherit = ["crm.designer.input.mixin"]
    _description = "Deal Expense"
    _order = "lead_id, id"

    lead_id = fields.Many2one(
        "crm.lead", string="Deal", required=True, ondelete="cascade", index=True
    )
    company_id = fields.Many2one(related="lead_id.company_id", store=True)
    currency_id = fields.Many2one(related="lead_id.company_currency")
    kind = fields.Selection(EXPENSE_KINDS, required=True, default="other")
    name = fields.Char(string="Description")
    amount = fields.Monetary(required=True)

    @api.constrains("amount")
    def _check_amount(self):
        for expense in self:
            if expense.amount < 0:
                raise ValidationError(
                    self.env._(
                        'Deal "%(deal)s": an expense cannot be negative (%(amount)s).',
                        deal=expense.lead_id.display_name,
                        amount=expense.amount,
                    )
                )
