# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class ResCompany(models.Model):
    _inherit = "res.company"

    significant_date_reminder_days = fields.Integer(
        string="Significant Date Reminder (Days)",
        default=7,
        help="How many days before a client's significant date (birthday, "
        "anniversary...) a to-do is scheduled for the salesperson.",
    )
