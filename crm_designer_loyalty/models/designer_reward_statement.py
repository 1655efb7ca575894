# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from dateutil.relativedelta import relativedelta

from odoo import Command, api, fields, models
from odoo.exceptions import UserError

from ..analytics import loyalty_review
from .loyalty_program import as_program, is_program


class DesignerRewardStatement(models.Model):
    _name = "designer.reward.statement"
    _description = "Designer Reward Statement"
    _inherit = "mail.thread"
    _order = "date_from desc, designer_id"

    name = fields.Char(compute="_compute_name", store=True)
    designer_id = fields.Many2one(
        "res.partner",
        required=True,
        index=True,
        ondelete="restrict",
        readonly=True,
        domain="[('is_designer', '=', True)]",
    )
    company_id = fields.Many2one(
        "res.company", required=True, readonly=True, default=lambda s: s.env.company
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    date_from = fields.Date(
        string="Period Start",
        required=True,
        readonly=True,
        help="First day of the month.",
    )
    date_to = fields.Date(
        string="Period End",
        compute="_compute_date_to",
        store=True,
        help="Last day of the month. Open entries dated up to this day are included.",
    )
    tier_id = fields.Many2one(
        "designer.loyalty.tier",
        compute="_compute_tier_id",
        store=True,
        help="Tier of the statement's entries: the tier of its latest accrual "
        "(by date), else of its latest clawback; none without entries.",
    )
    state = fields.Selection(
        [
            ("draft", "Draft"),
            ("confirmed", "Confirmed"),
            ("paid", "Paid"),
            ("carried", "Carried Over"),
        ],
        default="draft",
        required=True,
        readonly=True,
        tracking=True,
        help="Draft: still collects entries. Confirmed: entries locked. Paid: a "
        "vendor bill was created (none for a points statement). Carried Over: "
        "below the minimum payout, the total moves to the next statement "
        "confirmed for the designer.",
    )
    reward_ids = fields.One2many(
        "designer.reward", "statement_id", string="Entries", readonly=True
    )
    amount_rewards = fields.Monetary(
        string="Rewards", compute="_compute_amounts", store=True
    )
    amount_clawback = fields.Monetary(
        string="Clawbacks", compute="_compute_amounts", store=True
    )
    points_total = fields.Float(
        string="Points", digits=(16, 2), compute="_compute_amounts", store=True
    )
    carry_in_amount = fields.Monetary(
        string="Carried In",
        readonly=True,
        help="Totals of earlier statements below the minimum payout, set on "
        "confirmation.",
    )
    carried_to_id = fields.Many2one(
        "designer.reward.statement",
        readonly=True,
        help="Statement that took over this total.",
    )
    carried_from_ids = fields.One2many("designer.reward.statement", "carried_to_id")
    amount_total = fields.Monetary(
        string="Total", compute="_compute_amounts", store=True
    )
    move_id = fields.Many2one(
        "account.move",
        string="Vendor Bill",
        readonly=True,
        copy=False,
        index="btree_not_null",
    )

    _sql_constraints = (
        (
            "designer_period_uniq",
            "UNIQUE(designer_id, company_id, date_from)",
            "A designer has only one statement per period.",
        ),
    )

    # set by the program only (generation and buttons): they define the amounts
    # paid and the state
    _SYSTEM_FIELDS = frozenset(
        {
            "designer_id",
            "company_id",
            "date_from",
            "date_to",
            "tier_id",
            "state",
            "reward_ids",
            "amount_rewards",
            "amount_clawback",
            "points_total",
            "carry_in_amount",
            "carried_to_id",
            "amount_total",
            "move_id",
        }
    )

    @api.model_create_multi
    def create(self, vals_list):
        if not is_program(self.env):
            raise UserError(
                self.env._(
                    "Statements are created by Generate Statements only "
                    "(Loyalty > Generate Statements)."
                )
            )
        return super().create(vals_list)

    def _creation_message(self):
        """Logged in the designer's language, whoever generated it."""
        self.ensure_one()
        return self.with_context(lang=self.designer_id.lang).env._(
            "Reward statement %(name)s created", name=self.name
        )

    def write(self, vals):
        protected = self._SYSTEM_FIELDS & vals.keys()
        if protected and not is_program(self.env):
            raise UserError(
                self.env._(
                    "Statement(s) %(names)s: %(fields)s can only be changed by the "
                    "statement buttons (Confirm, Reset to Draft, Pay).",
                    names=", ".join(self.mapped("name")),
                    fields=", ".join(
                        self._fields[name]._description_string(self.env)
                        for name in sorted(protected)
                    ),
                )
            )
        return super().write(vals)

    @api.depends("designer_id", "date_from")
    def _compute_name(self):
        for st in self:
            period = st.date_from.strftime("%Y-%m") if st.date_from else ""
            st.name = f"{st.designer_id.name or ''} {period}"

    @api.depends("date_from")
    def _compute_date_to(self):
        for st in self:
            st.date_to = st.date_from and st.date_from + relativedelta(day=31)

    @api.depends("reward_ids.amount", "reward_ids.points", "carry_in_amount")
    def _compute_amounts(self):
        for st in self:
            rewards = st.reward_ids
            st.amount_rewards = sum(
                rewards.filtered(lambda r: r.amount > 0).mapped("amount")
            )
            st.amount_clawback = sum(
                rewards.filtered(lambda r: r.amount < 0).mapped("amount")
            )
            st.points_total = sum(rewards.mapped("points"))
            st.amount_total = (
                st.amount_rewards + st.amount_clawback + st.carry_in_amount
            )

    @api.depends("reward_ids.tier_id", "reward_ids.kind", "reward_ids.date")
    def _compute_tier_id(self):
        for st in self:
            entries = st.reward_ids.filtered("tier_id").sorted(
                lambda r: (r.kind == "accrual", r.date, r.id)
            )
            st.tier_id = entries[-1:].tier_id

    @api.model
    def _generate(self, month, designers=None):
        """Create or refresh the statements of the month containing ``month`` for
        all designers with open entries or a total carried over from an earlier
        statement (or the given ones), and attach every open entry dated up to
        the period end. Only past periods."""
        date_from = month + relativedelta(day=1)
        date_to = date_from + relativedelta(day=31)
        if date_to >= fields.Date.context_today(self):
            raise UserError(
                self.env._(
                    "Statements cover past periods only: %(month)s is not over yet.",
                    month=date_from.strftime("%Y-%m"),
                )
            )
        company = self.env.company
        self.env.flush_all()
        designer_ids = loyalty_review.statement_designers(
            self.env.cr,
            company.id,
            date_from,
            date_to,
            None if designers is None else designers.ids,
        )
        existing = self.search(
            [
                ("designer_id", "in", designer_ids),
                ("company_id", "=", company.id),
                ("date_from", "=", date_from),
            ]
        )
        missing = self.env["res.partner"].browse(designer_ids) - existing.designer_id
        statements = existing.filtered(lambda s: s.state == "draft") | as_program(
            self
        ).create(
            [
                {
                    "designer_id": designer.id,
                    "company_id": company.id,
                    "date_from": date_from,
                }
                for designer in missing
            ]
        )
        if statements:
            self.env.flush_all()
            loyalty_review.attach_open_entries(self.env.cr, statements.ids)
            self.env["designer.reward"].invalidate_model(["statement_id"])
            statements.invalidate_recordset(["reward_ids"])
            statements.modified(["reward_ids"])
        return statements

    def _check_state(self, states, action):
        wrong = self.filtered(lambda s: s.state not in states)
        if wrong:
            raise UserError(
                self.env._(
                    "Cannot %(action)s statement(s) %(names)s in this state.",
                    action=action,
                    names=", ".join(wrong.mapped("name")),
                )
            )

    def action_confirm(self):
        """Lock the entries and take over the totals carried from earlier
        statements."""
        self._check_state(("draft",), self.env._("confirm"))
        for st in self:
            carried = self.search(
                [
                    ("designer_id", "=", st.designer_id.id),
                    ("company_id", "=", st.company_id.id),
                    ("state", "=", "carried"),
                    ("carried_to_id", "=", False),
                    ("date_from", "<", st.date_from),
                ]
            )
            as_program(carried).carried_to_id = st
            as_program(st).write(
                {
                    "state": "confirmed",
                    "carry_in_amount": sum(carried.mapped("amount_total")),
                }
            )
        as_program(self.reward_ids.sudo()).write({"state": "locked"})
        return True

    def action_draft(self):
        self._check_state(("confirmed",), self.env._("reset"))
        as_program(self.carried_from_ids).carried_to_id = False
        as_program(self.reward_ids.sudo()).write({"state": "open"})
        as_program(self).write({"state": "draft", "carry_in_amount": 0})
        return True

    def action_pay(self):
        """Create the payout vendor bill, or carry the total over when it is
        below the minimum payout. A points statement (points, no money) has
        nothing to pay: it is marked paid without a bill, its points being
        credited to the designer's points balance."""
        self._check_state(("confirmed",), self.env._("pay"))
        self.check_access("write")
        for st in self:
            company = st.company_id
            if st.currency_id.is_zero(st.amount_total) and st.points_total:
                as_program(st).state = "paid"
                continue
            if st.currency_id.compare_amounts(
                st.amount_total, max(company.loyalty_min_payout, 0.0)
            ) < 0 or st.currency_id.is_zero(st.amount_total):
                as_program(st).state = "carried"
                continue
            # the bill pays the statement from its first posting (see
            # account.move._post); the draft that replaces a reversed bill
            # (Reverse and Create Invoice) is posted
            bill = st.sudo().move_id.filtered(lambda m: m.state == "draft")
            bill = bill or st._create_vendor_bill()
            as_program(st).write({"move_id": bill.id, "state": "paid"})
            bill.action_post()
        return True

    def _create_vendor_bill(self):
        self.ensure_one()
        company = self.company_id
        product = company.loyalty_payout_product_id
        if not product:
            raise UserError(
                self.env._(
                    "Set the payout product in the settings (Designer Loyalty) "
                    "before paying statement %(name)s.",
                    name=self.name,
                )
            )
        journal = company.loyalty_payout_journal_id or self.env[
            "account.journal"
        ].sudo().search(
            [
                *self.env["account.journal"]._check_company_domain(company),
                ("type", "=", "purchase"),
            ],
            limit=1,
        )
        # sudo: the Loyalty Manager pays statements without accounting rights;
        # the bill only carries the confirmed statement total
        return (
            as_program(self.env["account.move"])
            .sudo()
            .with_company(company)
            .create(
                {
                    "move_type": "in_invoice",
                    "cdl_payout_statement_id": self.id,
                    "partner_id": self.designer_id.id,
                    "journal_id": journal.id,
                    # the statement total is in company currency, whatever the
                    # currency of the journal
                    "currency_id": self.currency_id.id,
                    "invoice_date": fields.Date.context_today(self),
                    "ref": self.env._("Designer rewards %(name)s", name=self.name),
                    "invoice_line_ids": [
                        Command.create(
                            {
                                "product_id": product.id,
                                "name": self.env._("Rewards %(name)s", name=self.name),
                                "quantity": 1,
                                "price_unit": self.amount_total,
                                "tax_ids": [Command.clear()],
                            }
                        )
                    ],
                }
            )
        )

    def _reopen_unpaid(self, event):
        """The payout bill was cancelled, deleted or credited in full (``event``
        ``"cancelled"``, ``"deleted"``, ``"credited"``): the designer is not
        paid, the statement is confirmed again, to be paid again."""
        for st in self:
            bill = st.move_id.name
            if event == "deleted":
                body = self.env._(
                    "Vendor bill %(bill)s deleted: the statement is confirmed "
                    "again, to be paid again.",
                    bill=bill,
                )
            elif event == "credited":
                body = self.env._(
                    "Vendor bill %(bill)s reversed by a credit note: the "
                    "statement is confirmed again, to be paid again.",
                    bill=bill,
                )
            else:
                body = self.env._(
                    "Vendor bill %(bill)s cancelled: the statement is confirmed "
                    "again, to be paid again.",
                    bill=bill,
                )
            st.message_post(body=body)
        as_program(self).write({"state": "confirmed", "move_id": False})

    def action_view_bill(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": "account.move",
            "res_id": self.move_id.id,
            "view_mode": "form",
        }

    def action_print(self):
        return self.env.ref(
            "crm_designer_loyalty.designer_reward_statement_report_action"
        ).report_action(self)

    @api.ondelete(at_uninstall=False)
    def _unlink_if_draft(self):
        """Only a draft statement is deleted, its entries open again on no
        statement; not one that a vendor bill paid once (cancelled or
        credited since): the bill stays linked to it for good."""
        self._check_state(("draft",), self.env._("delete"))
        bills = (
            self.env["account.move"]
            .sudo()
            .search([("cdl_payout_statement_id", "in", self.ids)])
        )
        if bills:
            raise UserError(
                self.env._(
                    "Statement(s) %(names)s were paid by vendor bill(s) "
                    "%(bills)s (cancelled or credited since): they cannot be "
                    "deleted. Confirm and pay them again instead.",
                    names=", ".join(bills.cdl_payout_statement_id.mapped("name")),
                    bills=", ".join(bills.mapped("display_name")),
                )
            )
        as_program(self.reward_ids.sudo()).write(
            {"statement_id": False, "state": "open"}
        )
