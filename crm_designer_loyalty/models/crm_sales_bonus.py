# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import UserError


class CrmSalesBonus(models.Model):
    """The bonus of a salesperson for a plan, computed by the plan from the
    plan-fact of the salesperson's lines and the plan's bands. Nobody writes it
    through the API (read-only access for every role): the plan's methods write
    it after checking that the caller is a Sales Manager, and its figures are
    frozen once approved."""

    _name = "crm.sales.bonus"
    _description = "Salesperson Bonus"
    _order = "plan_id desc, amount desc, id"
    _rec_name = "user_id"

    plan_id = fields.Many2one(
        "crm.sales.plan", required=True, ondelete="restrict", index=True, readonly=True
    )
    user_id = fields.Many2one(
        "res.users", string="Salesperson", required=True, index=True, readonly=True
    )
    company_id = fields.Many2one(related="plan_id.company_id", store=True)
    currency_id = fields.Many2one(related="plan_id.currency_id")
    date_from = fields.Date(related="plan_id.date_from", store=True)
    target = fields.Monetary(readonly=True)
    actual = fields.Monetary(readonly=True)
    fulfilment = fields.Float(
        string="Fulfilment (%)", digits=(16, 2), readonly=True, aggregator="avg"
    )
    coefficient = fields.Float(digits=(16, 2), readonly=True, aggregator=None)
    base_bonus = fields.Monetary(readonly=True)
    assortment_lines = fields.Integer(
        string="Assortment Plans Fulfilled",
        readonly=True,
        help="Product category lines of the salesperson fulfilled at 100 % or more.",
    )
    assortment_bonus = fields.Monetary(readonly=True)
    amount = fields.Monetary(string="Bonus", readonly=True)
    state = fields.Selection(
        [("draft", "Draft"), ("approved", "Approved")],
        default="draft",
        required=True,
        readonly=True,
    )
    approved_by_id = fields.Many2one("res.users", readonly=True)
    approved_at = fields.Datetime(string="Approved On", readonly=True)

    _sql_constraints = (
        (
            "plan_user_uniq",
            "UNIQUE(plan_id, user_id)",
            "A salesperson has one bonus per plan.",
        ),
    )

    @api.model
    def _cdl_compute(self, plan):
        """(Re)compute the draft bonuses of ``plan`` from its lines' plan-fact.

        A salesperson's fulfilment is that of their lines without product
        category (their overall targets), or of all their lines when they have
        none: actual / target revenue (margin without revenue target) in %,
        rounded to 0.01. Bonus = base bonus x the coefficient of the band of
        that fulfilment, plus the assortment bonus for each of their category
        lines fulfilled at 100 % or more. Approved bonuses are kept as they are.
        """
        lines = plan.sudo().line_ids.filtered("user_id")
        existing = {bonus.user_id: bonus for bonus in plan.sudo().bonus_ids}
        create = []
        for user, user_lines in lines.grouped("user_id").items():
            bonus = existing.get(user)
            if bonus and bonus.state == "approved":
                continue
            overall = user_lines.filtered(lambda l: not l.categ_id) or user_lines
            on_revenue = any(overall.mapped("target_revenue"))
            target = sum(
                overall.mapped("target_revenue" if on_revenue else "target_margin")
            )
            actual = sum(
                overall.mapped("actual_revenue" if on_revenue else "actual_margin")
            )
            pct = round(100 * actual / target, 2) if target else 0.0
            band = plan._cdl_band_for(pct)
            assortment = len(
                user_lines.filtered(lambda l: l.categ_id and l.fulfilment >= 100)
            )
            base = plan.currency_id.round(plan.base_bonus * band.coefficient)
            extra = plan.currency_id.round(plan.assortment_bonus * assortment)
            vals = {
                "target": target,
                "actual": actual,
                "fulfilment": pct,
                "coefficient": band.coefficient,
                "base_bonus": base,
                "assortment_lines": assortment,
                "assortment_bonus": extra,
                "amount": base + extra,
            }
            if bonus:
                bonus.sudo().write(vals)
            else:
                create.append({"plan_id": plan.id, "user_id": user.id, **vals})
        return self.sudo().create(create)

    def write(self, vals):
        if self.filtered(lambda b: b.state == "approved"):
            raise UserError(self.env._("An approved bonus can no longer change."))
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_if_draft(self):
        if self.filtered(lambda b: b.state == "approved"):
            raise UserError(self.env._("An approved bonus cannot be deleted."))

    def action_approve(self):
        if not self.env.su and not self.env.user.has_group(
            "crm_designer_loyalty.group_designer_manager"
        ):
            raise UserError(self.env._("Only a Sales Manager can do this."))
        self.check_access("read")
        self.filtered(lambda b: b.state == "draft").sudo().write(
            {
                "state": "approved",
                "approved_by_id": self.env.uid,
                "approved_at": fields.Datetime.now(),
            }
        )
        return True
