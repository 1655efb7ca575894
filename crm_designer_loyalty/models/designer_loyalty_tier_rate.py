# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Versions of a tier's rate and reward type.

An invoice earns the version in force on its invoice date (see
``analytics.loyalty.accrual_query``), whenever it is paid: a new rate never
changes what earlier invoices earn. A version is never changed or deleted
once entries of its tier were written on or after its start, and no version
starts on or before the date of an entry already written for its tier."""

from odoo import api, fields, models
from odoo.exceptions import UserError

REWARD_TYPES = [("money", "Commission"), ("points", "Points")]


def latest_entry(env, domain, date_from):
    """The latest reward entry of ``domain`` dated on or after ``date_from``
    (any date when empty), of every salesperson (sudo): the one that a rate
    or rule valid from ``date_from`` would have changed."""
    if date_from:
        domain = [*domain, ("date", ">=", date_from)]
    return env["designer.reward"].sudo().search(domain, order="date desc", limit=1)


class DesignerLoyaltyTierRate(models.Model):
    _name = "designer.loyalty.tier.rate"
    _inherit = "crm.designer.input.mixin"
    _description = "Designer Loyalty Tier Rate"
    _order = "tier_id, date_from desc nulls last, id desc"
    _rec_name = "tier_id"

    tier_id = fields.Many2one(
        "designer.loyalty.tier", required=True, index=True, ondelete="cascade"
    )
    company_id = fields.Many2one(related="tier_id.company_id", store=True)
    date_from = fields.Date(
        string="Valid From",
        default=fields.Date.context_today,
        help="Invoices dated from this day earn this rate (until the next "
        "version). Empty: since always, the tier's first rate.",
    )
    rate = fields.Float(
        string="Rate (%)",
        digits=(16, 2),
        help="Share of the net invoiced amount of referred sales given as reward.",
    )
    reward_type = fields.Selection(
        REWARD_TYPES,
        required=True,
        default="money",
        help="Commission is paid out through statements; points are credited "
        "(one point per currency unit of reward) and expire after the inactivity "
        "period set in the settings.",
    )

    _sql_constraints = (
        (
            "tier_date_uniq",
            "UNIQUE NULLS NOT DISTINCT (tier_id, date_from)",
            "A tier has only one rate valid from a given day.",
        ),
    )

    @api.constrains("rate")
    def _check_rate_bounds(self):
        self._cdl_check_bounds({"rate": (0, 100)})

    @api.model_create_multi
    def create(self, vals_list):
        versions = super().create(vals_list)
        versions._cdl_check_unused()
        return versions

    def write(self, vals):
        if {"tier_id", "date_from"} & vals.keys():
            raise UserError(
                self.env._(
                    "The tier and start of a rate cannot be changed: add a new "
                    "rate valid from the day it applies."
                )
            )
        self._cdl_check_unused()
        return super().write(vals)

    def unlink(self):
        self._cdl_check_unused()
        first = self.filtered(lambda v: not v.date_from)
        if first:
            raise UserError(
                self.env._(
                    "The first rate of tier %(tier)s (valid since always) cannot "
                    "be deleted.",
                    tier=first[0].tier_id.display_name,
                )
            )
        return super().unlink()

    def _cdl_check_unused(self):
        """Refuse to change rates that earlier invoices earned: those of a
        tier with entries dated on or after the version's start (sudo: the
        entries of every salesperson count)."""
        for version in self:
            entry = latest_entry(
                self.env, [("tier_id", "=", version.tier_id.id)], version.date_from
            )
            if entry:
                raise UserError(
                    self.env._(
                        "Tier %(tier)s has reward entries up to %(date)s: a rate "
                        "valid from %(start)s would change what those invoices "
                        "earned. Add a rate valid from a later day.",
                        tier=version.tier_id.display_name,
                        date=entry.date,
                        start=version.date_from or self.env._("always"),
                    )
                )
