# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models

from ..analytics import client_finance

FINANCE = {
    "compute": "_compute_cdl_finance",
    "groups": "crm_designer_loyalty.group_designer_user",
}
NEXT_PURCHASE = {**FINANCE, "compute": "_compute_cdl_next_purchase"}


class ResPartner(models.Model):
    """The client's finance block and next purchase on the dossier, read in SQL
    for all the partners shown (:mod:`..analytics.client_finance`), in the
    current company."""

    _inherit = "res.partner"  # pylint: disable=consider-merging-classes-inherited

    cdl_receivable = fields.Monetary(
        string="Receivable", currency_field="cdl_currency_id", **FINANCE
    )
    cdl_overdue = fields.Monetary(
        string="Overdue",
        currency_field="cdl_currency_id",
        help="What is left to collect on the instalments due before today.",
        **FINANCE,
    )
    cdl_days_to_pay = fields.Float(
        string="Average Days to Pay",
        digits=(16, 1),
        help="Invoice instalments paid in full in the last 12 months: days from "
        "the invoice to the last payment.",
        **FINANCE,
    )
    cdl_days_overdue = fields.Float(
        string="Average Days Overdue",
        digits=(16, 1),
        help="Invoice instalments paid in full in the last 12 months: days paid "
        "after the instalment's due date (0 when on time).",
        **FINANCE,
    )
    cdl_late_trend = fields.Selection(
        [
            ("better", "Paying Late Less Often"),
            ("stable", "Stable"),
            ("worse", "Paying Late More Often"),
        ],
        string="Late Payments Trend",
        help="Share of invoice instalments paid late in the last 6 months "
        "against the 6 months before.",
        **FINANCE,
    )
    cdl_currency_id = fields.Many2one(
        "res.currency", string="Company Currency", compute="_compute_cdl_currency_id"
    )
    cdl_next_purchase_date = fields.Date(
        string="Next Purchase",
        help="Last invoice date plus the client's average interval between purchases.",
        **NEXT_PURCHASE,
    )
    cdl_next_purchase_low = fields.Date(string="Next Purchase From", **NEXT_PURCHASE)
    cdl_next_purchase_high = fields.Date(string="Next Purchase To", **NEXT_PURCHASE)
    cdl_next_purchase_amount = fields.Monetary(
        string="Expected Amount",
        currency_field="cdl_currency_id",
        help="Average net amount of the client's purchases.",
        **NEXT_PURCHASE,
    )

    def _compute_cdl_currency_id(self):
        self.cdl_currency_id = self.env.company.currency_id

    def _cdl_commercial_ids(self):
        return {
            partner.id: partner.commercial_partner_id.id or partner.id
            for partner in self
            if partner.id
        }

    def _compute_cdl_finance(self):
        commercial = self._cdl_commercial_ids()
        self.env["account.move.line"].flush_model()
        rows = client_finance.finance(
            self.env.cr,
            self.env.company.id,
            set(commercial.values()),
            fields.Date.context_today(self),
        )
        for partner in self:
            row = rows.get(commercial.get(partner.id), (0, 0, 0, 0, False))
            (
                partner.cdl_receivable,
                partner.cdl_overdue,
                partner.cdl_days_to_pay,
                partner.cdl_days_overdue,
                partner.cdl_late_trend,
            ) = row

    def _compute_cdl_next_purchase(self):
        commercial = self._cdl_commercial_ids()
        self.env["account.move"].flush_model()
        rows = client_finance.next_purchase(
            self.env.cr, self.env.company.id, set(commercial.values())
        )
        for partner in self:
            row = rows.get(commercial.get(partner.id), (False, False, False, 0))
            (
                partner.cdl_next_purchase_date,
                partner.cdl_next_purchase_low,
                partner.cdl_next_purchase_high,
                partner.cdl_next_purchase_amount,
            ) = row
