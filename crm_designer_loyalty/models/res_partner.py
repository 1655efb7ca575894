# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models


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
