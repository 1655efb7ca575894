# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Set-based SQL of marketing and the deal cycle.

Pure functions of ``(cr, ...explicit arguments)`` built with
:class:`odoo.tools.SQL`; the models flush before calling them:

- :func:`order_actuals`: what was delivered and collected on sale orders, the
  actuals of their staged schedules (``sale.order.schedule``);
- :func:`campaign_effect`: the leads, orders and revenue of a campaign's
  targeted partners and of its control group in the weeks before and after
  the send, the rows of the difference in differences
  (``utm.campaign.effect``).
"""

from odoo.tools import SQL

from .loyalty import _moveless_collected


def order_actuals(cr, order_ids):
    """{order id: (delivered, collected)}: the value delivered (the lines'
    delivered quantities at their untaxed unit price, in the order's
    currency; ``qty_delivered`` is kept by Odoo: by hand, by invoice or, with
    ``stock``, by the pickings) and what was collected on the order's posted
    invoices net of its credit notes (linked to its lines or reversing its
    invoices; in company currency): their total minus
    what is left on them, payments without journal entry included."""
    if not order_ids:
        return {}
    move = SQL.identifier("m")
    cr.execute(
        SQL(
            """
            WITH delivered AS (
                SELECT sol.order_id,
                       SUM(CASE WHEN sol.product_uom_qty = 0 THEN 0
                           ELSE sol.price_subtotal / sol.product_uom_qty
                                * sol.qty_delivered END) AS amount
                  FROM sale_order_line sol
                 WHERE sol.order_id = ANY(%(orders)s)
                   AND sol.display_type IS NULL
                 GROUP BY sol.order_id
            ), invoiced AS (
                SELECT DISTINCT sol.order_id, aml.move_id
                  FROM sale_order_line sol
                  JOIN sale_order_line_invoice_rel rel
                    ON rel.order_line_id = sol.id
                  JOIN account_move_line aml ON aml.id = rel.invoice_line_id
                 WHERE sol.order_id = ANY(%(orders)s)
            ), moves AS (
                -- the order's invoices and credit notes, and the credit notes
                -- of its invoices made without the order's lines
                SELECT order_id, move_id FROM invoiced
                 UNION
                SELECT invoiced.order_id, cn.id
                  FROM invoiced
                  JOIN account_move cn ON cn.reversed_entry_id = invoiced.move_id
            ), collected AS (
                SELECT moves.order_id,
                       SUM(m.amount_total_signed - m.amount_residual_signed
                           + %(moveless)s) AS amount
                  FROM moves
                  JOIN account_move m ON m.id = moves.move_id
                 WHERE m.state = 'posted'
                   AND m.move_type IN ('out_invoice', 'out_refund')
                 GROUP BY moves.order_id
            )
            SELECT so.id, COALESCE(d.amount, 0), COALESCE(c.amount, 0)
              FROM sale_order so
              LEFT JOIN delivered d ON d.order_id = so.id
              LEFT JOIN collected c ON c.order_id = so.id
             WHERE so.id = ANY(%(orders)s)
            """,
            orders=list(order_ids),
            moveless=_moveless_collected(move),
        )
    )
    return {
        order_id: (delivered, collected)
        for order_id, delivered, collected in cr.fetchall()
    }
