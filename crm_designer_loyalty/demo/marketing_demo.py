# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Demo data of marketing and the deal cycle, on the generated clients of
crm_designer_demo.py: opportunities with parties and expenses (some lost
with a reason), orders cancelled with a reason, orders with a staged
schedule (some stages overdue), a mailing on the class A clients and a
mailing list."""

import random
from datetime import timedelta

from dateutil.relativedelta import relativedelta

from odoo import Command, fields

CONTRACTORS = ("Remstroy Finishing", "Atlas Installation", "Nord Logistics")


class MarketingDemo:
    """``MarketingDemo(env).load()``: plain Python on an environment."""

    def __init__(self, env):
        self.env = env

    def load(self, seed=16, today=None, clients=None):
        """Half of ``clients`` (default: the first 40 clients) get an
        opportunity, a quarter a cancelled order, a quarter a scheduled
        order. Returns the created records by kind."""
        rng = random.Random(seed)
        today = today or fields.Date.context_today(self.env.user)
        if clients is None:
            clients = self.env["res.partner"].search(
                [("customer_rank", ">", 0), ("is_designer", "=", False)],
                order="id",
                limit=40,
            )
        products = self.env["product.product"].search(
            [
                ("sale_ok", "=", True),
                ("standard_price", ">", 0),
                ("categ_id.complete_name", "=like", "Interior / %"),
            ],
            order="id",
            limit=10,
        )
        if not clients or not products:
            return {}
        # accessories: the optional products of the first product, offered to
        # the clients who have it installed (Cross-Sell tab)
        products[0].product_tmpl_id.optional_product_ids = products[1:3].product_tmpl_id
        half, three_quarters = len(clients) // 2, len(clients) * 3 // 4
        leads = self._deals(rng, clients[:half], products, today)
        cancelled = self._cancelled_orders(
            rng, clients[half:three_quarters], products, today
        )
        scheduled = self._scheduled_orders(
            rng, clients[three_quarters:], products, today
        )
        mailing = (
            self.env["res.partner"]
            .sudo()
            ._cdl_create_mailing([("abc_class", "=", "A")], "New collection")
        )
        campaign = self._campaign(
            rng, self.env["mailing.mailing"].browse(mailing["res_id"]), today
        )
        mailing_list = self.env["mailing.list"].create({"name": "Designers' news"})
        self.env["res.partner.group.action"].create(
            {
                "partner_ids": [Command.set(clients.designer_id.ids)],
                "action": "mailing_list",
                "mailing_list_id": mailing_list.id,
            }
        ).action_apply()
        return {
            "leads": leads,
            "cancelled_orders": cancelled,
            "scheduled_orders": scheduled,
            "mailing": self.env["mailing.mailing"].browse(mailing["res_id"]),
            "mailing_list": mailing_list,
            "campaign": campaign,
        }

    def _campaign(self, rng, mailing, today):
        """The "New collection" campaign: its mailing reached half of the class
        A clients four weeks ago (traces as the sending writes them); the
        control group is the other A and B clients; effectiveness computed."""
        segment = [("abc_class", "in", ["A", "B"])]
        campaign = self.env["utm.campaign"].create(
            {
                "title": "New collection",
                "cdl_segment_domain": repr(segment),
                "cdl_effect_weeks": 4,
            }
        )
        mailing.campaign_id = campaign
        reached = self.env["res.partner"].search([("abc_class", "=", "A")])[::2]
        sent = fields.Datetime.to_datetime(today - timedelta(28))
        self.env["mailing.trace"].create(
            [
                {
                    "model": "res.partner",
                    "res_id": partner.id,
                    "mass_mailing_id": mailing.id,
                    "email": partner.email or "",
                    "trace_status": "sent",
                    "sent_datetime": sent,
                }
                for partner in reached
            ]
        )
        if reached:
            campaign.action_cdl_compute_effect()
        return campaign

    def _order_values(self, rng, client, products, day):
        return {
            "partner_id": client.id,
            "user_id": client.user_id.id,
            "team_id": client.team_id.id,
            "designer_id": client.designer_id.id,
            "date_order": fields.Datetime.to_datetime(day),
            "order_line": [
                Command.create(
                    {
                        "product_id": product.id,
                        "product_uom_qty": rng.randint(1, 6),
                        "analytic_distribution": False,
                    }
                )
                for product in rng.sample(list(products), 2)
            ],
        }

    def _deals(self, rng, clients, products, today):
        """An opportunity per client with its parties and expenses and a
        quotation; a quarter lost with a reason."""
        Partner = self.env["res.partner"]
        contractors = Partner.search([("name", "in", CONTRACTORS)]) or Partner.create(
            [{"name": name, "is_company": True} for name in CONTRACTORS]
        )
        lost_reasons = self.env["crm.lost.reason"].search([])
        sources = self.env["utm.source"].search([], limit=5)
        mediums = self.env["utm.medium"].search([], limit=3)
        leads = self.env["crm.lead"]
        for client in clients:
            lead = self.env["crm.lead"].create(
                {
                    "name": f"{client.name}: interior project",
                    "type": "opportunity",
                    "partner_id": client.id,
                    "user_id": client.user_id.id,
                    "team_id": client.team_id.id,
                    "designer_id": client.designer_id.id,
                    "expected_revenue": rng.randrange(200_000, 3_000_000, 10_000),
                    "source_id": rng.choice(sources).id if sources else False,
                    "medium_id": rng.choice(mediums).id if mediums else False,
                    "cdl_party_ids": [
                        Command.create({"partner_id": client.id, "role": "client"}),
                        Command.create(
                            {
                                "partner_id": rng.choice(contractors).id,
                                "role": "contractor",
                            }
                        ),
                    ]
                    + (
                        [
                            Command.create(
                                {
                                    "partner_id": client.designer_id.id,
                                    "role": "designer",
                                }
                            )
                        ]
                        if client.designer_id
                        else []
                    ),
                    "cdl_expense_ids": [
                        Command.create(
                            {"kind": kind, "amount": rng.randrange(5000, 50000, 500)}
                        )
                        for kind in ("delivery", "installation", "designer_fee")
                        if rng.random() < 0.7
                    ],
                }
            )
            self.env["sale.order"].create(
                {
                    **self._order_values(rng, client, products, today),
                    "opportunity_id": lead.id,
                }
            )
            leads |= lead
        for lead in leads[::4]:
            lead.action_set_lost(lost_reason_id=rng.choice(lost_reasons).id)
        return leads

    def _cancelled_orders(self, rng, clients, products, today):
        """Orders of the last months confirmed, then cancelled with a reason."""
        reasons = self.env["sale.order.cancel.reason"].search([])
        orders = self.env["sale.order"].create(
            [
                self._order_values(
                    rng, client, products, today - timedelta(rng.randint(5, 150))
                )
                for client in clients
            ]
        )
        orders.write({"state": "sale"})
        for order in orders:
            order.write(
                {"state": "cancel", "cdl_cancel_reason_id": rng.choice(reasons).id}
            )
        return orders

    def _scheduled_orders(self, rng, clients, products, today):
        """Confirmed orders with two payments and two shipments, the first ones
        due last month: invoiced and partly delivered, some paid, so that
        some stages are done and others overdue."""
        orders = self.env["sale.order"].create(
            [
                self._order_values(rng, client, products, today - timedelta(45))
                for client in clients
            ]
        )
        orders.write({"state": "sale"})
        for order in orders:
            total = order.amount_total
            first, second = (
                today - relativedelta(months=1),
                today + relativedelta(months=1),
            )
            order.cdl_schedule_ids = [
                Command.create(
                    {"kind": kind, "date_planned": day, "amount_planned": amount}
                )
                for kind, day, amount in (
                    ("payment", first, round(total * 0.3, 2)),
                    ("payment", second, round(total * 0.7, 2)),
                    ("shipment", first, round(order.amount_untaxed * 0.5, 2)),
                    ("shipment", second, round(order.amount_untaxed * 0.5, 2)),
                )
            ]
            if rng.random() < 0.5:
                order.order_line[:1].qty_delivered = order.order_line[
                    :1
                ].product_uom_qty
        return orders
