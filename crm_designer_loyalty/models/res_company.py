# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class ResCompany(models.Model):
    _inherit = "res.company"

    significant_date_reminder_days = fields.Integer(
        string="Significant Date Reminder (Days)",
        default=7,
        help="How many days before a client's significant date (birthday, "
        "anniversary...) a to-do is scheduled for the salesperson.",
    )

    # --- Designer loyalty program -------------------------------------------
    loyalty_threshold_basis = fields.Selection(
        [("net", "Net Sales"), ("margin", "Margin")],
        string="Tier Threshold Basis",
        default="net",
        required=True,
        help="Measure of the rolling 12-month referred sales compared with the "
        "tier thresholds. Margin deducts the product cost.",
    )
    loyalty_min_payout = fields.Monetary(
        string="Minimum Payout",
        help="Statements with a smaller total are not paid out: their total is "
        "carried over to the next statement.",
    )
    loyalty_points_expiry_months = fields.Integer(
        string="Points Expiry (Months)",
        help="Points expire after this many months without points activity. "
        "0: points never expire.",
    )
    loyalty_payout_journal_id = fields.Many2one(
        "account.journal",
        string="Payout Journal",
        domain="[('type', '=', 'purchase'), ('company_id', '=', id)]",
        help="Purchase journal of the payout vendor bills (default: the first "
        "purchase journal).",
    )
    loyalty_payout_product_id = fields.Many2one(
        "product.product",
        string="Payout Product",
        help="Product of the payout vendor bill line (its expense account is used).",
    )
    loyalty_pricelist_mapping = fields.Boolean(
        string="Sales Conditions by Rank",
        default=True,
        help="Apply the designer tier pricelist to the designer's own new "
        "quotations and the client ABC class pricelist to new quotations.",
    )
