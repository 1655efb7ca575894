# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.osv import expression
from odoo.tools import SQL

from .res_partner_dossier import DOSSIER_NOTE_FIELDS, INCOME_BANDS
from .res_partner_segment_snapshot import ABC_CLASSES, CUSTOMER_STATUSES, XYZ_CLASSES

# the current classes, read from the snapshot rows of the latest run
SEGMENT_CLASS_FIELDS = (
    "abc_class",
    "xyz_class",
    "customer_status",
    "rfm_score",
    "rfm_segment_id",
)

CONTACT_HISTORY_DAYS = 90

# the personal and business notes of the dossier, kept on res.partner.dossier:
# salespeople only, of their own and their team's partners
DOSSIER_NOTE = {
    "compute": "_compute_dossier_notes",
    "inverse": "_inverse_dossier_notes",
    "groups": "crm_designer_loyalty.group_designer_user",
}


class ResPartner(models.Model):
    _inherit = "res.partner"

    team_id = fields.Many2one(
        "crm.team",
        string="Sales Team",
        compute="_compute_team_id",
        store=True,
        readonly=False,
        index="btree_not_null",
        help="Sales team in charge of this partner; its members see the "
        "partner's dossier. Defaults to the team of the salesperson.",
    )
    is_designer = fields.Boolean(
        string="Is a Designer",
        tracking=True,
        help="Interior designer who brings clients and takes part in the "
        "loyalty program.",
    )
    designer_id = fields.Many2one(
        "res.partner",
        string="Attributed Designer",
        domain="[('is_designer', '=', True)]",
        tracking=True,
        index="btree_not_null",
        ondelete="restrict",
        help="Designer who first brought this client (first-touch rule). "
        "Orders and invoices of the client are attributed to this designer by default.",
    )
    designer_client_ids = fields.One2many(
        "res.partner", "designer_id", string="Referred Clients"
    )
    designer_client_count = fields.Integer(compute="_compute_designer_client_count")

    @api.depends("user_id")
    def _compute_team_id(self):
        """The team of the salesperson when the partner has none, or when its
        team was the previous salesperson's (in the form; write() does the same
        on a saved partner). A team chosen by hand is kept."""
        for partner in self.filtered("user_id"):
            previous = partner._origin.user_id
            if not partner.team_id or (
                previous != partner.user_id and partner.team_id == previous.sale_team_id
            ):
                partner.team_id = partner.user_id.sale_team_id

    @api.depends("designer_client_ids")
    def _compute_designer_client_count(self):
        counts = dict(
            self.env["res.partner"]._read_group(
                [("designer_id", "in", self.ids)], ["designer_id"], ["__count"]
            )
        )
        for partner in self:
            partner.designer_client_count = counts.get(partner, 0)

    # Dossier: designer profile ----------------------------------------------
    designer_studio = fields.Char(
        string="Studio", help="Name of the designer's studio or bureau."
    )
    designer_specialization = fields.Selection(
        [
            ("residential", "Residential"),
            ("commercial", "Commercial"),
            ("hospitality", "Hospitality"),
            ("other", "Other"),
        ],
        string="Specialization",
        help="Main kind of interiors the designer works on.",
    )
    designer_portfolio_url = fields.Char(
        string="Portfolio", help="Link to the designer's portfolio."
    )
    designer_since = fields.Date(
        string="In the Program Since",
        compute="_compute_designer_program",
        store=True,
        readonly=False,
        help="Date the designer joined the designer program (today when the "
        "partner is marked as a designer).",
    )
    design_style_ids = fields.Many2many(
        "res.partner.design.style",
        string="Preferred Styles",
        help="Interior styles the designer prefers to work in.",
    )
    designer_program_state = fields.Selection(
        [
            ("candidate", "Candidate"),
            ("active", "Active"),
            ("suspended", "Suspended"),
            ("left", "Left"),
        ],
        string="Program Status",
        compute="_compute_designer_program",
        store=True,
        readonly=False,
        tracking=True,
        help="Status of the designer in the designer program (Active when the "
        "partner is marked as a designer). Suspended and Left designers keep "
        "their tier at the monthly review.",
    )

    @api.depends("is_designer")
    def _compute_designer_program(self):
        for partner in self.filtered("is_designer"):
            partner.designer_program_state = partner.designer_program_state or "active"
            partner.designer_since = (
                partner.designer_since or fields.Date.context_today(partner)
            )

    # Dossier: B2B -------------------------------------------------------------
    b2b_client_base = fields.Text(
        string="Their Clients",
        help="Who the client's own customers are (their clients' clients).",
        **DOSSIER_NOTE,
    )
    business_goals = fields.Text(
        string="Goals and Strategy",
        help="Business goals and strategy of the client company.",
        **DOSSIER_NOTE,
    )
    business_kpis = fields.Text(
        string="Their KPIs",
        help="Indicators the client judges itself by (turnover, margin...).",
        **DOSSIER_NOTE,
    )
    decision_role = fields.Selection(
        [
            ("decision_maker", "Decision Maker"),
            ("budget_holder", "Budget Holder"),
            ("influencer", "Influencer"),
            ("user", "User"),
            ("gatekeeper", "Gatekeeper"),
        ],
        string="Role in Decisions",
        help="Role of this contact person in the client's purchase decisions.",
    )
    decision_maker_ids = fields.One2many(
        "res.partner",
        "parent_id",
        string="Decision Makers",
        domain=[("decision_role", "!=", False)],
        help="Contact persons with a role in purchase decisions.",
    )

    # Dossier: B2C -------------------------------------------------------------
    income_band = fields.Selection(
        INCOME_BANDS,
        help="Estimated income level of the private client.",
        **DOSSIER_NOTE,
    )
    family_composition = fields.Text(
        help="Spouse, children, pets... who lives in the home being furnished.",
        **DOSSIER_NOTE,
    )
    life_events = fields.Text(
        string="Important Life Events",
        help="Moving house, wedding, birth of a child, renovation...",
        **DOSSIER_NOTE,
    )
    first_order_date = fields.Date(
        compute="_compute_purchase_dates",
        help="Date of the first confirmed sales order of the client "
        "(its contacts included).",
    )
    last_order_date = fields.Date(
        compute="_compute_purchase_dates",
        help="Date of the last confirmed sales order of the client "
        "(its contacts included).",
    )
    confirmed_order_count = fields.Integer(
        string="Confirmed Orders",
        compute="_compute_purchase_dates",
        help="Number of confirmed sales orders of the client (its contacts included).",
    )

    # Dossier: contact persons -------------------------------------------------
    character_notes = fields.Text(
        string="Character",
        help="Temper, communication style, what to avoid with this person.",
        **DOSSIER_NOTE,
    )
    preference_notes = fields.Text(
        string="Preferences",
        help="Tastes, hobbies, preferred channel and time to be contacted.",
        **DOSSIER_NOTE,
    )

    dossier_private = fields.Boolean(
        compute="_compute_dossier_notes",
        groups="crm_designer_loyalty.group_designer_user",
        help="The dossier notes of this partner are kept for its salesperson, "
        "its sales team and the sales managers.",
    )

    @api.depends_context("uid", "allowed_company_ids")
    def _compute_dossier_notes(self):
        """The notes of the dossier rows the user may read (record rules);
        empty, and private, for the partners of other salespeople."""
        Dossier = self.env["res.partner.dossier"]
        rows = {
            row.partner_id: row
            for row in Dossier.search([("partner_id", "in", self._origin.ids)])
        }
        writable = self._origin._dossier_writable()
        for partner in self:
            row = rows.get(partner._origin, Dossier)
            for fname in DOSSIER_NOTE_FIELDS:
                partner[fname] = row[fname]
            partner.dossier_private = bool(partner._origin) and (
                partner._origin not in writable
            )

    def _dossier_writable(self):
        """The partners whose dossier notes the user may write: the record rules
        of res.partner.dossier, evaluated on a row to be (no row is needed)."""
        Dossier = self.env["res.partner.dossier"]
        if not Dossier.has_access("write"):
            return self.browse()
        domain = self.env["ir.rule"]._compute_domain(Dossier._name, "write")
        if not domain:
            return self
        probes = Dossier.sudo().browse()
        for partner in self:
            probes |= Dossier.sudo().new({"partner_id": partner.id})
        return probes.filtered_domain(domain).partner_id.with_env(self.env)

    def _inverse_dossier_notes(self):
        """Write the notes on the partner's dossier row, created with the first
        note. The record rules refuse the partners of other salespeople."""
        Dossier = self.env["res.partner.dossier"]
        rows = {
            row.partner_id: row.with_env(self.env)
            for row in Dossier.sudo().search([("partner_id", "in", self.ids)])
        }
        new_rows = []
        for partner in self:
            vals = {fname: partner[fname] for fname in DOSSIER_NOTE_FIELDS}
            if partner in rows:
                rows[partner].write(vals)
            elif any(vals.values()):
                new_rows.append({"partner_id": partner.id, **vals})
        refused = self.browse([row["partner_id"] for row in new_rows])
        refused -= refused._dossier_writable()
        if refused:
            raise AccessError(
                self.env._(
                    "The dossier notes of %(partner)s are kept for its salesperson, "
                    "their sales team and the sales managers: set yourself or your "
                    "team as the salesperson of %(partner)s to write them.",
                    partner=refused[0].display_name,
                )
            )
        Dossier.create(new_rows)

    # Dossier: rows ------------------------------------------------------------
    significant_date_ids = fields.One2many(
        "res.partner.significant.date", "partner_id", string="Significant Dates"
    )
    equipment_ids = fields.One2many(
        "res.partner.equipment", "partner_id", string="Installed Equipment"
    )
    partner_document_ids = fields.One2many(
        "res.partner.document", "partner_id", string="Documents"
    )
    attribute_value_ids = fields.One2many(
        "res.partner.attribute.value", "partner_id", string="Extra Attributes"
    )
    contact_history_count = fields.Integer(
        compute="_compute_contact_history_count",
        help="Contacts over the last 90 days: done activities, emails and "
        "messages logged on the partner.",
    )
    contact_history_summary = fields.Char(
        string="Contacts (90 Days)",
        compute="_compute_contact_history_count",
        help="Contacts over the last 90 days by type: done activities by their "
        "type, emails and messages.",
    )
    customer_invoice_count = fields.Integer(
        compute="_compute_customer_invoice_count",
        help="Posted customer invoices and credit notes of the partner (its "
        "contacts included) that you may read.",
    )
    payment_count = fields.Integer(
        compute="_compute_payment_count",
        help="Customer and vendor payments of the partner (its contacts included).",
    )

    def _dossier_family(self):
        """The partners and all their contacts, archived ones included."""
        return self.with_context(active_test=False).search_fetch(
            [("id", "child_of", self.ids)], ["parent_id"]
        )

    def _dossier_partner_totals(
        self, model, domain, aggregates, partner_field="partner_id", groupby=()
    ):
        """Aggregate ``model`` rows of the partners and their contacts in one
        read_group: {partner: [values of its own and its contacts' rows]}, the
        values being those of the extra ``groupby`` then of the ``aggregates``
        (the totals of a contact are added to all its ancestors in self).
        ``partner_field``: the rows' partner field (a many2one or a res_id)."""
        groups = self.env[model]._read_group(
            expression.AND(
                [domain, [(partner_field, "in", self._dossier_family().ids)]]
            ),
            [partner_field, *groupby],
            aggregates,
        )
        totals = {}
        for partner, *values in groups:
            if isinstance(partner, int):  # a res_id
                partner = self.browse(partner)
            while partner:
                if partner in self:
                    totals.setdefault(partner, []).append(values)
                partner = partner.parent_id
        return totals

    def _compute_purchase_dates(self):
        totals = {}
        if self.ids and self.env["sale.order"].has_access("read"):
            totals = self._dossier_partner_totals(
                "sale.order",
                [("state", "=", "sale")],
                ["date_order:min", "date_order:max", "__count"],
            )
        for partner in self:
            rows = totals.get(partner, [])
            first = min((r[0] for r in rows), default=False)
            last = max((r[1] for r in rows), default=False)
            partner.first_order_date = first and fields.Date.context_today(self, first)
            partner.last_order_date = last and fields.Date.context_today(self, last)
            partner.confirmed_order_count = sum(r[2] for r in rows)

    def _customer_invoice_domain(self):
        return [
            ("move_type", "in", ("out_invoice", "out_refund")),
            ("state", "=", "posted"),
        ]

    def _compute_customer_invoice_count(self):
        totals = {}
        if self.ids and self.env["account.move"].has_access("read"):
            totals = self._dossier_partner_totals(
                "account.move", self._customer_invoice_domain(), ["__count"]
            )
        for partner in self:
            partner.customer_invoice_count = sum(r[0] for r in totals.get(partner, []))

    def action_view_customer_invoices(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "account.action_move_out_invoice_type"
        )
        action["domain"] = [
            ("partner_id", "child_of", self.id),
            *self._customer_invoice_domain(),
        ]
        action["context"] = {"default_move_type": "out_invoice"}
        return action

    def _compute_payment_count(self):
        totals = {}
        if self.ids and self.env["account.payment"].has_access("read"):
            totals = self._dossier_partner_totals(
                "account.payment", [("state", "!=", "canceled")], ["__count"]
            )
        for partner in self:
            partner.payment_count = sum(r[0] for r in totals.get(partner, []))

    def _contact_history_domain(self):
        """Contacts of the last days, on any partner: callers add the partners
        (the partner and its contacts, like the other dossier totals)."""
        since = fields.Datetime.now() - timedelta(days=CONTACT_HISTORY_DAYS)
        return [
            ("model", "=", "res.partner"),
            ("date", ">=", since),
            "|",
            ("mail_activity_type_id", "!=", False),
            ("message_type", "in", ("email", "comment")),
        ]

    def _compute_contact_history_count(self):
        counts = {}
        if self.ids:
            # sudo: the chatter of a partner is readable by whoever reads the
            # partner, and mail.message._search for non-superusers may return
            # a message id twice (one per notification join), doubling counts.
            counts = self.sudo()._dossier_partner_totals(
                "mail.message",
                self._contact_history_domain(),
                ["__count"],
                partner_field="res_id",
                groupby=["mail_activity_type_id", "message_type"],
            )
        other_types = {"email": self.env._("Email"), "comment": self.env._("Message")}
        for partner in self:
            by_type = {}
            for activity_type, message_type, count in counts.get(partner, []):
                label = activity_type.name or other_types[message_type]
                by_type[label] = by_type.get(label, 0) + count
            partner.contact_history_count = sum(by_type.values())
            partner.contact_history_summary = ", ".join(
                f"{label}: {count}"
                for label, count in sorted(by_type.items(), key=lambda i: -i[1])
            )

    def action_view_contact_history(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "crm_designer_loyalty.mail_message_contact_history_action"
        )
        action["domain"] = [
            ("res_id", "in", self._dossier_family().ids),
            *self._contact_history_domain(),
        ]
        action["display_name"] = self.env._(
            "Contact History of %(partner)s", partner=self.display_name
        )
        return action

    def action_view_partner_payments(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "account.action_account_payments"
        )
        action["domain"] = [("partner_id", "child_of", self.id)]
        action["context"] = {
            "default_partner_id": self.id,
            "default_payment_type": "inbound",
            "default_partner_type": "customer",
        }
        return action

    # --- Designer loyalty program -------------------------------------------
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

    # --- Designer attribution (first-touch rule) ---------------------------------

    @api.constrains("designer_id", "is_designer")
    def _check_designer_id(self):
        for partner in self:
            if partner.designer_id == partner:
                raise ValidationError(
                    self.env._(
                        "%(partner)s cannot be their own designer.",
                        partner=partner.display_name,
                    )
                )
            if partner.designer_id and not partner.designer_id.is_designer:
                raise ValidationError(
                    self.env._(
                        "%(designer)s is not a designer (Is a Designer is not set): "
                        "client %(partner)s cannot be attributed to them.",
                        designer=partner.designer_id.display_name,
                        partner=partner.display_name,
                    )
                )
            if not partner.is_designer and partner.designer_client_ids:
                raise ValidationError(
                    self.env._(
                        "%(partner)s still has attributed clients: attribute them "
                        "to another designer before unsetting Is a Designer.",
                        partner=partner.display_name,
                    )
                )

    def write(self, vals):
        if "designer_id" in vals and not self.env.su:
            self._cdl_check_designer_change(self.browse(vals["designer_id"]))
        # a new salesperson takes the partner into their team, unless the team
        # was chosen by hand (not the previous salesperson's team)
        moved = self.browse()
        if vals.get("user_id") and "team_id" not in vals:
            moved = self.filtered(
                lambda p: (
                    p.team_id
                    and p.team_id == p.user_id.sale_team_id
                    and p.user_id.id != vals["user_id"]
                )
            )
        res = super().write(vals)
        if moved:
            moved.team_id = self.env["res.users"].browse(vals["user_id"]).sale_team_id
        return res

    def _cdl_check_designer_change(self, designer):
        """Only a Sales Manager may re-attribute a client, or attach a client who
        already has confirmed sales (the designer did not bring them)."""
        if self.env.user.has_group("crm_designer_loyalty.group_designer_manager"):
            return
        for partner in self.filtered(lambda p: p.designer_id != designer):
            if partner.designer_id:
                raise UserError(
                    self.env._(
                        "Only a Sales Manager can re-attribute client %(client)s "
                        "from designer %(old)s to %(new)s.",
                        client=partner.display_name,
                        old=partner.designer_id.display_name,
                        new=designer.display_name or self.env._("no designer"),
                    )
                )
            if partner.commercial_partner_id._cdl_has_confirmed_sales():
                raise UserError(
                    self.env._(
                        "Only a Sales Manager can attach client %(client)s to "
                        "designer %(designer)s: the client already has confirmed "
                        "sales.",
                        client=partner.display_name,
                        designer=designer.display_name,
                    )
                )

    def _cdl_has_confirmed_sales(self, exclude_orders=None, exclude_moves=None):
        """Whether this commercial partner has confirmed sale orders or posted
        customer invoices (direct invoicing, migrated history), other than
        ``exclude_orders`` and ``exclude_moves`` (the documents being confirmed
        or posted)."""
        self.ensure_one()
        domain = [
            ("partner_id.commercial_partner_id", "=", self.id),
            ("state", "=", "sale"),
        ]
        if exclude_orders:
            domain.append(("id", "not in", exclude_orders.ids))
        return bool(
            self.env["sale.order"].sudo().search_count(domain, limit=1)
            or self.env["account.move"]
            .sudo()
            .search_count(
                [
                    ("commercial_partner_id", "=", self.id),
                    ("move_type", "=", "out_invoice"),
                    ("state", "=", "posted"),
                    ("id", "not in", exclude_moves.ids if exclude_moves else []),
                ],
                limit=1,
            )
        )

    def _cdl_first_touch(self, designer, exclude_orders=None, exclude_moves=None):
        """First-touch rule: attach the client (commercial partner of ``self``)
        to ``designer`` when it has no designer yet and no confirmed sales besides
        ``exclude_orders`` and ``exclude_moves``. Attaching an existing client is
        left to a manager."""
        client = self.commercial_partner_id
        if (
            client
            and designer
            and not client.designer_id
            and client != designer
            and not client._cdl_has_confirmed_sales(exclude_orders, exclude_moves)
        ):
            client.sudo().designer_id = designer

    # --- Segmentation: classes of the current company's latest finished run,
    # read from its snapshot rows (the engine writes no partner row). Searchable,
    # and groupable and sortable through _field_to_sql, like stored fields.
    abc_class = fields.Selection(
        ABC_CLASSES,
        string="ABC Class",
        compute="_compute_segment_snapshot_id",
        search="_search_abc_class",
        groups="base.group_user",
        help="Share of revenue (or margin) of the window: A clients make the first "
        "80 % of it, B the next 15 %, C the rest (thresholds in Settings).",
    )
    xyz_class = fields.Selection(
        XYZ_CLASSES,
        string="XYZ Class",
        compute="_compute_segment_snapshot_id",
        search="_search_xyz_class",
        groups="base.group_user",
        help="Regularity of the monthly revenue (coefficient of variation): X "
        "steady, Y fluctuating, Z irregular, N too few months with purchases.",
    )
    customer_status = fields.Selection(
        CUSTOMER_STATUSES,
        string="Client Status",
        compute="_compute_segment_snapshot_id",
        search="_search_customer_status",
        groups="base.group_user",
        help="Potential (no invoice yet), one-time, regular, at risk (no purchase "
        "for twice the usual interval) or lost (no purchase for a year).",
    )
    rfm_score = fields.Char(
        string="RFM Score",
        compute="_compute_segment_snapshot_id",
        search="_search_rfm_score",
        groups="base.group_user",
        help="Recency, frequency and monetary quintiles, 5 is best.",
    )
    rfm_segment_id = fields.Many2one(
        "crm.rfm.segment",
        string="Value Segment",
        compute="_compute_segment_snapshot_id",
        search="_search_rfm_segment_id",
        groups="crm_designer_loyalty.group_designer_user",
        help="Value segment given by the RFM mapping table.",
    )
    segment_snapshot_id = fields.Many2one(
        "res.partner.segment.snapshot",
        string="Latest Segmentation",
        compute="_compute_segment_snapshot_id",
        groups="crm_designer_loyalty.group_designer_user",
        help="Snapshot row of the latest segmentation run of the current company: "
        "the metrics behind the classes.",
    )
    segment_date = fields.Date(
        string="Segmented On",
        compute="_compute_segment_snapshot_id",
        groups="crm_designer_loyalty.group_designer_user",
    )
    segment_revenue = fields.Monetary(
        string="Window Revenue",
        compute="_compute_segment_snapshot_id",
        groups="crm_designer_loyalty.group_designer_user",
    )
    segment_share = fields.Float(
        string="Revenue Share (%)",
        compute="_compute_segment_snapshot_id",
        groups="crm_designer_loyalty.group_designer_user",
    )
    segment_cum_share = fields.Float(
        string="Cumulative Share (%)",
        compute="_compute_segment_snapshot_id",
        groups="crm_designer_loyalty.group_designer_user",
    )
    segment_cv = fields.Float(
        string="CV (%)",
        compute="_compute_segment_snapshot_id",
        groups="crm_designer_loyalty.group_designer_user",
    )
    segment_active_months = fields.Integer(
        string="Active Months",
        compute="_compute_segment_snapshot_id",
        groups="crm_designer_loyalty.group_designer_user",
    )
    segment_last_purchase_date = fields.Date(
        string="Last Purchase",
        compute="_compute_segment_snapshot_id",
        groups="crm_designer_loyalty.group_designer_user",
    )
    segment_explanation = fields.Text(
        string="Why These Classes",
        compute="_compute_segment_snapshot_id",
        groups="crm_designer_loyalty.group_designer_user",
    )

    def _segment_snapshot_domain(self):
        """The snapshot rows that give the partners their current classes."""
        company = self.env.company
        return [
            ("company_id", "=", company.id),
            ("date", "=", company.sudo().segment_last_date),
        ]

    @api.depends_context("company")
    def _compute_segment_snapshot_id(self):
        snapshots = (
            self.env["res.partner.segment.snapshot"]
            .sudo()
            .search([*self._segment_snapshot_domain(), ("partner_id", "in", self.ids)])
        )
        by_partner = {snap.partner_id.id: snap for snap in snapshots}
        # the classes are public to employees, like the partner; the figures
        # behind them only where the user may read the snapshot (a salesperson:
        # own clients)
        readable = snapshots.with_env(self.env)._filtered_access("read")
        for partner in self:
            snap = by_partner.get(partner.id, snapshots.browse())
            for fname in SEGMENT_CLASS_FIELDS:
                partner[fname] = snap[fname]
            if snap not in readable:
                snap = snapshots.browse()
            partner.segment_snapshot_id = snap.id
            partner.segment_date = snap.date
            partner.segment_revenue = snap.revenue
            partner.segment_share = snap.share
            partner.segment_cum_share = snap.cum_share
            partner.segment_cv = snap.cv
            partner.segment_active_months = snap.active_months
            partner.segment_last_purchase_date = snap.last_purchase_date
            partner.segment_explanation = snap.explanation

    def _search_segment_class(self, fname, operator, value):
        """Partners whose current snapshot row satisfies ``fname operator
        value``; a partner without a row has no class (NULL), which some
        conditions (``= False``, ``!= 'A'``) accept: those are searched as the
        partners whose row does not satisfy the opposite."""
        values = value if isinstance(value, list | tuple) else [value]
        accepts_null = (operator in expression.NEGATIVE_TERM_OPERATORS) != (
            False in values
        )
        condition = [(fname, operator, value)]
        query = (
            self.env["res.partner.segment.snapshot"]
            .sudo()
            ._search(
                [
                    *self._segment_snapshot_domain(),
                    *(["!", *condition] if accepts_null else condition),
                ]
            )
        )
        return [
            ("id", "not in" if accepts_null else "in", query.subselect("partner_id"))
        ]

    def _search_abc_class(self, operator, value):
        return self._search_segment_class("abc_class", operator, value)

    def _search_xyz_class(self, operator, value):
        return self._search_segment_class("xyz_class", operator, value)

    def _search_customer_status(self, operator, value):
        return self._search_segment_class("customer_status", operator, value)

    def _search_rfm_score(self, operator, value):
        return self._search_segment_class("rfm_score", operator, value)

    def _search_rfm_segment_id(self, operator, value):
        return self._search_segment_class("rfm_segment_id", operator, value)

    def _field_to_sql(self, alias, fname, query=None, flush=True):
        """The current classes in SQL (group by, order by): the column of the
        current snapshot row, LEFT JOINed on the partner."""
        if fname not in SEGMENT_CLASS_FIELDS or query is None:
            return super()._field_to_sql(alias, fname, query, flush)
        self.check_field_access_rights("read", [fname])
        company = self.env.company
        snapshot = query.make_alias(alias, "segment_snapshot")
        query.add_join(
            "LEFT JOIN",
            snapshot,
            "res_partner_segment_snapshot",
            SQL(
                "%s = %s AND %s = %s AND %s = %s",
                SQL.identifier(snapshot, "partner_id"),
                SQL.identifier(alias, "id"),
                SQL.identifier(snapshot, "company_id"),
                company.id,
                SQL.identifier(snapshot, "date"),
                # no run yet: NULL, no row
                company.sudo().segment_last_date or None,
            ),
        )
        return SQL.identifier(snapshot, fname)
