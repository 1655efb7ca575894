# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Partner segmentation: the ABC, XYZ, status and RFM classes of the latest
segmentation run and the figures behind them, read from its snapshot rows."""

from odoo import api, fields, models
from odoo.osv import expression
from odoo.tools import SQL

from .res_partner_segment_snapshot import ABC_CLASSES, CUSTOMER_STATUSES, XYZ_CLASSES

# the current classes, read from the snapshot rows of the latest run
SEGMENT_CLASS_FIELDS = (
    "abc_class",
    "xyz_class",
    "customer_status",
    "rfm_score",
    "rfm_segment_id",
    "false_leader",
)

# the fields read from the current snapshot row: the figures behind the classes
# for salespeople only (and the value segment)...
SEGMENT_FIELD = {
    "compute": "_compute_segment_snapshot_id",
    "groups": "crm_designer_loyalty.group_designer_user",
}
# ... the classes for every employee, like the partner
SEGMENT_CLASS = {**SEGMENT_FIELD, "groups": "base.group_user"}


class ResPartner(models.Model):
    _inherit = "res.partner"  # pylint: disable=consider-merging-classes-inherited

    # Classes of the current company's latest finished run, read from its
    # snapshot rows (the engine writes no partner row). Searchable, and groupable
    # and sortable through _field_to_sql, like stored fields.
    abc_class = fields.Selection(
        ABC_CLASSES,
        string="ABC Class",
        search="_search_abc_class",
        help="Share of revenue (or margin) of the window: A clients make the first "
        "80 % of it, B the next 15 %, C the rest (thresholds in Settings).",
        **SEGMENT_CLASS,
    )
    xyz_class = fields.Selection(
        XYZ_CLASSES,
        string="XYZ Class",
        search="_search_xyz_class",
        help="Regularity of the monthly revenue (coefficient of variation): X "
        "steady, Y fluctuating, Z irregular, N too few months with purchases.",
        **SEGMENT_CLASS,
    )
    customer_status = fields.Selection(
        CUSTOMER_STATUSES,
        string="Client Status",
        search="_search_customer_status",
        help="Potential (no invoice yet), one-time, regular, at risk (no purchase "
        "for twice the usual interval) or lost (no purchase for a year).",
        **SEGMENT_CLASS,
    )
    rfm_score = fields.Char(
        string="RFM Score",
        search="_search_rfm_score",
        help="Recency, frequency and monetary scores, 5 is best (from the rank "
        "among the distinct values).",
        **SEGMENT_CLASS,
    )
    rfm_segment_id = fields.Many2one(
        "crm.rfm.segment",
        string="Value Segment",
        search="_search_rfm_segment_id",
        help="Value segment given by the RFM mapping table.",
        **SEGMENT_FIELD,
    )
    false_leader = fields.Boolean(
        search="_search_false_leader",
        help="Class A client whose window revenue comes mainly from one invoice "
        "and who bought nothing in the last months (thresholds in Settings).",
        **SEGMENT_CLASS,
    )
    segment_snapshot_id = fields.Many2one(
        "res.partner.segment.snapshot",
        string="Latest Segmentation",
        help="Snapshot row of the latest segmentation run of the current company: "
        "the metrics behind the classes.",
        **SEGMENT_FIELD,
    )
    segment_date = fields.Date(string="Segmented On", **SEGMENT_FIELD)
    segment_revenue = fields.Monetary(string="Window Revenue", **SEGMENT_FIELD)
    segment_share = fields.Float(string="Revenue Share (%)", **SEGMENT_FIELD)
    segment_cum_share = fields.Float(string="Cumulative Share (%)", **SEGMENT_FIELD)
    segment_cv = fields.Float(string="CV (%)", **SEGMENT_FIELD)
    segment_active_months = fields.Integer(string="Active Months", **SEGMENT_FIELD)
    segment_last_purchase_date = fields.Date(string="Last Purchase", **SEGMENT_FIELD)
    segment_explanation = fields.Text(string="Why These Classes", **SEGMENT_FIELD)

    @api.depends_context("company", "lang")
    def _compute_segment_snapshot_id(self):
        snapshots = (
            self.env["res.partner.segment.snapshot"]
            .sudo()
            .search(
                [*self._cdl_segment_snapshot_domain(), ("partner_id", "in", self.ids)]
            )
        )
        by_partner = {snap.partner_id.id: snap for snap in snapshots}
        # the classes are public to employees, like the partner; the figures
        # behind them only where the user may read the snapshot (a salesperson:
        # own clients)
        readable = snapshots.with_env(self.env)._filtered_access("read")
        for partner in self:
            snap = by_partner.get(partner.id, snapshots.browse())
            for fname in SEGMENT_CLASS_FIELDS:
                partner[fname] = snap[fname]
            if snap not in readable:
                snap = snapshots.browse()
            partner.segment_snapshot_id = snap.id
            partner.segment_date = snap.date
            partner.segment_revenue = snap.revenue
            partner.segment_share = snap.share
            partner.segment_cum_share = snap.cum_share
            partner.segment_cv = snap.cv
            partner.segment_active_months = snap.active_months
            partner.segment_last_purchase_date = snap.last_purchase_date
            partner.segment_explanation = snap.explanation

    def _search_abc_class(self, operator, value):
        return self._cdl_search_segment_class("abc_class", operator, value)

    def _search_xyz_class(self, operator, value):
        return self._cdl_search_segment_class("xyz_class", operator, value)

    def _search_customer_status(self, operator, value):
        return self._cdl_search_segment_class("customer_status", operator, value)

    def _search_rfm_score(self, operator, value):
        return self._cdl_search_segment_class("rfm_score", operator, value)

    def _search_rfm_segment_id(self, operator, value):
        return self._cdl_search_segment_class("rfm_segment_id", operator, value)

    def _search_false_leader(self, operator, value):
        return self._cdl_search_segment_class("false_leader", operator, value)

    def _field_to_sql(self, alias, fname, query=None, flush=True):
        """The current classes in SQL (group by, order by): the column of the
        current snapshot row, LEFT JOINed on the partner."""
        if fname not in SEGMENT_CLASS_FIELDS or query is None:
            return super()._field_to_sql(alias, fname, query, flush)
        self.check_field_access_rights("read", [fname])
        company = self.env.company
        snapshot = query.make_alias(alias, "segment_snapshot")
        query.add_join(
            "LEFT JOIN",
            snapshot,
            "res_partner_segment_snapshot",
            SQL(
                "%s = %s AND %s = %s AND %s = %s",
                SQL.identifier(snapshot, "partner_id"),
                SQL.identifier(alias, "id"),
                SQL.identifier(snapshot, "company_id"),
                company.id,
                SQL.identifier(snapshot, "date"),
                # no run yet: NULL, no row
                company.sudo().segment_last_date or None,
            ),
        )
        return SQL.identifier(snapshot, fname)

    def _cdl_segment_snapshot_domain(self):
        """The snapshot rows that give the partners their current classes."""
        company = self.env.company
        return [
            ("company_id", "=", company.id),
            ("date", "=", company.sudo().segment_last_date),
        ]

    def _cdl_search_segment_class(self, fname, operator, value):
        """Partners whose current snapshot row satisfies ``fname operator
        value``; a partner without a row has no class (NULL), which some
        conditions (``= False``, ``!= 'A'``) accept: those are searched as the
        partners whose row does not satisfy the opposite."""
        values = value if isinstance(value, list | tuple) else [value]
        accepts_null = (operator in expression.NEGATIVE_TERM_OPERATORS) != (
            False in values
        )
        condition = [(fname, operator, value)]
        query = (
            self.env["res.partner.segment.snapshot"]
            .sudo()
            ._search(
                [
                    *self._cdl_segment_snapshot_domain(),
                    *(["!", *condition] if accepts_null else condition),
                ]
            )
        )
        return [
            ("id", "not in" if accepts_null else "in", query.subselect("partner_id"))
        ]
