# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Partner dossier, the profile: designer profile, B2B and B2C notes, contact
persons, dossier rows. The dossier fields of res.partner are split by what they
show: the profile here, what the partner did (orders, contacts, invoices,
payments) in res_partner_dossier_history.py; res_partner_dossier.py is the
separate model res.partner.dossier that keeps the private notes."""

from odoo import api, fields, models
from odoo.exceptions import AccessError

from .res_partner_dossier import DOSSIER_NOTE_FIELDS, INCOME_BANDS

# the personal and business notes of the dossier, kept on res.partner.dossier:
# salespeople only, of their own and their team's partners
DOSSIER_NOTE = {
    "compute": "_compute_dossier_notes",
    "inverse": "_inverse_dossier_notes",
    "groups": "crm_designer_loyalty.group_designer_user",
}


class ResPartner(models.Model):
    _inherit = "res.partner"  # pylint: disable=consider-merging-classes-inherited

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
        compute="_compute_designer_since",
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
        compute="_compute_designer_program_state",
        store=True,
        readonly=False,
        tracking=True,
        help="Status of the designer in the designer program (Active when the "
        "partner is marked as a designer). Suspended and Left designers keep "
        "their tier at the monthly review.",
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

    # two computes: a value given for one of the fields at creation must not
    # keep the other one from being computed (fields of one compute method are
    # protected together)
    @api.depends("is_designer")
    def _compute_designer_program_state(self):
        for partner in self.filtered("is_designer"):
            partner.designer_program_state = partner.designer_program_state or "active"

    @api.depends("is_designer")
    def _compute_designer_since(self):
        for partner in self.filtered("is_designer"):
            partner.designer_since = (
                partner.designer_since or fields.Date.context_today(partner)
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
        writable = self._origin._cdl_dossier_writable()
        for partner in self:
            row = rows.get(partner._origin, Dossier)
            for fname in DOSSIER_NOTE_FIELDS:
                partner[fname] = row[fname]
            partner.dossier_private = bool(partner._origin) and (
                partner._origin not in writable
            )

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
        refused -= refused._cdl_dossier_writable()
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

    def write(self, vals):
        if not self.env.su and {"designer_program_state", "designer_since"} & set(vals):
            self._cdl_check_program_status()
        return super().write(vals)

    def _cdl_check_program_status(self):
        """The program status (Suspended and Left earn nothing) and the date a
        designer joined are kept by the designer's salesperson and sales team,
        the Sales Managers and the Loyalty Managers."""
        if self.env.user.has_group("crm_designer_loyalty.group_loyalty_manager"):
            return
        refused = self - self._cdl_dossier_writable()
        if refused:
            raise AccessError(
                self.env._(
                    "The program status of %(designer)s is kept by its salesperson, "
                    "their sales team and the Sales and Loyalty Managers.",
                    designer=refused[0].display_name,
                )
            )

    def _cdl_dossier_writable(self):
        """The partners whose dossier notes the user may write: the record rules
        of res.partner.dossier, evaluated on a row to be (no row is needed)."""
        Dossier = self.env["res.partner.dossier"]
        if not Dossier.has_access("write"):
            return self.browse()
        domain = self.env["ir.rule"]._compute_domain(Dossier._name, "write")
        if not domain:
            return self
        probes = Dossier.sudo().concat(
            *(Dossier.sudo().new({"partner_id": partner.id}) for partner in self)
        )
        return probes.filtered_domain(domain).partner_id.with_env(self.env)
