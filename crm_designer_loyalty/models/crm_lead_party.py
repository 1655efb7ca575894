# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The organizations taking part in a deal, each with its role."""

from odoo import fields, models

PARTY_ROLES = [
    ("client", "Client"),
    ("designer", "Designer"),
    ("architect", "Architect"),
    ("contractor", "Contractor"),
    ("payer", "Payer"),
    ("end_user", "End User"),
]


class CrmLeadParty(models.Model):
    _name = "crm.lead.party"
    _description = "Deal Party"
    _order = "lead_id, sequence, id"

    lead_id = fields.Many2one(
        "crm.lead", string="Deal", required=True, ondelete="cascade", index=True
    )
    company_id = fields.Many2one(related="lead_id.company_id", store=True)
    sequence = fields.Integer(default=10)
    partner_id = fields.Many2one(
        "res.partner", string="Organization", required=True, ondelete="restrict"
    )
    role = fields.Selection(PARTY_ROLES, required=True, default="client")
    note = fields.Char()

    _sql_constraints = [
        (
            "partner_role_unique",
            "UNIQUE(lead_id, partner_id, role)",
            "An organization takes each role in a deal once.",
        )
    ]
