# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models

INCOME_BANDS = [
    ("low", "Low"),
    ("middle", "Middle"),
    ("upper_middle", "Upper Middle"),
    ("high", "High"),
    ("premium", "Premium"),
]

# the notes shown on the partner (same field names on both models)
DOSSIER_NOTE_FIELDS = (
    "b2b_client_base",
    "business_goals",
    "business_kpis",
    "income_band",
    "family_composition",
    "life_events",
    "character_notes",
    "preference_notes",
)


class ResPartnerDossier(models.Model):
    """The private notes of a partner's dossier, one row per partner.

    They live apart from res.partner, which every employee reads, so that the
    record rules of the dossier (the partner's salesperson and sales team, the
    sales managers) apply to them as to the dates, equipment and documents. The
    partner form reads and writes them through the fields of the same names on
    res.partner."""

    _name = "res.partner.dossier"
    _inherit = "res.partner.dossier.mixin"
    _description = "Partner Dossier Notes"
    _rec_name = "partner_id"

    b2b_client_base = fields.Text(string="Their Clients")
    business_goals = fields.Text(string="Goals and Strategy")
    business_kpis = fields.Text(string="Their KPIs")
    income_band = fields.Selection(INCOME_BANDS)
    family_composition = fields.Text()
    life_events = fields.Text(string="Important Life Events")
    character_notes = fields.Text(string="Character")
    preference_notes = fields.Text(string="Preferences")

    _sql_constraints = [
        (
            "partner_uniq",
            "UNIQUE(partner_id)",
            "A partner has one dossier: edit its notes on the partner.",
        )
    ]
