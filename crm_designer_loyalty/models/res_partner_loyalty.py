# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Partner loyalty: the designer's tier, rolling sales, progress to the next tier,
reward balances, and the button that reviews the tier now (the review itself is
on designer.loyalty.tier).

The figures are the program's: the tier review writes them (in SQL, or as
superuser), nobody else, whatever the context. Salespeople read them, of their
own and their team's designers only; users outside the designer groups not at
all."""

from itertools import groupby

from odoo import api, fields, models
from odoo.exceptions import AccessError
from odoo.osv import expression
from odoo.tools import SQL

SALESPERSON = "crm_designer_loyalty.group_designer_user"
# written by the tier review only
PROGRAM_FIELDS = ("loyalty_tier_id", "loyalty_rolling_sales", "loyalty_review_date")
# shown to the salespeople of the designer only (the balances and the history
# come from the ledger and the tier changes, under their own record rules)
LOYALTY_FIGURES = (*PROGRAM_FIELDS, "loyalty_next_tier_id", "loyalty_progress")


def _on_partner(leaf):
    """A term of a dossier row's domain, on its partner."""
    if not expression.is_leaf(leaf) or leaf[0] in (0, 1):
        return leaf
    left, operator, right = leaf
    if left == "partner_id":
        return ("id", operator, right)
    return (left.removeprefix("partner_id."), operator, right)


class ResPartner(models.Model):
    _inherit = "res.partner"  # pylint: disable=consider-merging-classes-inherited

    # The program is run per company: tier, rolling sales and review date are
    # company-dependent (the values of the current company are shown).
    loyalty_tier_id = fields.Many2one(
        "designer.loyalty.tier",
        readonly=True,
        copy=False,
        company_dependent=True,
        ondelete="restrict",
        groups=SALESPERSON,
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
        copy=False,
        company_dependent=True,
        groups=SALESPERSON,
        help="Referred net sales (or margin, see the settings) in the current "
        "company of the 12 months before the last tier review.",
    )
    loyalty_review_date = fields.Date(
        string="Last Tier Review",
        readonly=True,
        copy=False,
        company_dependent=True,
        groups=SALESPERSON,
    )
    loyalty_next_tier_id = fields.Many2one(
        "designer.loyalty.tier",
        string="Next Tier",
        compute="_compute_loyalty_progress",
        groups=SALESPERSON,
    )
    loyalty_progress = fields.Float(
        string="Progress to Next Tier",
        compute="_compute_loyalty_progress",
        groups=SALESPERSON,
        help="Rolling sales as a percentage of the next tier threshold.",
    )
    loyalty_tier_change_ids = fields.One2many(
        "designer.tier.change", "designer_id", string="Tier History", groups=SALESPERSON
    )
    loyalty_reward_ids = fields.One2many(
        "designer.reward", "designer_id", string="Reward Entries", groups=SALESPERSON
    )
    loyalty_points_balance = fields.Float(
        string="Points Balance",
        compute="_compute_loyalty_balances",
        digits=(16, 2),
        groups=SALESPERSON,
    )
    loyalty_unpaid_amount = fields.Monetary(
        string="Unpaid Rewards",
        currency_field="loyalty_currency_id",
        compute="_compute_loyalty_balances",
        groups=SALESPERSON,
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
            if not self._cdl_statement_paid(statement):
                unpaid[designer] = unpaid.get(designer, 0.0) + amount
        for partner in self:
            partner.loyalty_points_balance = points.get(partner, 0.0)
            partner.loyalty_unpaid_amount = unpaid.get(partner, 0.0)

    @api.model
    def _cdl_statement_paid(self, statement):
        """Whether the entries of ``statement`` are paid: a carried total is
        owed until the statement that took it over (following the carry chain)
        is paid; entries on no statement are not."""
        while statement.state == "carried" and statement.carried_to_id:
            statement = statement.carried_to_id
        return statement.state == "paid"

    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.su:
            written = {
                fname
                for fname in PROGRAM_FIELDS
                if self.env.context.get(f"default_{fname}")
                or any(vals.get(fname) for vals in vals_list)
            }
            self._cdl_refuse_program_fields(written)
        return super().create(vals_list)

    def write(self, vals):
        if not self.env.su:
            self._cdl_refuse_program_fields(
                {
                    fname
                    for fname in PROGRAM_FIELDS
                    if fname in vals and self._cdl_program_field_changes(fname, vals)
                }
            )
        return super().write(vals)

    def _cdl_program_field_changes(self, fname, vals):
        """Whether writing ``vals[fname]`` changes a partner of ``self`` (an
        import or a merge writes the values back unchanged)."""
        field = self._fields[fname]
        value = field.convert_to_cache(vals[fname], self)
        return any(
            field.convert_to_cache(partner[fname], partner) != value
            for partner in self.sudo()
        )

    def _cdl_refuse_program_fields(self, fnames):
        if fnames:
            raise AccessError(
                self.env._(
                    "%(fields)s of %(partners)s are set by the loyalty program's "
                    "tier review only (Review Tier Now for the Loyalty Managers).",
                    fields=", ".join(
                        self._fields[fname]._description_string(self.env)
                        for fname in PROGRAM_FIELDS
                        if fname in fnames
                    ),
                    partners=", ".join(self.mapped("display_name"))
                    or self.env._("a new partner"),
                )
            )

    def _read_format(self, fnames, load="_classic_read"):
        """The loyalty figures of other salespersons' designers read empty."""
        result = super()._read_format(fnames, load)
        masked = [fname for fname in LOYALTY_FIGURES if fname in fnames]
        hidden = set(self._cdl_loyalty_hidden().ids if masked else ())
        for vals in result:
            if vals.get("id") in hidden:
                vals.update(dict.fromkeys(masked, False))
        return result

    def _export_rows(self, fields, *, _is_toplevel_call=True):
        """Export the loyalty figures of other salespersons' designers empty."""
        columns = [
            i for i, path in enumerate(fields) if path and path[0] in LOYALTY_FIGURES
        ]
        hidden = self._cdl_loyalty_hidden() if columns else self.browse()
        if not hidden:
            return super()._export_rows(fields, _is_toplevel_call=_is_toplevel_call)
        lines = []
        for is_hidden, run in groupby(self, key=lambda p: p in hidden):
            # a hidden designer alone: its own line is the first of its lines
            for records in run if is_hidden else [self.browse().concat(*run)]:
                rows = super(ResPartner, records)._export_rows(
                    fields, _is_toplevel_call=_is_toplevel_call
                )
                if is_hidden:
                    rows[0] = [
                        "" if i in columns else cell for i, cell in enumerate(rows[0])
                    ]
                lines += rows
        return lines

    def _cdl_loyalty_hidden(self):
        """The designers whose loyalty figures the user may not read: those of
        other salespersons and teams (the partners whose dossier they do not
        keep) that have figures, except for the Loyalty Managers who run the
        program (see :meth:`_cdl_loyalty_visible_domain`)."""
        visible = self._cdl_loyalty_visible_domain()
        if visible is None:
            return self.browse()
        others = (self - self.sudo().filtered_domain(visible)).sudo()
        return others.filtered(
            lambda p: any(p[fname] for fname in PROGRAM_FIELDS)
        ).with_env(self.env)

    def _field_to_sql(self, alias, fname, query=None, flush=True):
        """The loyalty figures of other salespersons' designers are NULL in
        SQL too: searching, grouping, summing or sorting by them tells nothing
        more than reading them (see :meth:`_read_format`). Not when Odoo
        fetches the values into the cache, shared by every user of the
        transaction (``_fetch_query`` is the one caller with ``flush``
        false): those are masked on output."""
        sql = super()._field_to_sql(alias, fname, query, flush)
        if fname not in PROGRAM_FIELDS or not flush:
            return sql
        visible = self._cdl_loyalty_visible_domain()
        if visible is None:
            return sql
        partners = self.sudo().with_context(active_test=False)._search(visible)
        return SQL(
            "(CASE WHEN %s IN %s THEN %s END)",
            SQL.identifier(alias, "id"),
            partners.subselect(),
            sql,
        )

    def _cdl_loyalty_visible_domain(self):
        """Domain of the partners whose loyalty figures the user reads (None:
        all of them): the record rules of the dossier notes (see
        ``_cdl_dossier_writable``), whose conditions are on the partner of a
        dossier row, taken on the partner itself."""
        if self.env.su or self.env.user.has_group(
            "crm_designer_loyalty.group_loyalty_manager"
        ):
            return None
        Dossier = self.env["res.partner.dossier"]
        if not Dossier.has_access("write"):
            return expression.FALSE_DOMAIN
        domain = self.env["ir.rule"]._compute_domain(Dossier._name, "write")
        if not domain:
            return None
        return [_on_partner(leaf) for leaf in domain]

    def action_open_loyalty_rewards(self):
        """The entries that make up the unpaid rewards of the designer."""
        self.ensure_one()
        rewards = self.env["designer.reward"].search(
            [
                ("designer_id", "=", self.id),
                ("company_id", "=", self.env.company.id),
            ]
        )
        statements = rewards.statement_id.filtered(
            lambda st: not self._cdl_statement_paid(st)
        )
        unpaid = rewards.filtered(
            lambda r: not r.statement_id or r.statement_id in statements
        )
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "crm_designer_loyalty.designer_reward_action"
        )
        action["name"] = self.env._(
            "Unpaid Rewards of %(designer)s", designer=self.name
        )
        action["domain"] = [("id", "in", unpaid.ids)]
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
