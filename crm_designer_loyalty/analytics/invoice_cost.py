# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Cost of customer invoice lines: the one definition used by every margin.

The cost of a line is the product's *current* cost (``standard_price`` of the
line's company) times the line quantity converted to the product's unit of
measure, negative on a credit note: the cost of Odoo's *Invoice Analysis*
margin (``account.invoice.report``, ``price_margin``). A line in Dozens of a
product managed in Units costs 12 x its quantity x the unit cost. A change of
the product cost also changes the cost of past invoices.

Used by the segmentation (margin basis), the client sales dynamics report and
the loyalty tier review (margin basis).
"""

from typing import NamedTuple

from odoo.tools import SQL


class LineCost(NamedTuple):
    """SQL fragments of :func:`line_cost`."""

    joins: SQL  # to add to the FROM clause, after the line and its move
    quantity: SQL  # the line's quantity in the product's unit, signed
    cost: SQL  # the line's cost in company currency, signed


def line_cost(line="aml", move="am"):
    """SQL fragments of the cost of the customer invoice and refund lines of
    ``account_move_line`` alias ``line``, whose ``account_move`` is alias
    ``move``. The joined tables have aliases prefixed with ``cost_``; a line
    without product costs 0."""
    sign = SQL(
        "CASE WHEN %s = 'out_refund' THEN -1 ELSE 1 END",
        SQL.identifier(move, "move_type"),
    )
    joins = SQL(
        """
        LEFT JOIN product_product cost_product ON cost_product.id = %(product)s
        LEFT JOIN product_template cost_template
               ON cost_template.id = cost_product.product_tmpl_id
        LEFT JOIN uom_uom cost_line_uom ON cost_line_uom.id = %(uom)s
        LEFT JOIN uom_uom cost_product_uom
               ON cost_product_uom.id = cost_template.uom_id
        """,
        product=SQL.identifier(line, "product_id"),
        uom=SQL.identifier(line, "product_uom_id"),
    )
    quantity = SQL(
        """(%(quantity)s / NULLIF(COALESCE(cost_line_uom.factor, 1)
                              / COALESCE(cost_product_uom.factor, 1), 0)
            * %(sign)s)""",
        quantity=SQL.identifier(line, "quantity"),
        sign=sign,
    )
    cost = SQL(
        """(%(quantity)s * COALESCE(
               (cost_product.standard_price ->> %(company)s::text)::numeric, 0))""",
        quantity=quantity,
        company=SQL.identifier(move, "company_id"),
    )
    return LineCost(joins, quantity, cost)
