# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from dateutil.relativedelta import relativedelta

from odoo import api, fields, models

from ..analytics.registers import share_of_wallet


class ResPartner(models.Model):
    """The registers on the client dossier: complaints, and the share of wallet
    of the last 12 months, for the client's salesperson, team and the
    managers (the rules of the competitor deals)."""

    _inherit = "res.partner"  # pylint: disable=consider-merging-classes-inherited

    wallet_currency_id = fields.Many2one(
        "res.currency", compute="_compute_wallet", groups="base.group_user"
    )
    wallet_our_sales = fields.Monetary(
        string="Our Sales (12 months)",
        currency_field="wallet_currency_id",
        compute="_compute_wallet",
        groups="crm_designer_loyalty.group_designer_user",
    )
    wallet_competitor_amount = fields.Monetary(
        string="Bought from Competitors (12 months)",
        currency_field="wallet_currency_id",
        compute="_compute_wallet",
        groups="crm_designer_loyalty.group_designer_user",
    )
    wallet_share = fields.Float(
        string="Share of Wallet (%)",
        compute="_compute_wallet",
        digits=(16, 1),
        groups="crm_designer_loyalty.group_designer_user",
        help="Our sales / (our sales + the client's deals with competitors) "
        "over the last 12 months.",
    )

    @api.depends_context("company", "uid")
    def _compute_wallet(self):
        today = fields.Date.context_today(self)
        user = self.env.user
        manager = user.has_group("crm_designer_loyalty.group_designer_manager")
        followed = self.filtered(
            lambda p: (
                manager
                or p.commercial_partner_id.user_id == user
                or p.commercial_partner_id.team_id in user.crm_team_ids
                or p.user_id == user
                or p.team_id in user.crm_team_ids
            )
        )
        figures = share_of_wallet(
            self.env.cr,
            self.env.company.id,
            today - relativedelta(months=12, days=-1),
            today,
            followed.commercial_partner_id.ids,
        )
        for partner in self:
            ours, theirs, share = (
                figures.get(partner.commercial_partner_id.id, (0.0, 0.0, None))
                if partner in followed
                else (0.0, 0.0, None)
            )
            partner.wallet_currency_id = self.env.company.currency_id
            partner.wallet_our_sales = ours
            partner.wallet_competitor_amount = theirs
            partner.wallet_share = share or 0.0

    def action_cdl_view_claims(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "crm_designer_loyalty.crm_claim_action"
        )
        action["domain"] = [("partner_id", "child_of", self.commercial_partner_id.id)]
        action["context"] = {"default_partner_id": self.id}
        return action

    def action_cdl_view_wallet(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "crm_designer_loyalty.crm_share_of_wallet_report_action"
        )
        action["domain"] = [("partner_id", "=", self.commercial_partner_id.id)]
        return action
