# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models, tools
from odoo.tools import SQL


class CrmCompetitorElsewhereReport(models.Model):
    """What clients buy from competitors, by product category, and whether the
    company sells that category at all (a posted customer invoice of a product
    of the category or of one of its subcategories): the categories bought
    elsewhere and not sold by us are the case for a new line."""

    _name = "crm.competitor.elsewhere.report"
    _description = "Bought Elsewhere"
    _auto = False
    _order = "month desc, categ_id"
    _rec_name = "categ_id"
    _depends = {
        "crm.competitor.deal": [
            "company_id",
            "partner_id",
            "competitor_id",
            "categ_id",
            "date",
            "amount",
        ],
        "account.move": ["move_type"],
        "account.move.line": ["product_id", "parent_state", "display_type"],
        "res.partner": ["user_id", "team_id", "commercial_partner_id"],
    }

    month = fields.Date(readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    currency_id = fields.Many2one("res.currency", readonly=True)
    categ_id = fields.Many2one(
        "product.category", string="Product Category", readonly=True
    )
    competitor_id = fields.Many2one("crm.competitor", readonly=True)
    partner_id = fields.Many2one("res.partner", string="Client", readonly=True)
    user_id = fields.Many2one("res.users", string="Salesperson", readonly=True)
    team_id = fields.Many2one("crm.team", string="Sales Team", readonly=True)
    amount = fields.Monetary(readonly=True)
    deal_count = fields.Integer(string="Deals", readonly=True)
    sold_by_us = fields.Boolean(readonly=True)

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(
            SQL(
                """
                CREATE VIEW %(table)s AS (
                    WITH sold AS (
                        SELECT DISTINCT aml.company_id, pc.parent_path
                          FROM account_move_line aml
                          JOIN account_move am
                            ON am.id = aml.move_id AND am.move_type = 'out_invoice'
                          JOIN product_product pp ON pp.id = aml.product_id
                          JOIN product_template pt ON pt.id = pp.product_tmpl_id
                          JOIN product_category pc ON pc.id = pt.categ_id
                         WHERE aml.parent_state = 'posted'
                           AND aml.display_type = 'product'
                    )
                    SELECT d.id, date_trunc('month', d.date)::date AS month,
                           d.company_id, c.currency_id, d.categ_id,
                           d.competitor_id, p.commercial_partner_id AS partner_id,
                           cp.user_id, cp.team_id, d.amount, 1 AS deal_count,
                           EXISTS (
                               SELECT 1 FROM sold s
                                WHERE s.company_id = d.company_id
                                  AND starts_with(s.parent_path, pc.parent_path)
                           ) AS sold_by_us
                      FROM crm_competitor_deal d
                      JOIN res_company c ON c.id = d.company_id
                      JOIN product_category pc ON pc.id = d.categ_id
                      JOIN res_partner p ON p.id = d.partner_id
                      JOIN res_partner cp ON cp.id = p.commercial_partner_id
                )
                """,
                table=SQL.identifier(self._table),
            )
        )
