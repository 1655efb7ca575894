# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class ResPartnerDocument(models.Model):
    _name = "res.partner.document"
    _inherit = "res.partner.dossier.mixin"
    _description = "Partner Document"
    _order = "date desc, id desc"

    name = fields.Char(
        string="Title", required=True, help="Short title of the document."
    )
    type_id = fields.Many2one(
        "res.partner.document.type",
        ondelete="restrict",
        index="btree_not_null",
        help="Kind of document: contract, offer, photo, press release...",
    )
    number = fields.Char(
        string="Document Number", help="Number of the document (contract number...)."
    )
    date = fields.Date(default=fields.Date.context_today, help="Date of the document.")
    attachment = fields.Binary(
        attachment=True, help="The file itself (stored as an attachment)."
    )
    attachment_name = fields.Char(string="File Name")
    notes = fields.Text()
    active = fields.Boolean(default=True)
