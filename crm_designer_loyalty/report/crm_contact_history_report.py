# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models, tools
from odoo.tools import SQL

KINDS = [
    ("activity", "Done Activity"),
    ("email", "Email"),
    ("message", "Message"),
    ("note", "Note"),
]


class CrmContactHistoryReport(models.Model):
    """The contact history across clients: one row per done activity (the
    message Odoo posts when an activity is marked done), email, message or
    note on a client, its opportunities or its sales orders, attributed to
    the client (the commercial partner) and to the employee who wrote it."""

    _name = "crm.contact.history.report"
    _description = "Contact History"
    _auto = False
    _order = "date desc"
    _rec_name = "partner_id"
    _depends = {
        "mail.message": [
            "date",
            "author_id",
            "model",
            "res_id",
            "message_type",
            "subtype_id",
            "mail_activity_type_id",
            "cdl_contact_purpose",
            "cdl_contact_result",
        ],
        "res.partner": ["commercial_partner_id", "user_id", "team_id", "company_id"],
        "crm.lead": ["partner_id", "company_id"],
        "sale.order": ["partner_id", "company_id"],
        "res.users": ["partner_id"],
    }

    date = fields.Datetime(readonly=True)
    author_user_id = fields.Many2one("res.users", string="Done By", readonly=True)
    partner_id = fields.Many2one("res.partner", string="Client", readonly=True)
    user_id = fields.Many2one(
        "res.users",
        string="Salesperson",
        readonly=True,
        help="Salesperson of the client.",
    )
    team_id = fields.Many2one("crm.team", string="Sales Team", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    kind = fields.Selection(KINDS, string="Type", readonly=True)
    activity_type_id = fields.Many2one("mail.activity.type", readonly=True)
    purpose = fields.Char(readonly=True, help="Summary of the done activity.")
    result = fields.Char(
        readonly=True, help="Feedback given when the activity was marked done."
    )
    res_model = fields.Char(string="Document Model", readonly=True)
    message_id = fields.Many2one("mail.message", readonly=True)

    def _select(self):
        return SQL(
            """
            m.id, m.id AS message_id, m.date, u.id AS author_user_id,
            p.commercial_partner_id AS partner_id, cp.user_id, cp.team_id,
            COALESCE(d.company_id, cp.company_id) AS company_id,
            CASE WHEN m.mail_activity_type_id IS NOT NULL THEN 'activity'
                 WHEN m.message_type = 'email' THEN 'email'
                 WHEN st.internal THEN 'note'
                 ELSE 'message' END AS kind,
            m.mail_activity_type_id AS activity_type_id,
            m.cdl_contact_purpose AS purpose, m.cdl_contact_result AS result,
            m.model AS res_model
            """
        )

    def _from(self):
        # the client of the message's document: the partner itself, the
        # partner of an opportunity or of a sales order
        return SQL(
            """
            mail_message m
            JOIN LATERAL (
                SELECT m.res_id AS partner_id, NULL::int AS company_id
                 WHERE m.model = 'res.partner'
                UNION ALL
                SELECT l.partner_id, l.company_id FROM crm_lead l
                 WHERE m.model = 'crm.lead' AND l.id = m.res_id
                UNION ALL
                SELECT so.partner_id, so.company_id FROM sale_order so
                 WHERE m.model = 'sale.order' AND so.id = m.res_id
            ) d ON d.partner_id IS NOT NULL
            JOIN res_partner p ON p.id = d.partner_id
            JOIN res_partner cp ON cp.id = p.commercial_partner_id
            LEFT JOIN res_users u ON u.partner_id = m.author_id AND NOT u.share
            LEFT JOIN mail_message_subtype st ON st.id = m.subtype_id
            """
        )

    def _where(self):
        return SQL(
            """
            m.model IN ('res.partner', 'crm.lead', 'sale.order')
            AND (m.mail_activity_type_id IS NOT NULL
                 OR m.message_type IN ('email', 'comment'))
            """
        )

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(
            SQL(
                "CREATE OR REPLACE VIEW %s AS (SELECT %s FROM %s WHERE %s)",
                SQL.identifier(self._table),
                self._select(),
                self._from(),
                self._where(),
            )
        )
