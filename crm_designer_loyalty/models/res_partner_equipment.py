# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError


class ResPartnerEquipment(models.Model):
    _name = "res.partner.equipment"
    _inherit = "res.partner.dossier.mixin"
    _description = "Installed Equipment"
    _order = "install_date desc, id desc"

    name = fields.Char(
        string="Description",
        compute="_compute_name",
        store=True,
        readonly=False,
        precompute=True,
        help="What is installed; filled from the product when one is chosen.",
    )
    product_id = fields.Many2one(
        "product.product",
        index="btree_not_null",
        help="Product installed at the client, if it is one of ours. Helps to "
        "offer related and replacement goods.",
    )
    serial_number = fields.Char(help="Serial or lot number of the installed item.")
    install_date = fields.Date(
        string="Installation Date", help="Date the item was installed."
    )
    location = fields.Char(help="Where the item is installed (address, room...).")
    notes = fields.Text(help="Condition, maintenance, wishes for replacement...")
    active = fields.Boolean(default=True)

    @api.depends("product_id")
    def _compute_name(self):
        for equipment in self.filtered("product_id"):
            equipment.name = equipment.product_id.display_name

    @api.constrains("name", "product_id")
    def _check_name_or_product(self):
        for equipment in self.filtered(lambda e: not (e.name or e.product_id)):
            raise ValidationError(
                self.env._(
                    "Equipment of %(partner)s: set a product or a description.",
                    partner=equipment.partner_id.display_name,
                )
            )
