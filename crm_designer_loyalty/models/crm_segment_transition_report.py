# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models, tools
from odoo.tools import SQL

from .res_partner_segment_snapshot import ABC_CLASSES, CUSTOMER_STATUSES, XYZ_CLASSES


class CrmSegmentTransitionReport(models.Model):
    """Each snapshot row next to the previous snapshot of the same client."""

    _name = "crm.segment.transition.report"
    _description = "Segment Transitions"
    _auto = False
    _order = "date desc, partner_id"
    _rec_name = "partner_id"
    _depends = {
        "res.partner.segment.snapshot": [
            "date",
            "company_id",
            "partner_id",
            "abc_class",
            "xyz_class",
            "customer_status",
            "first_invoice_date",
            "revenue",
        ],
        "res.partner": ["user_id", "team_id"],
    }

    date = fields.Date(readonly=True)
    previous_date = fields.Date(readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    partner_id = fields.Many2one("res.partner", string="Client", readonly=True)
    user_id = fields.Many2one("res.users", string="Salesperson", readonly=True)
    team_id = fields.Many2one("crm.team", string="Sales Team", readonly=True)
    abc_from = fields.Selection(ABC_CLASSES, string="ABC Before", readonly=True)
    abc_class = fields.Selection(ABC_CLASSES, string="ABC", readonly=True)
    xyz_from = fields.Selection(XYZ_CLASSES, string="XYZ Before", readonly=True)
    xyz_class = fields.Selection(XYZ_CLASSES, string="XYZ", readonly=True)
    status_from = fields.Selection(
        CUSTOMER_STATUSES, string="Status Before", readonly=True
    )
    customer_status = fields.Selection(
        CUSTOMER_STATUSES, string="Client Status", readonly=True
    )
    abc_changed = fields.Boolean(readonly=True)
    status_changed = fields.Boolean(readonly=True)
    new_client = fields.Boolean(
        readonly=True,
        help="First purchase since the previous snapshot (on a client's first "
        "snapshot: since the start of its month).",
    )
    gone_at_risk = fields.Boolean(string="Went at Risk", readonly=True)
    gone_lost = fields.Boolean(string="Got Lost", readonly=True)
    revenue = fields.Float(readonly=True)

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(
            SQL(
                """
CREATE VIEW %s AS (
    SELECT t.id, t.date, t.previous_date, t.company_id, t.partner_id,
           p.user_id, p.team_id, t.abc_from, t.abc_class, t.xyz_from, t.xyz_class,
           t.status_from, t.customer_status, t.revenue,
           t.previous_date IS NOT NULL
               AND t.abc_from IS DISTINCT FROM t.abc_class AS abc_changed,
           t.previous_date IS NOT NULL
               AND t.status_from IS DISTINCT FROM t.customer_status
               AS status_changed,
           t.first_invoice_date > COALESCE(
               t.previous_date, date_trunc('month', t.date)::date - 1)
               AS new_client,
           t.previous_date IS NOT NULL AND t.customer_status = 'at_risk'
               AND t.status_from IS DISTINCT FROM 'at_risk' AS gone_at_risk,
           t.previous_date IS NOT NULL AND t.customer_status = 'lost'
               AND t.status_from IS DISTINCT FROM 'lost' AS gone_lost
      FROM (
        SELECT s.id, s.date, s.company_id, s.partner_id, s.abc_class,
               s.xyz_class, s.customer_status, s.first_invoice_date, s.revenue,
               lag(s.date) OVER w AS previous_date,
               lag(s.abc_class) OVER w AS abc_from,
               lag(s.xyz_class) OVER w AS xyz_from,
               lag(s.customer_status) OVER w AS status_from
          FROM res_partner_segment_snapshot s
        WINDOW w AS (PARTITION BY s.company_id, s.partner_id ORDER BY s.date)
      ) t
      JOIN res_partner p ON p.id = t.partner_id
)
                """,
                SQL.identifier(self._table),
            )
        )
