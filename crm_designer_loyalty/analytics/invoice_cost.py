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

# the fields the line cost reads, by model
COST_FIELDS = {
    "account.move": ["move_type", "company_id"],
    "account.move.line": ["quantity", "product_id", "product_uom_id"],
    "product.product": ["standard_price", "product_tmpl_id"],
    "product.template": ["uom_id"],
    "uom.uom": ["factor", "category_id"],
}


def cost_depends(depends):
    """The ``_depends`` of an SQL view that reads the line cost: ``depends``
    (the view's own fields, by model) and :data:`COST_FIELDS`."""
    merged = {model: list(names) for model, names in depends.items()}
    for model, names in COST_FIELDS.items():
        merged.setdefault(model, [])
        merged[model] += [name for name in names if name not in merged[model]]
    return merged


class LineCost(NamedTuple):
    """SQL fragments of :func:`line_cost`."""

    joins: SQL  # to add to the FROM clause, after the line and its move
    quantity: SQL  # the line's quantity in the product's unit, signed
    cost: SQL  # the line's cost in company currency, signed
    # the same as double precision, for large sums rounded at the end
    cost_float: SQL


def line_cost(line="aml", move="am"):
    """SQL fragments of the cost of the customer invoice and refund lines of
    ``account_move_line`` alias ``line``, whose ``account_move`` is alias
    ``move``. The joined relation has the alias ``cost_unit``; a line without
    product costs 0.

    ``cost_unit`` holds, per product, unit of measure of its category (0 for a
    line without unit, counted as the reference unit) and company, the ratio
    of that unit to the product's and the cost of one such unit: a few rows
    per product, so the lines make one hash join on it (instead of four joins
    and a JSON read per line, which made the margin cost a third of the
    segmentation's line scan). No LATERAL subquery: it would keep PostgreSQL
    from scanning the lines in parallel."""
    sign = SQL(
        "CASE WHEN %s = 'out_refund' THEN -1 ELSE 1 END",
        SQL.identifier(move, "move_type"),
    )
    joins = SQL(
        """
        LEFT JOIN (
          SELECT *, cost::float8 AS cost_float FROM (
            SELECT product.id AS product_id, units.uom_id, company.id AS company_id,
                   units.ratio,
                   units.ratio * COALESCE(
                       (product.standard_price ->> company.id::text)::numeric, 0)
                       AS cost
              FROM product_product product
              JOIN product_template template ON template.id = product.product_tmpl_id
              JOIN (SELECT product_uom.id AS product_uom_id, line_uom.id AS uom_id,
                           product_uom.factor / NULLIF(line_uom.factor, 0) AS ratio
                      FROM uom_uom product_uom
                      JOIN uom_uom line_uom
                        ON line_uom.category_id = product_uom.category_id
                    UNION ALL
                    SELECT id, 0, factor FROM uom_uom) units
                ON units.product_uom_id = template.uom_id
             CROSS JOIN res_company company
          ) unit_cost
        ) cost_unit
          ON cost_unit.product_id = %(product)s
         AND cost_unit.uom_id = COALESCE(%(uom)s, 0)
         AND cost_unit.company_id = %(company)s
        """,
        product=SQL.identifier(line, "product_id"),
        uom=SQL.identifier(line, "product_uom_id"),
        company=SQL.identifier(move, "company_id"),
    )
    quantity = SQL(
        "(%(quantity)s * COALESCE(cost_unit.ratio, 1) * %(sign)s)",
        quantity=SQL.identifier(line, "quantity"),
        sign=sign,
    )

    def cost(quantity, unit_cost):
        # one product per line: the unit cost signed, not the quantity
        return SQL(
            "(%(quantity)s * COALESCE(CASE WHEN %(move_type)s = 'out_refund'"
            " THEN -%(unit_cost)s ELSE %(unit_cost)s END, 0))",
            quantity=quantity,
            unit_cost=unit_cost,
            move_type=SQL.identifier(move, "move_type"),
        )

    line_quantity = SQL.identifier(line, "quantity")
    return LineCost(
        joins,
        quantity,
        cost(line_quantity, SQL("cost_unit.cost")),
        cost(SQL("%s::float8", line_quantity), SQL("cost_unit.cost_float")),
    )
