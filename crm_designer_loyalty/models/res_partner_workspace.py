# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The daily workspace on partners: the buttons of the designer's loyalty
block (referred clients, referred sales by month, statements), the class
timeline of a client, the Clients and Designers menus opening on "My"."""

from odoo import api, fields, models
from odoo.osv import expression
from odoo.tools.safe_eval import safe_eval

# "near the next tier": at least this share of the next tier's threshold
NEAR_NEXT_TIER = 0.8


class ResPartner(models.Model):
    _inherit = "res.partner"  # pylint: disable=consider-merging-classes-inherited

    segment_history_ids = fields.Many2many(
        "res.partner.segment.snapshot",
        string="Class Timeline",
        compute="_compute_segment_history_ids",
        groups="crm_designer_loyalty.group_designer_user",
        help="The client's classes at each segmentation run of the current "
        "company, latest first.",
    )

    loyalty_near_next_tier = fields.Boolean(
        string="Near the Next Tier",
        compute="_compute_loyalty_near_next_tier",
        search="_search_loyalty_near_next_tier",
        groups="crm_designer_loyalty.group_designer_user",
        help="Rolling 12-month sales of at least 80 % of the next tier's "
        "threshold (current company).",
    )

    @api.depends_context("company")
    @api.depends("loyalty_progress", "loyalty_next_tier_id")
    def _compute_loyalty_near_next_tier(self):
        for partner in self:
            partner.loyalty_near_next_tier = bool(
                partner.loyalty_next_tier_id
                and partner.loyalty_progress >= NEAR_NEXT_TIER * 100
            )

    def _search_loyalty_near_next_tier(self, operator, value):
        """A domain on the rolling sales: between 80 % of a tier's threshold
        and that threshold, for each tier of the company but the lowest."""
        if operator not in ("=", "!=") or not isinstance(value, bool):
            return NotImplemented
        tiers = self.env["designer.loyalty.tier"].search(
            [("company_id", "=", self.env.company.id)], order="threshold"
        )
        domain = expression.OR(
            [
                [
                    ("is_designer", "=", True),
                    ("loyalty_rolling_sales", ">=", NEAR_NEXT_TIER * tier.threshold),
                    ("loyalty_rolling_sales", "<", tier.threshold),
                ]
                for tier in tiers
                if tier.threshold > 0
            ]
            or [expression.FALSE_DOMAIN]
        )
        return domain if (operator == "=") == value else ["!", *domain]

    @api.depends_context("company", "uid")
    def _compute_segment_history_ids(self):
        """The snapshots the user may read (a salesperson: own clients)."""
        snapshots = self.env["res.partner.segment.snapshot"].search(
            [
                ("partner_id", "in", self.ids),
                ("company_id", "=", self.env.company.id),
            ],
            order="date desc",
        )
        for partner in self:
            partner.segment_history_ids = snapshots.filtered(
                lambda s, p=partner: s.partner_id == p
            )

    @api.model
    def _cdl_my_partners_action(self, xmlid):
        """The window action ``xmlid`` (Clients or Designers), filtered on the
        user's own partners for a salesperson (not for the Sales Managers)."""
        action = self.env["ir.actions.act_window"]._for_xml_id(xmlid)
        context = safe_eval(action.get("context") or "{}", {"uid": self.env.uid})
        if not self.env.user.has_group("crm_designer_loyalty.group_designer_manager"):
            context["search_default_my"] = 1
        action["context"] = context
        return action

    def action_open_designer_clients(self):
        """The clients the designer brought."""
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "crm_designer_loyalty.res_partner_client_action"
        )
        action.update(
            name=self.env._("Clients of %(designer)s", designer=self.name),
            domain=[("designer_id", "=", self.id)],
            context={"default_designer_id": self.id},
        )
        return action

    def action_open_referred_sales(self):
        """The designer's referred sales by month: the posted customer
        invoices and credit notes attributed to the designer."""
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Referred Sales of %(designer)s", designer=self.name),
            "res_model": "account.move",
            "view_mode": "graph,list,form",
            "views": [
                (
                    self.env.ref(
                        "crm_designer_loyalty.account_move_referred_sales_view_graph"
                    ).id,
                    "graph",
                ),
                (False, "list"),
                (False, "form"),
            ],
            "domain": [
                ("designer_id", "=", self.id),
                ("state", "=", "posted"),
                ("move_type", "in", ("out_invoice", "out_refund")),
            ],
            "context": {"create": False},
        }

    def action_open_designer_statements(self):
        """The designer's reward statements."""
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "crm_designer_loyalty.designer_reward_statement_action"
        )
        action.update(
            domain=[("designer_id", "=", self.id)],
            context={"create": False},
        )
        return action
