# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Partner loyalty: the designer's tier, rolling sales, progress to the next tier,
reward balances, and the button that reviews the tier now (the review itself is
on designer.loyalty.tier)."""

from odoo import api, fields, models


class ResPartner(models.Model):
    _inherit = "res.partner"  # pylint: disable=consider-merging-classes-inherited

    # The program is run per company: tier, rolling sales and review date are
    # company-dependent (the values of the current company are shown).
    loyalty_tier_id = fields.Many2one(
        "designer.loyalty.tier",
        readonly=True,
        company_dependent=True,
        ondelete="restrict",
        help="Tier set by the monthly tier review of the current company from "
        "the rolling 12-month referred sales.",
    )
    loyalty_currency_id = fields.Many2one(
        "res.currency", compute="_compute_loyalty_currency_id"
    )
    # a Float: Monetary cannot be company-dependent; the views show it with the
    # monetary widget in loyalty_currency_id
    loyalty_rolling_sales = fields.Float(
        string="Rolling 12-Month Sales",
        digits="Account",
        readonly=True,
        company_dependent=True,
        help="Referred net sales (or margin, see the settings) in the current "
        "company of the 12 months before the last tier review.",
    )
    loyalty_review_date = fields.Date(
        string="Last Tier Review", readonly=True, copy=False, company_dependent=True
    )
    loyalty_next_tier_id = fields.Many2one(
        "designer.loyalty.tier",
        string="Next Tier",
        compute="_compute_loyalty_progress",
    )
    loyalty_progress = fields.Float(
        string="Progress to Next Tier",
        compute="_compute_loyalty_progress",
        help="Rolling sales as a percentage of the next tier threshold.",
    )
    loyalty_tier_change_ids = fields.One2many(
        "designer.tier.change", "designer_id", string="Tier History"
    )
    loyalty_reward_ids = fields.One2many(
        "designer.reward", "designer_id", string="Reward Entries"
    )
    loyalty_points_balance = fields.Float(
        string="Points Balance", compute="_compute_loyalty_balances", digits=(16, 2)
    )
    loyalty_unpaid_amount = fields.Monetary(
        string="Unpaid Rewards",
        currency_field="loyalty_currency_id",
        compute="_compute_loyalty_balances",
        help="Rewards not yet paid: not on a statement, on a draft or confirmed "
        "statement, or carried over to a statement that is not paid yet.",
    )

    @api.depends_context("company")
    def _compute_loyalty_currency_id(self):
        self.loyalty_currency_id = self.env.company.currency_id

    @api.depends_context("company")
    @api.depends("loyalty_rolling_sales", "loyalty_tier_id")
    def _compute_loyalty_progress(self):
        tiers = self.env["designer.loyalty.tier"].search(
            [("company_id", "=", self.env.company.id)], order="threshold"
        )
        for partner in self:
            # negative rolling sales (refunds) stay at 0 % of the tier above base
            nxt = tiers.filtered(
                lambda t, p=partner: t.threshold > max(p.loyalty_rolling_sales, 0)
            )
            partner.loyalty_next_tier_id = nxt[:1]
            partner.loyalty_progress = (
                max(
                    0.0,
                    min(
                        100.0,
                        partner.loyalty_rolling_sales * 100.0 / nxt[0].threshold,
                    ),
                )
                if nxt
                else 100.0
            )

    @api.depends_context("company")
    @api.depends("loyalty_reward_ids")
    def _compute_loyalty_balances(self):
        Reward = self.env["designer.reward"]
        domain = [
            ("designer_id", "in", self.ids),
            ("company_id", "=", self.env.company.id),
        ]
        points = dict(Reward._read_group(domain, ["designer_id"], ["points:sum"]))
        unpaid = {}
        for designer, statement, amount in Reward._read_group(
            domain, ["designer_id", "statement_id"], ["amount:sum"]
        ):
            # a carried total is owed until the statement that took it over
            # (following the carry chain) is paid
            while statement.state == "carried" and statement.carried_to_id:
                statement = statement.carried_to_id
            if statement.state != "paid":
                unpaid[designer] = unpaid.get(designer, 0.0) + amount
        for partner in self:
            partner.loyalty_points_balance = points.get(partner, 0.0)
            partner.loyalty_unpaid_amount = unpaid.get(partner, 0.0)

    def action_open_loyalty_rewards(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "crm_designer_loyalty.designer_reward_action"
        )
        action["domain"] = [("designer_id", "=", self.id)]
        action["context"] = {}
        return action

    def action_loyalty_review(self):
        """Review the tier of the selected designers now."""
        Tier = self.env["designer.loyalty.tier"]
        Tier.check_access("write")
        # cdl_no_commit: a button runs in one transaction, it must not commit
        Tier.sudo().with_context(cdl_no_commit=True)._tier_review(
            designer_ids=self.ids, force=True
        )
        return True
