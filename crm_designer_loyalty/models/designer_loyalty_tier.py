# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date

from odoo import Command, api, fields, models

from ..analytics import loyalty_review
from .designer_loyalty_tier_rate import REWARD_TYPES


class DesignerLoyaltyTier(models.Model):
    _name = "designer.loyalty.tier"
    _inherit = "crm.designer.input.mixin"
    _description = "Designer Loyalty Tier"
    _order = "company_id, threshold, sequence, id"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        "res.company",
        required=True,
        index=True,
        default=lambda self: self.env.company,
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    threshold = fields.Monetary(
        help="Rolling 12-month referred net sales (or margin, see the settings) "
        "from which a designer reaches this tier. The tier with a zero threshold "
        "is the base tier.",
    )
    rate_version_ids = fields.One2many(
        "designer.loyalty.tier.rate",
        "tier_id",
        string="Rates",
        copy=True,
        help="The tier's rates by start date: an invoice earns the rate in force "
        "on its invoice date, whenever it is paid.",
    )
    rate = fields.Float(
        string="Rate (%)",
        digits=(16, 2),
        compute="_compute_rate",
        inverse="_inverse_rate",
        help="Rate in force today (see Rates): share of the net invoiced amount "
        "of referred sales given as reward. A change adds a rate valid from "
        "today; invoices dated earlier keep the rate they earn.",
    )
    reward_type = fields.Selection(
        REWARD_TYPES,
        compute="_compute_reward_type",
        inverse="_inverse_rate",
        search="_search_reward_type",
        help="Reward type in force today (see Rates). Commission is paid out "
        "through statements; points are credited (one point per currency unit "
        "of reward) and expire after the inactivity period set in the settings.",
    )
    pricelist_id = fields.Many2one(
        "product.pricelist",
        string="Designer Pricelist",
        check_company=True,
        help="Pricelist applied to the designer's own purchases (new quotations) "
        "while they are in this tier, when the pricelist mapping is enabled.",
    )
    designer_count = fields.Integer(compute="_compute_designer_count")

    _sql_constraints = (
        (
            "threshold_company_uniq",
            "UNIQUE(company_id, threshold)",
            "Two tiers of a company cannot have the same threshold.",
        ),
        (
            "threshold_positive",
            "CHECK(threshold >= 0)",
            "The tier threshold cannot be negative.",
        ),
    )

    # two computes: writing one field leaves the other computed (fields of one
    # compute are protected together while their inverse runs)
    @api.depends("rate_version_ids.date_from", "rate_version_ids.rate")
    def _compute_rate(self):
        for tier in self:
            tier.rate = tier._rate_version().rate

    @api.depends("rate_version_ids.date_from", "rate_version_ids.reward_type")
    def _compute_reward_type(self):
        for tier in self:
            tier.reward_type = tier._rate_version().reward_type or "money"

    def _inverse_rate(self):
        """A new rate or reward type applies from today: it adds a version (or
        changes today's, while no entry used it)."""
        self._cdl_check_bounds({"rate": (0, 100)})
        today = fields.Date.context_today(self)
        for tier in self:
            version = tier._rate_version(today)
            if (version.rate, version.reward_type) == (tier.rate, tier.reward_type):
                continue
            if version.date_from == today:
                version.write({"rate": tier.rate, "reward_type": tier.reward_type})
            else:
                self.env["designer.loyalty.tier.rate"].create(
                    {
                        "tier_id": tier.id,
                        "date_from": today,
                        "rate": tier.rate,
                        "reward_type": tier.reward_type,
                    }
                )

    def _search_reward_type(self, operator, value):
        if operator not in ("=", "!=", "in", "not in"):
            return NotImplemented
        values = [value] if isinstance(value, str) else list(value)
        tiers = (
            self.with_context(active_test=False)
            .search([])
            .filtered(lambda t: t.reward_type in values)
        )
        positive = operator in ("=", "in")
        return [("id", "in" if positive else "not in", tiers.ids)]

    def _rate_version(self, day=None):
        """The rate version in force on ``day`` (default today)."""
        self.ensure_one()
        day = day or fields.Date.context_today(self)
        return self.rate_version_ids.filtered(
            lambda v: not v.date_from or v.date_from <= day
        ).sorted(lambda v: v.date_from or date.min)[-1:]

    @api.model_create_multi
    def create(self, vals_list):
        """A new tier starts with its first rate (``rate``, ``reward_type``),
        valid since always."""
        for vals in vals_list:
            self.browse()._cdl_check_input(vals)
            first = {
                "date_from": False,
                "rate": vals.pop("rate", 0.0),
                "reward_type": vals.pop("reward_type", None) or "money",
            }
            versions = vals.get("rate_version_ids") or []
            if not any(
                # (a version without date_from gets today's by default)
                command[0] == Command.CREATE
                and "date_from" in command[2]
                and not command[2]["date_from"]
                for command in versions
            ):
                vals["rate_version_ids"] = [Command.create(first), *versions]
        return super().create(vals_list)

    def _compute_designer_count(self):
        counts = {}
        for company, tiers in self.grouped("company_id").items():
            # the designers' tiers are company-dependent: count in the tier's company
            counts.update(
                self.env["res.partner"]
                .with_company(company)
                ._read_group(
                    [("loyalty_tier_id", "in", tiers.ids)],
                    ["loyalty_tier_id"],
                    ["__count"],
                )
            )
        for tier in self:
            tier.designer_count = counts.get(tier, 0)

    def _designer_domain(self):
        self.ensure_one()
        return [("is_designer", "=", True), ("loyalty_tier_id", "=", self.id)]

    def action_open_designers(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "crm_designer_loyalty.res_partner_designer_action"
        )
        action["domain"] = self._designer_domain()
        return action

    def action_open_mailing(self):
        """Open a new mass mailing addressed to the designers of this tier
        (the "designers by tier" segment)."""
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Mailing to %(tier)s designers", tier=self.name),
            "res_model": "mailing.mailing",
            "view_mode": "form",
            "target": "current",
            "context": {
                "default_mailing_model_id": self.env["ir.model"]._get_id("res.partner"),
                "default_mailing_domain": repr(self._designer_domain()),
                "default_subject": self.name,
            },
        }

    # --- Tier review --------------------------------------------------------------

    @api.model
    def _cron_tier_review(self, batch_size=200):
        """Review the designers of every company that runs the program (has
        tiers): tiers, rolling sales and review dates are per company."""
        Tier = self.sudo()
        companies = Tier.search([]).company_id
        return sum(
            Tier.with_company(company)._tier_review(batch_size=batch_size)
            for company in companies
        )

    @api.model
    def _tier_review(
        self,
        review_date=None,
        designer_ids=None,
        batch_size=200,
        max_batches=None,
        force=False,
    ):
        """Recompute the rolling 12-month referred sales of the designers and set
        their tier in ``self.env.company``, in batches (commit per batch).
        Designers already reviewed on ``review_date`` are skipped, so an
        interrupted run resumes where it stopped. Designers whose program status
        is Suspended or Left are not reviewed: they keep their tier. Returns the
        number of designers reviewed."""
        review_date = review_date or fields.Date.context_today(self)
        company = self.env.company
        params = loyalty_review.tier_review_params(
            company, review_date, designer_ids, force
        )
        self.env.flush_all()
        remaining = loyalty_review.tier_review_count(self.env.cr, params)
        done = batches = last_id = 0
        while remaining and (max_batches is None or batches < max_batches):
            rows = loyalty_review.tier_review_batch(
                self.env.cr, params, last_id, batch_size
            )
            self.env["res.partner"].invalidate_model(
                ["loyalty_rolling_sales", "loyalty_review_date"]
            )
            if not rows:
                break
            self._tier_review_apply(rows, review_date, company)
            last_id = max(row[0] for row in rows)
            done += len(rows)
            remaining = max(remaining - len(rows), 0)
            batches += 1
            self.env["ir.cron"]._cdl_batch_done(done=done, remaining=remaining)
        return done

    def _tier_review_apply(self, rows, review_date, company):
        """Record the tier changes of the (id, rolling sales, old tier, new tier)
        ``rows`` of a batch: tier, history line, chatter and email (the
        upgrade email for a designer's first tier too)."""
        changes = [row for row in rows if row[3] and row[3] != row[2]]
        if not changes:
            return
        logs = self.env["designer.tier.change"].create(
            [
                {
                    "designer_id": pid,
                    "date": review_date,
                    "old_tier_id": old,
                    "new_tier_id": new,
                    "rolling_sales": sales,
                    "company_id": company.id,
                    "direction": "first"
                    if not old
                    else "up"
                    if self.browse(new).threshold > self.browse(old).threshold
                    else "down",
                }
                for pid, sales, old, new in changes
            ]
        )
        for log in logs:
            designer = log.designer_id
            designer.sudo().loyalty_tier_id = log.new_tier_id
            template = self.env.ref(
                "crm_designer_loyalty.mail_template_loyalty_tier_upgrade"
                if log.direction in ("first", "up")
                else "crm_designer_loyalty.mail_template_loyalty_tier_downgrade"
            )
            designer.message_post_with_source(template, subtype_xmlid="mail.mt_comment")
