# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import ValidationError

DEMANDS = [
    ("repair", "Repair or Replacement"),
    ("discount", "Price Reduction"),
    ("compensation", "Compensation"),
    ("refund", "Refund"),
]


class CrmClaimStage(models.Model):
    _inherit = "crm.claim.stage"

    is_closed = fields.Boolean(
        string="Closing Stage",
        help="A complaint that reaches this stage is closed: its closing date is "
        "set and its resolution time counted.",
    )

    @api.model
    def _cdl_set_closing_stages(self, stage_ids):
        """Data file helper: flag OCA's final stages as closing ones."""
        self.browse(stage_ids).exists().is_closed = True


class CrmClaim(models.Model):
    """Complaints (рекламации) on OCA's claims: what the client demands, the
    amounts, the product and documents concerned, the deadline from the type,
    and the resolution time."""

    _name = "crm.claim"
    _inherit = [
        "crm.designer.input.mixin",
        "crm.claim",
        "crm.register.client.mixin",
    ]

    type_id = fields.Many2one(
        "crm.claim.type", string="Complaint Type", index=True, tracking=True
    )
    direction_id = fields.Many2one(
        "product.category",
        compute="_compute_direction_id",
        store=True,
        readonly=False,
        index=True,
        help="Product category or business line of the complaint; by default "
        "the category of the product.",
    )
    demand = fields.Selection(DEMANDS, string="Client's Demand", tracking=True)
    currency_id = fields.Many2one(related="company_id.currency_id")
    amount_claimed = fields.Monetary(tracking=True)
    amount_granted = fields.Monetary(tracking=True)
    product_id = fields.Many2one("product.product", index=True)
    sale_order_id = fields.Many2one(
        "sale.order",
        string="Sales Order",
        index="btree_not_null",
        domain="[('partner_id', 'child_of', commercial_partner_id)]",
    )
    invoice_id = fields.Many2one(
        "account.move",
        index="btree_not_null",
        domain="[('move_type', 'in', ('out_invoice', 'out_refund')),"
        " ('commercial_partner_id', '=', commercial_partner_id)]",
    )
    commercial_partner_id = fields.Many2one(related="partner_id.commercial_partner_id")
    partner_user_id = fields.Many2one(
        "res.users",
        string="Account Manager",
        related="partner_id.commercial_partner_id.user_id",
        store=True,
        help="Salesperson of the client.",
    )
    date_deadline = fields.Date(
        compute="_compute_date_deadline", store=True, readonly=False
    )
    resolution_days = fields.Float(
        string="Resolution Time (days)",
        compute="_compute_resolution_days",
        store=True,
        aggregator="avg",
        digits=(16, 1),
        help="Days from the complaint date to its closing.",
    )
    is_closed = fields.Boolean(related="stage_id.is_closed")

    @api.depends("product_id")
    def _compute_direction_id(self):
        for claim in self.filtered("product_id"):
            claim.direction_id = claim.product_id.categ_id

    @api.depends("type_id", "date")
    def _compute_date_deadline(self):
        for claim in self.filtered(lambda c: c.type_id and c.date):
            claim.date_deadline = claim.date.date() + timedelta(
                days=claim.type_id.response_days
            )

    @api.depends("date", "date_closed")
    def _compute_resolution_days(self):
        for claim in self:
            if claim.date and claim.date_closed:
                seconds = (claim.date_closed - claim.date).total_seconds()
                claim.resolution_days = max(seconds, 0) / 86400
            else:
                claim.resolution_days = 0

    @api.constrains("amount_claimed", "amount_granted")
    def _check_amounts(self):
        for claim in self:
            if claim.amount_claimed < 0 or claim.amount_granted < 0:
                raise ValidationError(
                    self.env._(
                        'Complaint "%(claim)s": the amounts claimed and granted '
                        "cannot be negative.",
                        claim=claim.display_name,
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        claims = super().create(vals_list)
        claims._cdl_set_closed()
        for claim in claims.filtered("user_id"):
            claim.activity_schedule(
                "mail.mail_activity_data_todo",
                date_deadline=claim.date_deadline or fields.Date.context_today(claim),
                summary=self.env._("Answer the complaint"),
                user_id=claim.user_id.id,
            )
        return claims

    def write(self, vals):
        res = super().write(vals)
        if "stage_id" in vals:
            self._cdl_set_closed()
        return res

    def _cdl_set_closed(self):
        """Closing date when a complaint reaches a closing stage, none when it
        leaves it."""
        for claim in self:
            if claim.stage_id.is_closed and not claim.date_closed:
                claim.date_closed = fields.Datetime.now()
            elif not claim.stage_id.is_closed and claim.date_closed:
                claim.date_closed = False
