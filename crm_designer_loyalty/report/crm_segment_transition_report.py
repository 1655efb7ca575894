# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models, tools
from odoo.tools import SQL

from ..models.res_partner_segment_snapshot import (
    ABC_CLASSES,
    CUSTOMER_STATUSES,
    XYZ_CLASSES,
)


class CrmSegmentTransitionReport(models.Model):
    """Each snapshot row next to the client's row of the previous run.

    The view is assembled in :meth:`init` from SQL parts that an extending
    module may override: :meth:`_with`, :meth:`_select`, :meth:`_from`,
    :meth:`_join`."""

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
        "crm.segmentation.run": ["company_id", "date", "state"],
    }

    date = fields.Date(readonly=True)
    previous_date = fields.Date(
        readonly=True, help="Day of the company's previous finished run."
    )
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
        help="First purchase since the previous run (on the first run: since the "
        "start of its month).",
    )
    gone_at_risk = fields.Boolean(string="Went at Risk", readonly=True)
    gone_lost = fields.Boolean(string="Got Lost", readonly=True)
    revenue = fields.Float(readonly=True)

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(
            SQL(
                "CREATE VIEW %s AS (%s %s %s %s)",
                SQL.identifier(self._table),
                self._with(),
                self._select(),
                self._from(),
                self._join(),
            )
        )

    def _with(self) -> SQL:
        """``runs``: the finished runs of each company, with the day of the
        previous one."""
        return SQL(
            """
            WITH runs AS (
                SELECT company_id, date,
                       lag(date) OVER (PARTITION BY company_id ORDER BY date)
                           AS previous_date
                  FROM crm_segmentation_run WHERE state = 'done'
            )
            """
        )

    def _select(self) -> SQL:
        """The columns of the view, from the snapshot row ``s``, its run ``r``,
        the client's row of the previous run ``prev`` and the client ``rp``."""
        return SQL(
            """
            SELECT s.id, s.date, r.previous_date, s.company_id, s.partner_id,
                   rp.user_id, rp.team_id, prev.abc_class AS abc_from, s.abc_class,
                   prev.xyz_class AS xyz_from, s.xyz_class,
                   prev.customer_status AS status_from, s.customer_status,
                   s.revenue,
                   prev.id IS NOT NULL AND prev.abc_class IS DISTINCT FROM s.abc_class
                       AS abc_changed,
                   prev.id IS NOT NULL
                       AND prev.customer_status IS DISTINCT FROM s.customer_status
                       AS status_changed,
                   s.first_invoice_date > COALESCE(
                       r.previous_date, date_trunc('month', s.date)::date - 1)
                       AS new_client,
                   prev.id IS NOT NULL AND s.customer_status = 'at_risk'
                       AND prev.customer_status IS DISTINCT FROM 'at_risk'
                       AS gone_at_risk,
                   prev.id IS NOT NULL AND s.customer_status = 'lost'
                       AND prev.customer_status IS DISTINCT FROM 'lost' AS gone_lost
            """
        )

    def _from(self) -> SQL:
        return SQL("FROM res_partner_segment_snapshot s")

    def _join(self) -> SQL:
        """Each snapshot row next to the client's row of the company's previous
        finished run: index lookups, no window over the whole history, and a
        filter on the date reaches the snapshot scan."""
        return SQL(
            """
            JOIN runs r ON r.company_id = s.company_id AND r.date = s.date
            LEFT JOIN res_partner_segment_snapshot prev
              ON prev.company_id = s.company_id AND prev.date = r.previous_date
             AND prev.partner_id = s.partner_id
            JOIN res_partner rp ON rp.id = s.partner_id
            """
        )
