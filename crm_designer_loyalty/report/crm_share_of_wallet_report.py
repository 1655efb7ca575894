# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models, tools
from odoo.tools import SQL

from ..analytics.registers import share_expression, wallet_query


class CrmShareOfWalletReport(models.Model):
    """Per client and month: our sales, the client's deals with competitors,
    total needs and our share of wallet (:func:`.analytics.registers.wallet_query`).
    Grouped rows show the share of the sums, not the average of the shares."""

    _name = "crm.share.of.wallet.report"
    _description = "Share of Wallet"
    _auto = False
    _order = "month desc, partner_id"
    _rec_name = "partner_id"
    _depends = {
        "account.move": ["state", "move_type", "company_id", "invoice_date"],
        "account.move.line": ["move_id", "balance", "display_type"],
        "crm.competitor.deal": ["company_id", "partner_id", "date", "amount"],
        "res.partner": ["user_id", "team_id", "commercial_partner_id"],
    }

    month = fields.Date(readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    currency_id = fields.Many2one("res.currency", readonly=True)
    partner_id = fields.Many2one("res.partner", string="Client", readonly=True)
    user_id = fields.Many2one("res.users", string="Salesperson", readonly=True)
    team_id = fields.Many2one("crm.team", string="Sales Team", readonly=True)
    our_sales = fields.Monetary(readonly=True, help="Net revenue, company currency.")
    competitor_amount = fields.Monetary(string="Bought from Competitors", readonly=True)
    total_needs = fields.Monetary(
        readonly=True, help="Our sales (zero if negative) plus competitor deals."
    )
    share = fields.Float(
        string="Share of Wallet (%)",
        readonly=True,
        aggregator="avg",
        digits=(16, 1),
        help="Our sales / total needs; for grouped rows, of the sums.",
    )

    def _read_group_select(self, aggregate_spec, query):
        if aggregate_spec != "share:avg":
            return super()._read_group_select(aggregate_spec, query)
        return share_expression(
            SQL("SUM(%s)", self._field_to_sql(self._table, "our_sales", query)),
            SQL("SUM(%s)", self._field_to_sql(self._table, "competitor_amount", query)),
        )

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(
            SQL(
                """
                CREATE VIEW %(table)s AS (
                    SELECT row_number() OVER (
                               ORDER BY w.company_id, w.partner_id, w.month) AS id,
                           w.month, w.company_id, c.currency_id, w.partner_id,
                           p.user_id, p.team_id, w.our_sales, w.competitor_amount,
                           GREATEST(w.our_sales, 0) + w.competitor_amount
                               AS total_needs,
                           %(share)s AS share
                      FROM (%(wallet)s) w
                      JOIN res_company c ON c.id = w.company_id
                      JOIN res_partner p ON p.id = w.partner_id
                )
                """,
                table=SQL.identifier(self._table),
                share=share_expression(SQL("w.our_sales"), SQL("w.competitor_amount")),
                wallet=wallet_query(),
            )
        )
