# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models

from ..analytics import supplier

SCORECARD = {
    "compute": "_compute_cdl_supplier_scorecard",
    "groups": "crm_designer_loyalty.group_designer_user,purchase.group_purchase_user",
}


class ResPartner(models.Model):
    """The supplier scorecard on the vendor's dossier, read in SQL for all the
    partners shown (:mod:`..analytics.supplier`), in the current company."""

    _inherit = "res.partner"  # pylint: disable=consider-merging-classes-inherited

    cdl_supplier_order_count = fields.Integer(
        string="Purchase Orders (12 months)", **SCORECARD
    )
    cdl_supplier_amount = fields.Monetary(
        string="Purchased (12 months)", currency_field="cdl_currency_id", **SCORECARD
    )
    cdl_supplier_receipt_count = fields.Integer(
        string="Receipts (12 months)", **SCORECARD
    )
    cdl_supplier_on_time_rate = fields.Float(
        string="Receipts on Time %", digits=(16, 2), **SCORECARD
    )
    cdl_supplier_promised_lead = fields.Float(
        string="Promised Lead Time (days)", digits=(16, 1), **SCORECARD
    )
    cdl_supplier_actual_lead = fields.Float(
        string="Actual Lead Time (days)", digits=(16, 1), **SCORECARD
    )
    cdl_supplier_price_change = fields.Float(
        string="Average Price Change %",
        digits=(16, 2),
        help="Average change of the purchase price of the vendor's products "
        "bought on two orders or more in the last 12 months, first to last.",
        **SCORECARD,
    )

    def _compute_cdl_supplier_scorecard(self):
        commercial = self._cdl_commercial_ids()
        for model in ("purchase.order", "purchase.order.line", "stock.picking"):
            self.env[model].flush_model()
        self.env["stock.move"].flush_model(["picking_id", "purchase_line_id"])
        rows = supplier.scorecard(
            self.env.cr, self.env.company.id, set(commercial.values())
        )
        for partner in self:
            (
                partner.cdl_supplier_order_count,
                partner.cdl_supplier_amount,
                partner.cdl_supplier_receipt_count,
                partner.cdl_supplier_on_time_rate,
                partner.cdl_supplier_promised_lead,
                partner.cdl_supplier_actual_lead,
                partner.cdl_supplier_price_change,
            ) = rows.get(commercial.get(partner.id), (0, 0, 0, 0, 0, 0, 0))

    def action_cdl_supplier_scorecard(self):
        """The vendor's scorecard and the price changes of their products."""
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "crm_designer_loyalty.crm_supplier_price_report_action"
        )
        action["domain"] = [("partner_id", "=", self.commercial_partner_id.id)]
        return action
