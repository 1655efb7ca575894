# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The staged schedule of a sale order: planned shipments and payments, with
their actuals (delivered value, collected amount: analytics/marketing.py) and
the overdue stages flagged."""

from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools import float_compare

from ..analytics import marketing

STAGE_KINDS = [("shipment", "Shipment"), ("payment", "Payment")]


class SaleOrderSchedule(models.Model):
    _name = "sale.order.schedule"
    _inherit = ["crm.designer.input.mixin"]
    _description = "Sale Order Schedule Stage"
    _order = "order_id, kind, date_planned, id"

    order_id = fields.Many2one(
        "sale.order", required=True, ondelete="cascade", index=True
    )
    company_id = fields.Many2one(related="order_id.company_id", store=True)
    currency_id = fields.Many2one(related="order_id.currency_id")
    user_id = fields.Many2one(related="order_id.user_id", string="Salesperson")
    partner_id = fields.Many2one(related="order_id.partner_id", string="Customer")
    kind = fields.Selection(STAGE_KINDS, required=True, default="payment")
    name = fields.Char(string="Stage")
    date_planned = fields.Date(string="Planned Date", required=True)
    amount_planned = fields.Monetary(string="Planned Amount", required=True)
    amount_actual = fields.Monetary(
        string="Actual Amount",
        compute="_compute_actual",
        help="Shipments: the value delivered; payments: the amount collected "
        "on the order's invoices, net of credit notes. The actuals fill the "
        "stages in the order of their planned dates.",
    )
    is_done = fields.Boolean(string="Done", compute="_compute_actual")
    is_overdue = fields.Boolean(
        string="Overdue",
        compute="_compute_actual",
        search="_search_is_overdue",
        help="Planned date passed and the stage not done.",
    )

    @api.depends("order_id", "kind", "date_planned", "amount_planned")
    @api.depends_context("cdl_today")
    def _compute_actual(self):
        """The actuals of each kind fill the order's stages of that kind in the
        order of their planned dates: a stage is done when what it planned is
        covered."""
        today = self.env.context.get("cdl_today") or fields.Date.context_today(self)
        self.update({"amount_actual": 0.0, "is_done": False, "is_overdue": False})
        saved = self.filtered("id")  # unsaved stages of a form have no actuals
        for model in (
            "sale.order.line",
            "account.move.line",
            "account.move",
            "account.payment",
        ):
            self.env[model].flush_model()
        actuals = marketing.order_actuals(self.env.cr, saved.order_id.ids)
        for order in saved.order_id:
            delivered, collected = actuals[order.id]
            for kind, actual in (("shipment", delivered), ("payment", collected)):
                stages = order.cdl_schedule_ids.filtered(
                    lambda s, kind=kind: s.kind == kind
                ).sorted(lambda s: (s.date_planned, s.id))
                for stage in stages:
                    filled = max(min(actual, stage.amount_planned), 0.0)
                    actual -= filled
                    if stage not in self:
                        continue
                    stage.amount_actual = filled
                    stage.is_done = (
                        float_compare(
                            filled,
                            stage.amount_planned,
                            precision_rounding=order.currency_id.rounding,
                        )
                        >= 0
                    )
                    stage.is_overdue = (
                        not stage.is_done
                        and order.state != "cancel"
                        and stage.date_planned < today
                    )

    def _search_is_overdue(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise ValidationError(self.env._("Unsupported search on Overdue."))
        today = self.env.context.get("cdl_today") or fields.Date.context_today(self)
        late = self.search(
            [("date_planned", "<", today), ("order_id.state", "!=", "cancel")]
        ).filtered("is_overdue")
        return [("id", "in" if (operator == "=") == value else "not in", late.ids)]

    @api.constrains("amount_planned")
    def _check_amount_planned(self):
        for stage in self:
            if stage.amount_planned <= 0:
                raise ValidationError(
                    self.env._(
                        "Order %(order)s, stage %(stage)s: the planned amount "
                        "must be positive, not %(amount)s.",
                        order=stage.order_id.name,
                        stage=stage.name or stage.date_planned,
                        amount=stage.amount_planned,
                    )
                )


class SaleOrder(models.Model):
    _inherit = "sale.order"  # pylint: disable=consider-merging-classes-inherited

    cdl_schedule_ids = fields.One2many(
        "sale.order.schedule", "order_id", string="Schedule"
    )
    cdl_schedule_overdue = fields.Boolean(
        string="Overdue Stage",
        compute="_compute_cdl_schedule_overdue",
        search="_search_cdl_schedule_overdue",
    )

    @api.depends("cdl_schedule_ids.is_overdue")
    def _compute_cdl_schedule_overdue(self):
        for order in self:
            order.cdl_schedule_overdue = any(
                order.cdl_schedule_ids.mapped("is_overdue")
            )

    def _search_cdl_schedule_overdue(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise ValidationError(self.env._("Unsupported search on Overdue Stage."))
        positive = (operator == "=") == value
        return [
            (
                "cdl_schedule_ids",
                "any" if positive else "not any",
                [("is_overdue", "=", True)],
            )
        ]
