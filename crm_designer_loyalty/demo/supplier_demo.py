# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Demo purchases for the supplier scorecard, run at the end of
:meth:`.crm_designer_demo.CrmDesignerDemo.load`.

Five vendors of the demo's interior products, each with its payment terms,
promised lead time, punctuality and yearly price drift (one lowers its
prices). Over the last 12 months, about one confirmed order a month each;
its receipt is validated after the promised lead time plus a delay drawn
from the vendor's punctuality (some early, some late), a third of them in two
parts (a backorder received a few days later); receipts not yet due stay
open."""

import random
from datetime import datetime, time, timedelta

from odoo import Command, fields

# name, payment terms (XML id), promised lead days, late share, worst delay
# (days), yearly price drift
VENDORS = (
    ("Nordic Furniture Works", "account.account_payment_term_30days", 21, 0.1, 4, 0.08),
    ("Milano Lighting", "account.account_payment_term_45days", 14, 0.5, 12, 0.15),
    (
        "Ural Paints and Plasters",
        "account.account_payment_term_15days",
        7,
        0.25,
        5,
        0.05,
    ),
    ("Textile House", "account.account_payment_term_immediate", 10, 0.35, 8, -0.04),
    (
        "Stone and Tile Import",
        "account.account_payment_term_end_following_month",
        30,
        0.6,
        20,
        0.12,
    ),
)


class SupplierDemo:
    def __init__(self, env):
        self.env = env

    def load(self, months=12, seed=42, today=None):
        """Create the vendors and their orders; return the orders."""
        rng = random.Random(seed)
        today = today or fields.Date.context_today(self.env.user)
        products = self.env["product.product"].search(
            [("categ_id.parent_id.name", "=", "Interior")], order="id"
        )
        vendors = self.env["res.partner"].create(
            [
                {
                    "name": name,
                    "is_company": True,
                    "supplier_rank": 1,
                    "property_supplier_payment_term_id": self.env.ref(terms).id,
                }
                for name, terms, *_rest in VENDORS
            ]
        )
        orders = self.env["purchase.order"]
        for index, (vendor, (*_names, lead, late, delay, drift)) in enumerate(
            zip(vendors, VENDORS, strict=True)
        ):
            assortment = products[index :: len(VENDORS)] or products[:2]
            day = today - timedelta(days=30 * months - rng.randint(0, 10))
            while day < today - timedelta(days=3):
                order = self._order(rng, vendor, assortment, day, lead, drift, today)
                self._receive(rng, order, day + timedelta(lead), late, delay, today)
                orders += order
                day += timedelta(days=rng.randint(20, 40))
        return orders

    @staticmethod
    def _at(day, hour):
        return datetime.combine(day, time(hour))

    def _order(self, rng, vendor, assortment, day, lead, drift, today):
        """An order confirmed on ``day``, its prices drifting from the
        products' cost by ``drift`` a year."""
        factor = 1 + drift * (1 - (today - day).days / 365)
        lines = rng.sample(list(assortment), min(len(assortment), rng.randint(1, 3)))
        order = self.env["purchase.order"].create(
            {
                "partner_id": vendor.id,
                "date_order": self._at(day, 9),
                "order_line": [
                    Command.create(
                        {
                            "product_id": product.id,
                            "product_qty": rng.randint(2, 20),
                            "price_unit": round(product.standard_price * factor, 2),
                            "date_planned": self._at(day + timedelta(lead), 12),
                        }
                    )
                    for product in lines
                ],
            }
        )
        order.button_confirm()
        order.date_approve = self._at(day, 10)
        return order

    def _receive(self, rng, order, promised, late, delay, today):
        """Receive the order around ``promised``: late by up to ``delay`` days
        with probability ``late``, else on time or up to 2 days early; a third
        in two parts. Receipts that would be in the future stay open."""
        picking = order.picking_ids
        done = promised + timedelta(
            rng.randint(1, delay) if rng.random() < late else -rng.randint(0, 2)
        )
        if done > today:
            return
        split = rng.random() < 1 / 3
        for move in picking.move_ids:
            move.quantity = (
                max(1, move.product_uom_qty // 2) if split else move.product_uom_qty
            )
        picking.move_ids.picked = True
        picking._action_done()
        picking.date_done = self._at(done, 15)
        backorder = order.picking_ids - picking
        later = done + timedelta(rng.randint(2, 6))
        if backorder and later <= today:
            backorder.move_ids.quantity = 0
            for move in backorder.move_ids:
                move.quantity = move.product_uom_qty
            backorder.move_ids.picked = True
            backorder._action_done()
            backorder.date_done = self._at(later, 15)
