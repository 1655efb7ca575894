# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from dateutil.relativedelta import relativedelta

from odoo import fields, models


class DesignerRewardStatementGenerate(models.TransientModel):
    _name = "designer.reward.statement.generate"
    _inherit = "crm.designer.input.mixin"
    _description = "Generate Designer Reward Statements"

    month = fields.Date(
        required=True,
        default=lambda self: (
            fields.Date.context_today(self) + relativedelta(months=-1, day=1)
        ),
        help="Any day of the (past) month to generate the statements for.",
    )
    designer_ids = fields.Many2many(
        "res.partner",
        string="Designers",
        domain="[('is_designer', '=', True)]",
        help="Leave empty for all designers with open reward entries.",
    )

    def action_generate(self):
        self.ensure_one()
        statements = self.env["designer.reward.statement"]._generate(
            self.month, self.designer_ids or None
        )
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "crm_designer_loyalty.designer_reward_statement_action"
        )
        action["domain"] = [("id", "in", statements.ids)]
        return action
