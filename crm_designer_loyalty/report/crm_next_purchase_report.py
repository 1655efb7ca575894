# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models, tools
from odoo.tools import SQL

from ..analytics.client_finance import next_purchase_query


class CrmNextPurchaseReport(models.Model):
    """The expected next purchase of each client (two invoice days or more):
    grouped by month of the expected date, the revenue expected from the
    clients."""

    _name = "crm.next.purchase.report"
    _description = "Expected Next Purchases"
    _auto = False
    _order = "expected_date, partner_id"
    _rec_name = "partner_id"
    _depends = {
        "account.move": [
            "state",
            "move_type",
            "company_id",
            "commercial_partner_id",
            "invoice_date",
            "amount_untaxed_signed",
        ],
    }

    company_id = fields.Many2one("res.company", readonly=True)
    currency_id = fields.Many2one(related="company_id.currency_id")
    partner_id = fields.Many2one("res.partner", string="Client", readonly=True)
    user_id = fields.Many2one(related="partner_id.user_id", string="Salesperson")
    last_day = fields.Date(string="Last Purchase", readonly=True)
    day_count = fields.Integer(string="Purchase Days", readonly=True)
    interval = fields.Float(
        string="Average Interval (days)", digits=(16, 1), readonly=True
    )
    expected_date = fields.Date(readonly=True)
    date_low = fields.Date(string="Expected From", readonly=True)
    date_high = fields.Date(string="Expected To", readonly=True)
    expected_amount = fields.Monetary(readonly=True)

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(
            SQL(
                "CREATE OR REPLACE VIEW %s AS (%s)",
                SQL.identifier(self._table),
                next_purchase_query(),
            )
        )
