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

from odoo import SUPERUSER_ID
from odoo.tools import SQL

from .collected import moveless_collected


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
            moveless=moveless_collected(move),
        )
    )
    return {
        order_id: (delivered, collected)
        for order_id, delivered, collected in cr.fetchall()
    }


def campaign_effect(cr, mailing_ids, control_ids, company_id, weeks):
    """The rows of the difference in differences of a campaign: for the
    targeted partners (the commercial partners of the res.partner documents
    its mailings ``mailing_ids`` were sent to) and the control group (the
    commercial partners of ``control_ids``, the campaign's segment, not
    targeted), in the ``weeks`` weeks before and after the first send: the
    group's size, its leads created, its orders confirmed (``date_order``)
    and its revenue (posted customer invoices and credit notes, untaxed, in
    company currency, by invoice date) in ``company_id``.

    Returns ``(send date, [(group, period, partners, leads, orders,
    revenue)])``, four rows (target and control, before and after), or
    ``(None, [])`` when nothing was sent."""
    cr.execute(
        SQL(
            """SELECT MIN(t.sent_datetime)::date FROM mailing_trace t
                WHERE t.mass_mailing_id = ANY(%s) AND t.model = 'res.partner'
                  AND t.sent_datetime IS NOT NULL""",
            list(mailing_ids),
        )
    )
    send_date = cr.fetchone()[0]
    if not send_date:
        return None, []
    cr.execute(
        SQL(
            """
            WITH target AS (
                SELECT DISTINCT p.commercial_partner_id AS partner_id
                  FROM mailing_trace t
                  JOIN res_partner p ON p.id = t.res_id
                 WHERE t.mass_mailing_id = ANY(%(mailings)s)
                   AND t.model = 'res.partner' AND t.sent_datetime IS NOT NULL
            ), grp AS (
                SELECT partner_id, 'target' AS grp FROM target
                 UNION
                SELECT p.commercial_partner_id, 'control'
                  FROM res_partner p
                 WHERE p.id = ANY(%(control)s)
                   AND p.commercial_partner_id NOT IN (SELECT partner_id FROM target)
            ), periods AS (
                SELECT 'before' AS period,
                       %(send)s::date - %(days)s AS d0, %(send)s::date AS d1
                 UNION ALL
                SELECT 'after', %(send)s::date, %(send)s::date + %(days)s
            ), leads AS (
                SELECT g.grp, pe.period, COUNT(*) AS n
                  FROM crm_lead l
                  JOIN res_partner p ON p.id = l.partner_id
                  JOIN grp g ON g.partner_id = p.commercial_partner_id
                  JOIN periods pe
                    ON l.create_date >= pe.d0 AND l.create_date < pe.d1
                 WHERE l.company_id = %(company)s OR l.company_id IS NULL
                 GROUP BY g.grp, pe.period
            ), orders AS (
                SELECT g.grp, pe.period, COUNT(*) AS n
                  FROM sale_order so
                  JOIN res_partner p ON p.id = so.partner_id
                  JOIN grp g ON g.partner_id = p.commercial_partner_id
                  JOIN periods pe
                    ON so.date_order >= pe.d0 AND so.date_order < pe.d1
                 WHERE so.state = 'sale' AND so.company_id = %(company)s
                 GROUP BY g.grp, pe.period
            ), revenue AS (
                SELECT g.grp, pe.period, SUM(m.amount_untaxed_signed) AS amount
                  FROM account_move m
                  JOIN grp g ON g.partner_id = m.commercial_partner_id
                  JOIN periods pe
                    ON m.invoice_date >= pe.d0 AND m.invoice_date < pe.d1
                 WHERE m.state = 'posted' AND m.company_id = %(company)s
                   AND m.move_type IN ('out_invoice', 'out_refund')
                 GROUP BY g.grp, pe.period
            ), sizes AS (
                SELECT grp, COUNT(*) AS n FROM grp GROUP BY grp
            )
            SELECT s.grp, pe.period, s.n, COALESCE(l.n, 0), COALESCE(o.n, 0),
                   COALESCE(r.amount, 0)
              FROM sizes s
             CROSS JOIN periods pe
              LEFT JOIN leads l ON l.grp = s.grp AND l.period = pe.period
              LEFT JOIN orders o ON o.grp = s.grp AND o.period = pe.period
              LEFT JOIN revenue r ON r.grp = s.grp AND r.period = pe.period
             ORDER BY s.grp DESC, pe.period DESC
            """,
            mailings=list(mailing_ids),
            control=list(control_ids),
            send=send_date,
            days=weeks * 7,
            company=company_id,
        )
    )
    return send_date, cr.fetchall()


def _sold_lines(company_id, date_from, date_to, product_ids, categ_ids):
    """SQL: the product lines of the posted customer invoices and credit
    notes of ``company_id`` dated ``date_from`` to ``date_to``, of
    ``product_ids`` or of a product of ``categ_ids`` or their subcategories
    (any product when both are empty); aliases ``aml`` and ``m``."""
    products = SQL("TRUE")
    if product_ids or categ_ids:
        products = SQL(
            """(aml.product_id = ANY(%(products)s) OR EXISTS (
                SELECT 1 FROM product_product pp
                  JOIN product_template pt ON pt.id = pp.product_tmpl_id
                  JOIN product_category pc ON pc.id = pt.categ_id
                  JOIN product_category parent
                    ON starts_with(pc.parent_path, parent.parent_path)
                 WHERE pp.id = aml.product_id AND parent.id = ANY(%(categs)s)))""",
            products=list(product_ids),
            categs=list(categ_ids),
        )
    return SQL(
        """account_move_line aml
           JOIN account_move m ON m.id = aml.move_id
          WHERE m.state = 'posted' AND m.company_id = %(company)s
            AND m.move_type IN ('out_invoice', 'out_refund')
            AND aml.display_type = 'product'
            AND m.invoice_date BETWEEN %(date_from)s AND %(date_to)s
            AND %(products)s""",
        company=company_id,
        date_from=date_from,
        date_to=date_to,
        products=products,
    )


def buyers(cr, company_id, date_from, date_to, product_ids=(), categ_ids=()):
    """The clients (commercial partners) with a net purchase of the products
    or categories in the period."""
    cr.execute(
        SQL(
            """SELECT m.commercial_partner_id FROM %s
                GROUP BY m.commercial_partner_id
               HAVING SUM(-aml.balance) > 0""",
            _sold_lines(company_id, date_from, date_to, product_ids, categ_ids),
        )
    )
    return [row[0] for row in cr.fetchall()]


def sellers(cr, company_id, date_from, date_to, product_ids=(), categ_ids=()):
    """The designers whose attributed clients bought the products or
    categories in the period (net of credit notes)."""
    cr.execute(
        SQL(
            """SELECT m.designer_id FROM %s AND m.designer_id IS NOT NULL
                GROUP BY m.designer_id HAVING SUM(-aml.balance) > 0""",
            _sold_lines(company_id, date_from, date_to, product_ids, categ_ids),
        )
    )
    return [row[0] for row in cr.fetchall()]


def bought_products(cr, company_id, date_from, date_to, partner_ids):
    """The products that the clients ``partner_ids`` (commercial partners)
    bought in the period (net of credit notes)."""
    cr.execute(
        SQL(
            """SELECT aml.product_id FROM %s
                  AND m.commercial_partner_id = ANY(%s)
                  AND aml.product_id IS NOT NULL
                GROUP BY aml.product_id HAVING SUM(-aml.balance) > 0""",
            _sold_lines(company_id, date_from, date_to, (), ()),
            list(partner_ids),
        )
    )
    return [row[0] for row in cr.fetchall()]


def _order_categories(company_id):
    """The product categories of the lines of the confirmed orders of
    ``company_id``: rows (order_id, partner_id, categ_id)."""
    return SQL(
        """
        SELECT so.id AS order_id, so.partner_id, pt.categ_id
          FROM sale_order so
          JOIN sale_order_line sol ON sol.order_id = so.id
          JOIN product_product pp ON pp.id = sol.product_id
          JOIN product_template pt ON pt.id = pp.product_tmpl_id
         WHERE so.state = 'sale' AND so.company_id = %s
           AND sol.display_type IS NULL
        """,
        company_id,
    )


def refresh_cross_sell_rules(cr, company_id):
    """Replace the stored association rules of ``company_id``
    (``crm_cross_sell_rule``) by those of its confirmed orders now: for every
    pair of product categories X != Y bought in one order (a basket = the
    categories of an order's lines), support = baskets with X and Y /
    baskets, confidence = baskets with X and Y / baskets with X, lift =
    confidence / (baskets with Y / baskets). One pass over the order lines;
    returns the number of rules."""
    cr.execute(SQL("DELETE FROM crm_cross_sell_rule WHERE company_id = %s", company_id))
    cr.execute(
        SQL(
            """
            WITH baskets AS MATERIALIZED (
                SELECT DISTINCT oc.order_id, oc.categ_id
                  FROM (%(order_categories)s) oc
            ), total AS (
                SELECT COUNT(DISTINCT order_id)::float AS n FROM baskets
            ), items AS (
                SELECT categ_id, COUNT(*)::float AS n FROM baskets GROUP BY categ_id
            ), pairs AS (
                SELECT x.categ_id AS x, y.categ_id AS y, COUNT(*) AS n
                  FROM baskets x
                  JOIN baskets y
                    ON y.order_id = x.order_id AND y.categ_id <> x.categ_id
                 GROUP BY x.categ_id, y.categ_id
            )
            INSERT INTO crm_cross_sell_rule (
                company_id, antecedent_id, consequent_id, order_count,
                support, confidence, lift, create_uid, create_date,
                write_uid, write_date)
            SELECT %(company)s, pr.x, pr.y, pr.n, pr.n / total.n, pr.n / ix.n,
                   (pr.n / ix.n) / (iy.n / total.n), %(uid)s, now() at time zone 'UTC',
                   %(uid)s, now() at time zone 'UTC'
              FROM pairs pr
              JOIN items ix ON ix.categ_id = pr.x
              JOIN items iy ON iy.categ_id = pr.y
             CROSS JOIN total
            """,
            order_categories=_order_categories(company_id),
            company=company_id,
            uid=SUPERUSER_ID,
        )
    )
    return cr.rowcount


def cross_sell(cr, company_id, partner_ids, min_support):
    """ "Clients who bought what you bought also bought": for each client of
    ``partner_ids`` (commercial partners) and each category Y it never
    ordered, the best stored rule X -> Y of ``company_id``
    (:func:`refresh_cross_sell_rules`) from a category X it ordered; rules
    below ``min_support`` (a fraction) are left out. Reads only the orders of
    these clients (an index on the order's partner) and the rules.

    Returns ``[(partner id, Y, X, support, confidence, lift)]``, by partner
    and decreasing lift."""
    if not partner_ids:
        return []
    cr.execute(
        SQL(
            """
            WITH owned AS (
                SELECT DISTINCT p.commercial_partner_id AS partner_id, oc.categ_id
                  FROM (%(order_categories)s) oc
                  JOIN res_partner p ON p.id = oc.partner_id
                 WHERE p.commercial_partner_id = ANY(%(partners)s)
            ), rules AS (
                SELECT DISTINCT ON (o.partner_id, r.consequent_id)
                       o.partner_id, r.consequent_id AS y, r.antecedent_id AS x,
                       r.support, r.confidence, r.lift
                  FROM owned o
                  JOIN crm_cross_sell_rule r
                    ON r.antecedent_id = o.categ_id AND r.company_id = %(company)s
                 WHERE r.support >= %(min_support)s
                   AND NOT EXISTS (
                       SELECT 1 FROM owned o2
                        WHERE o2.partner_id = o.partner_id
                          AND o2.categ_id = r.consequent_id)
                 ORDER BY o.partner_id, r.consequent_id, r.lift DESC,
                          r.support DESC, r.antecedent_id
            )
            SELECT * FROM rules ORDER BY partner_id, lift DESC, support DESC, y
            """,
            order_categories=_order_categories(company_id),
            company=company_id,
            partners=list(partner_ids),
            min_support=min_support,
        )
    )
    return cr.fetchall()
