# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import timedelta

from odoo import api, fields, models
from odoo.osv import expression

CONTACT_HISTORY_DAYS = 90


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
        for partner in self.filtered(lambda p: p.user_id and not p.team_id):
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
        help="Date the designer joined the designer program.",
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
        tracking=True,
        help="Status of the designer in the designer program.",
    )

    # Dossier: B2B -------------------------------------------------------------
    b2b_client_base = fields.Text(
        string="Their Clients",
        help="Who the client's own customers are (their clients' clients).",
    )
    business_goals = fields.Text(
        string="Goals and Strategy",
        help="Business goals and strategy of the client company.",
    )
    business_kpis = fields.Text(
        string="Their KPIs",
        help="Indicators the client judges itself by (turnover, margin...).",
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
        [
            ("low", "Low"),
            ("middle", "Middle"),
            ("upper_middle", "Upper Middle"),
            ("high", "High"),
            ("premium", "Premium"),
        ],
        help="Estimated income level of the private client.",
    )
    family_composition = fields.Text(
        help="Spouse, children, pets... who lives in the home being furnished."
    )
    life_events = fields.Text(
        string="Important Life Events",
        help="Moving house, wedding, birth of a child, renovation...",
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
    )
    preference_notes = fields.Text(
        string="Preferences",
        help="Tastes, hobbies, preferred channel and time to be contacted.",
    )

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
    payment_count = fields.Integer(
        compute="_compute_payment_count",
        help="Customer and vendor payments of the partner (its contacts included).",
    )

    def _dossier_partner_totals(self, model, domain, aggregates):
        """Aggregate ``model`` rows of the partners and their contacts in one
        read_group: {partner: [aggregate values of its own and its contacts' rows]}
        (the totals of a contact are added to all its ancestors in self)."""
        family = self.with_context(active_test=False).search_fetch(
            [("id", "child_of", self.ids)], ["parent_id"]
        )
        groups = self.env[model]._read_group(
            expression.AND([domain, [("partner_id", "in", family.ids)]]),
            ["partner_id"],
            aggregates,
        )
        totals = {}
        for partner, *values in groups:
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

    def _compute_payment_count(self):
        totals = {}
        if self.ids and self.env["account.payment"].has_access("read"):
            totals = self._dossier_partner_totals(
                "account.payment", [("state", "!=", "canceled")], ["__count"]
            )
        for partner in self:
            partner.payment_count = sum(r[0] for r in totals.get(partner, []))

    def _contact_history_domain(self):
        since = fields.Datetime.now() - timedelta(days=CONTACT_HISTORY_DAYS)
        return [
            ("model", "=", "res.partner"),
            ("res_id", "in", self.ids),
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
            counts = dict(
                self.env["mail.message"]
                .sudo()
                ._read_group(self._contact_history_domain(), ["res_id"], ["__count"])
            )
        for partner in self:
            partner.contact_history_count = counts.get(partner.id, 0)

    def action_view_contact_history(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "crm_designer_loyalty.mail_message_contact_history_action"
        )
        action["domain"] = self._contact_history_domain()
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
