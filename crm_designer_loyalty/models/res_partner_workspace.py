# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The daily workspace on partners: the buttons of the designer's loyalty
block (referred clients, referred sales by month, statements), the class
timeline of a client, the Clients and Designers menus opening on "My"."""

import json

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.osv import expression
from odoo.tools import format_date
from odoo.tools.safe_eval import safe_eval

# "near the next tier": at least this share of the next tier's threshold
NEAR_NEXT_TIER = 0.8
# the months of the designer's sales graph, the current one included
SALES_GRAPH_MONTHS = 12


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

    designer_sales_graph = fields.Text(
        string="Referred Sales by Month",
        compute="_compute_designer_sales_graph",
        groups="crm_designer_loyalty.group_designer_user",
        help="The designer's referred sales (untaxed, posted invoices less "
        "credit notes) of the last 12 months, as the form's bar graph "
        "(JSON of the dashboard_graph widget).",
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

    def _cdl_referred_sales_domain(self):
        """The posted customer invoices and credit notes attributed to these
        designers."""
        return [
            ("designer_id", "in", self.ids),
            ("state", "=", "posted"),
            ("move_type", "in", ("out_invoice", "out_refund")),
        ]

    @api.depends_context("company", "uid", "lang")
    def _compute_designer_sales_graph(self):
        """One grouped read for all the designers: sales by designer and month.
        All the designer's referred sales, whatever invoices the user may read:
        monthly totals of what the rolling 12-month sales beside them sum."""
        designers = self.filtered("is_designer")
        (self - designers).designer_sales_graph = False
        if not designers:
            return
        first = fields.Date.context_today(self) + relativedelta(
            months=1 - SALES_GRAPH_MONTHS, day=1
        )
        months = [first + relativedelta(months=n) for n in range(SALES_GRAPH_MONTHS)]
        sales = {
            (designer.id, month): amount
            for designer, month, amount in self.env["account.move"]
            .sudo()
            ._read_group(
                [
                    *designers._cdl_referred_sales_domain(),
                    ("company_id", "=", self.env.company.id),
                    ("invoice_date", ">=", first),
                ],
                ["designer_id", "invoice_date:month"],
                ["amount_untaxed_signed:sum"],
            )
        }
        labels = [
            format_date(self.env, month, date_format="LLL yy") for month in months
        ]
        key = self.env._("Referred Sales")
        for designer in designers:
            values = [
                {
                    "label": label,
                    "value": round(sales.get((designer.id, month), 0.0), 2),
                    "type": "past",
                }
                for label, month in zip(labels, months, strict=True)
            ]
            designer.designer_sales_graph = json.dumps([{"key": key, "values": values}])

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
            "domain": self._cdl_referred_sales_domain(),
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
