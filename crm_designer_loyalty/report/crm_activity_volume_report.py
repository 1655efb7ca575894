# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models
from odoo.tools import SQL

KINDS = [
    ("call", "Call"),
    ("meeting", "Meeting"),
    ("email", "Email"),
    ("other", "Other"),
]


class CrmActivityVolumeReport(models.Model):
    """The activities marked done, one row each (the message Odoo posts then):
    who did it, when, its type and kind (calls: phone call types, meetings:
    meeting types, emails: the Email type). The scorecards count their contacts
    from this view."""

    _name = "crm.activity.volume.report"
    _description = "Activity Volume"
    _inherit = "crm.sql.view.report"
    _auto = False
    _order = "date desc"
    _rec_name = "activity_type_id"
    _depends = {
        "mail.message": ["date", "author_id", "mail_activity_type_id", "model"],
        "mail.activity.type": ["category"],
        "res.users": ["partner_id"],
    }

    date = fields.Datetime(readonly=True)
    user_id = fields.Many2one("res.users", string="Salesperson", readonly=True)
    team_id = fields.Many2one("crm.team", string="Sales Team", readonly=True)
    activity_type_id = fields.Many2one("mail.activity.type", readonly=True)
    kind = fields.Selection(KINDS, readonly=True)
    res_model = fields.Char(string="Document Model", readonly=True)

    def _select(self):
        return SQL(
            """
            m.id, m.date, u.id AS user_id, u.sale_team_id AS team_id,
            m.mail_activity_type_id AS activity_type_id, m.model AS res_model,
            CASE WHEN t.category = 'phonecall' THEN 'call'
                 WHEN t.category = 'meeting' THEN 'meeting'
                 WHEN email.id IS NOT NULL THEN 'email'
                 ELSE 'other' END AS kind
            """
        )

    def _from(self):
        return SQL(
            """
            mail_message m
            JOIN res_users u ON u.partner_id = m.author_id AND NOT u.share
            JOIN mail_activity_type t ON t.id = m.mail_activity_type_id
            LEFT JOIN ir_model_data email
                   ON email.model = 'mail.activity.type' AND email.res_id = t.id
                  AND email.module = 'mail'
                  AND email.name = 'mail_activity_data_email'
            """
        )

    def _where(self):
        return SQL("m.message_type = 'notification'")
