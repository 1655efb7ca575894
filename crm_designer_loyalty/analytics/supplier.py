# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Set-based SQL of the supplier scorecard (vendors: commercial partners of
confirmed purchase orders), over the last 12 months.

:func:`scorecard_query` is the SQL of the ``crm.supplier.scorecard.report``
view, one row per vendor and company:

- purchase volume: the confirmed orders (``purchase``/``done``) approved in
  the last 12 months, their count and untaxed amount in company currency
  (``amount_untaxed / currency_rate``, as core ``purchase.report``);
- receipts: the done incoming pickings validated in the last 12 months whose
  moves come from the vendor's purchase lines (a backorder is a receipt of
  its own). A receipt's promised date is the latest scheduled date
  (``date_planned``) of the purchase lines it receives, its order date the
  approval date of their order; it is on time when it is done on or before
  its promised date (calendar days, UTC). Lead times are in days from the
  approval: promised (promised date) and actual (``date_done``), averaged
  over the receipts;
- price change: the average over the vendor's products bought on two orders
  or more of :func:`price_change_query`'s ``change_pct``.

:func:`price_change_query` is the SQL of the ``crm.supplier.price.report``
view: per vendor, company and product, the first and last purchase prices of
the last 12 months (order approval date, then line) in company currency and
per unit of the product's unit of measure, and their change in %.
"""

from odoo.tools import SQL

SINCE = SQL("(CURRENT_DATE - INTERVAL '12 months')")


def _lines(where):
    """Confirmed purchase lines of the last 12 months with their vendor
    (commercial partner) and unit price in company currency and product unit."""
    return SQL(
        """
        SELECT pol.id, po.id AS order_id, po.company_id,
               rp.commercial_partner_id AS partner_id, pol.product_id,
               po.date_approve,
               pol.price_unit / NULLIF(po.currency_rate, 0)
                   * line_uom.factor / product_uom.factor AS price
          FROM purchase_order_line pol
          JOIN purchase_order po ON po.id = pol.order_id
          JOIN res_partner rp ON rp.id = po.partner_id
          JOIN product_product pp ON pp.id = pol.product_id
          JOIN product_template pt ON pt.id = pp.product_tmpl_id
          JOIN uom_uom line_uom ON line_uom.id = pol.product_uom
          JOIN uom_uom product_uom ON product_uom.id = pt.uom_id
         WHERE po.state IN ('purchase', 'done') AND pol.display_type IS NULL
           AND po.date_approve >= %(since)s %(where)s
        """,
        since=SINCE,
        where=where or SQL(),
    )


def _price_changes(where):
    return SQL(
        """
        SELECT MIN(l.id) AS id, l.company_id, l.partner_id, l.product_id,
               COUNT(DISTINCT l.order_id) AS order_count,
               MIN(l.date_approve) AS first_date,
               MAX(l.date_approve) AS last_date,
               (array_agg(l.price ORDER BY l.date_approve, l.id))[1]
                   AS first_price,
               (array_agg(l.price ORDER BY l.date_approve DESC, l.id DESC))[1]
                   AS last_price
          FROM (%(lines)s) l
         GROUP BY l.company_id, l.partner_id, l.product_id
        """,
        lines=_lines(where),
    )


def price_change_query(where=None):
    """Per vendor, company and product (restricted by ``where``, a condition on
    the orders ``po`` starting with AND): first and last purchase prices of the
    last 12 months and their change in % (none from a zero price)."""
    return SQL(
        """
        SELECT id, company_id, partner_id, product_id, order_count,
               first_date, last_date, first_price, last_price,
               round((100 * (last_price - first_price)
                      / NULLIF(first_price, 0))::numeric, 2) AS change_pct
          FROM (%s) changes
        """,
        _price_changes(where),
    )


def scorecard_query(where=None):
    """Per vendor and company (restricted by ``where``, a condition on the
    orders ``po`` starting with AND): purchase volume, receipts, on-time %,
    promised and actual lead times, and the average price change."""
    return SQL(
        """
        WITH orders AS (
            SELECT po.company_id, rp.commercial_partner_id AS partner_id,
                   COUNT(*) AS order_count,
                   SUM(po.amount_untaxed / NULLIF(po.currency_rate, 0))
                       AS amount
              FROM purchase_order po
              JOIN res_partner rp ON rp.id = po.partner_id
             WHERE po.state IN ('purchase', 'done')
               AND po.date_approve >= %(since)s %(where)s
             GROUP BY 1, 2
        ),
        receipts AS (
            SELECT sp.id, po.company_id, rp.commercial_partner_id AS partner_id,
                   sp.date_done::date AS done,
                   MAX(pol.date_planned)::date AS promised,
                   MIN(po.date_approve)::date AS approved
              FROM stock_picking sp
              JOIN stock_picking_type spt ON spt.id = sp.picking_type_id
              JOIN stock_move sm ON sm.picking_id = sp.id
              JOIN purchase_order_line pol ON pol.id = sm.purchase_line_id
              JOIN purchase_order po ON po.id = pol.order_id
              JOIN res_partner rp ON rp.id = po.partner_id
             WHERE sp.state = 'done' AND spt.code = 'incoming'
               AND sp.date_done >= %(since)s %(where)s
             GROUP BY sp.id, 2, 3
        ),
        receipt_stats AS (
            SELECT company_id, partner_id, COUNT(*) AS receipt_count,
                   COUNT(*) FILTER (WHERE done <= promised) AS on_time_count,
                   AVG(promised - approved) AS promised_lead,
                   AVG(done - approved) AS actual_lead
              FROM receipts GROUP BY 1, 2
        ),
        prices AS (
            SELECT company_id, partner_id, COUNT(*) AS product_count,
                   AVG(100 * (last_price - first_price) / first_price)
                       AS price_change
              FROM (%(changes)s) changes
             WHERE order_count >= 2 AND first_price != 0
             GROUP BY 1, 2
        ),
        vendors AS (
            SELECT company_id, partner_id FROM orders
            UNION SELECT company_id, partner_id FROM receipt_stats
        )
        SELECT row_number() OVER (ORDER BY v.company_id, v.partner_id) AS id,
               v.company_id, v.partner_id,
               COALESCE(o.order_count, 0) AS order_count,
               COALESCE(o.amount, 0) AS purchase_amount,
               COALESCE(r.receipt_count, 0) AS receipt_count,
               COALESCE(r.on_time_count, 0) AS on_time_count,
               round((100.0 * r.on_time_count / r.receipt_count)::numeric, 2)
                   AS on_time_rate,
               round(r.promised_lead::numeric, 1) AS promised_lead_days,
               round(r.actual_lead::numeric, 1) AS actual_lead_days,
               round((r.actual_lead - r.promised_lead)::numeric, 1)
                   AS lead_gap_days,
               COALESCE(p.product_count, 0) AS price_product_count,
               round(p.price_change::numeric, 2) AS price_change_pct
          FROM vendors v
          LEFT JOIN orders o
            ON o.company_id = v.company_id AND o.partner_id = v.partner_id
          LEFT JOIN receipt_stats r
            ON r.company_id = v.company_id AND r.partner_id = v.partner_id
          LEFT JOIN prices p
            ON p.company_id = v.company_id AND p.partner_id = v.partner_id
        """,
        since=SINCE,
        where=where or SQL(),
        changes=_price_changes(where),
    )


def scorecard(cr, company_id, partner_ids):
    """``{vendor id: row}`` of :func:`scorecard_query` for the commercial
    partners ``partner_ids`` in ``company_id``; a row is (order count, purchase
    amount, receipt count, on-time %, promised lead days, actual lead days,
    average price change %)."""
    if not partner_ids:
        return {}
    cr.execute(
        SQL(
            """
            SELECT partner_id, order_count, purchase_amount, receipt_count,
                   on_time_rate, promised_lead_days, actual_lead_days,
                   price_change_pct
              FROM (%s) scorecard
            """,
            scorecard_query(
                SQL(
                    "AND po.company_id = %s AND rp.commercial_partner_id = ANY(%s)",
                    company_id,
                    list(partner_ids),
                )
            ),
        )
    )
    return {row[0]: row[1:] for row in cr.fetchall()}
