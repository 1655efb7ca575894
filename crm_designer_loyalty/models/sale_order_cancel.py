# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Cancel reasons: a confirmed sale order is cancelled with a reason (the
cancel wizard asks for it); failures are analysed in
report/crm_failure_report.py."""

from odoo import fields, models
from odoo.exceptions import UserError


class SaleOrder(models.Model):
    _inherit = "sale.order"  # pylint: disable=consider-merging-classes-inherited

    cdl_cancel_reason_id = fields.Many2one(
        "sale.order.cancel.reason",
        string="Cancel Reason",
        tracking=True,
        index="btree_not_null",
        ondelete="restrict",
        help="Why the order was cancelled: required to cancel a confirmed order.",
    )

    def write(self, vals):
        if vals.get("state") == "cancel":
            reason = self.env["sale.order.cancel.reason"].browse(
                vals.get("cdl_cancel_reason_id")
            )
            given = "cdl_cancel_reason_id" in vals
            missing = self.filtered(
                lambda o: (
                    o.state == "sale"
                    and not (reason if given else o.cdl_cancel_reason_id)
                )
            )
            if missing:
                raise UserError(
                    self.env._(
                        "Order %(order)s is confirmed: give a cancel reason to "
                        "cancel it.",
                        order=missing[0].name,
                    )
                )
        elif vals.get("state") == "draft" and "cdl_cancel_reason_id" not in vals:
            # set back to quotation: the reason of the former cancel goes
            vals = {**vals, "cdl_cancel_reason_id": False}
        return super().write(vals)


class SaleOrderCancel(models.TransientModel):
    _inherit = "sale.order.cancel"

    cdl_reason_required = fields.Boolean(
        string="Reason Required", compute="_compute_cdl_reason_required"
    )
    cdl_cancel_reason_id = fields.Many2one(
        "sale.order.cancel.reason", string="Cancel Reason"
    )

    def _compute_cdl_reason_required(self):
        for wizard in self:
            wizard.cdl_reason_required = wizard.order_id.state == "sale"

    def action_cancel(self):
        if self.cdl_cancel_reason_id:
            self.order_id.cdl_cancel_reason_id = self.cdl_cancel_reason_id
        return super().action_cancel()
