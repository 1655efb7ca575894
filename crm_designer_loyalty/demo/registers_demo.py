# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Demo data of the registers (complaints, competitors, external factors and
events), generated on the clients, products and invoices of
:class:`.crm_designer_demo.CrmDesignerDemo` (called at the end of its
``load()``). Deterministic: its own random generator, seeded."""

import random
from datetime import datetime, time, timedelta

from dateutil.relativedelta import relativedelta

from odoo import fields

from ..models.crm_claim import DEMANDS

# (name, [(outlet, street, format)])
COMPETITORS = [
    ("Mebel Plus", [("Salon on Pokrovka", "Bolshaya Pokrovskaya 12", "salon")]),
    (
        "Volga Interiors",
        [
            ("Showroom Nizhegorodsky", "Rozhdestvenskaya 30", "showroom"),
            ("Outlet Avtozavod", "Prospekt Lenina 93", "store"),
        ],
    ),
    ("Svet i Dom", [("Lighting Salon Sormovo", "Kominterna 105", "salon")]),
    ("Interior Hypermarket Mega", [("Mega Fantastika", "Gagarina 35", "hypermarket")]),
    ("Dekor Online", [("Web shop", "", "online")]),
]
ACTIVITY_TEXTS = {
    "offer": "Sent a quote for the whole apartment",
    "promotion": "Invited to the opening sale",
    "discount": "Offered a loyalty discount",
}
CLAIM_SUBJECTS = {
    "crm_claim_type_quality": ["Scratched surface", "Fabric pilling", "Loose joint"],
    "crm_claim_type_delivery": ["Delivered late", "Damaged in transit"],
    "crm_claim_type_installation": ["Crooked installation", "Missing fittings"],
    "crm_claim_type_documents": ["Wrong invoice details", "Missing certificate"],
    "crm_claim_type_other": ["Rude courier"],
}


class RegistersDemo:
    """``RegistersDemo(env).load()``: every register filled."""

    def __init__(self, env):
        self.env = env(
            context=dict(
                env.context,
                tracking_disable=True,
                mail_create_nolog=True,
                mail_notrack=True,
            )
        )
        self.rng = random.Random(13)
        self.today = fields.Date.context_today(self.env.user)
        invoices = self.env["account.move"].search(
            [
                ("move_type", "=", "out_invoice"),
                ("state", "=", "posted"),
                ("company_id", "=", self.env.company.id),
            ],
            order="id",
        )
        self.invoices = invoices
        self.clients = invoices.commercial_partner_id.sorted("id")

    def load(self):
        competitors = self.competitors()
        return {
            "claims": self.claims(),
            "competitors": competitors,
            **self.competitor_registers(competitors),
        }

    def claims(self, count=60):
        """Complaints over the last 24 months on invoiced products: several
        types, directions and demands; the recent ones open, some overdue."""
        rng = self.rng
        stages = [self.env.ref(f"crm_claim.stage_claim{n}") for n in (1, 5, 2, 3)]
        demands = [key for key, _label in DEMANDS]
        values = []
        for invoice in rng.sample(list(self.invoices), min(count, len(self.invoices))):
            line = rng.choice(invoice.invoice_line_ids.filtered("product_id"))
            type_xmlid = rng.choice(list(CLAIM_SUBJECTS))
            day = invoice.invoice_date + timedelta(days=rng.randint(3, 40))
            day = min(day, self.today)
            age = (self.today - day).days
            stage = stages[rng.randrange(2)] if age < 45 else rng.choice(stages[2:])
            claimed = round(line.price_subtotal * rng.uniform(0.1, 0.6), 2)
            values.append(
                {
                    "name": rng.choice(CLAIM_SUBJECTS[type_xmlid]),
                    "partner_id": invoice.commercial_partner_id.id,
                    "user_id": invoice.commercial_partner_id.user_id.id
                    or self.env.user.id,
                    "date": datetime.combine(day, time(10)),
                    "type_id": self.env.ref(f"crm_designer_loyalty.{type_xmlid}").id,
                    "product_id": line.product_id.id,
                    "invoice_id": invoice.id,
                    "sale_order_id": invoice.line_ids.sale_line_ids.order_id[:1].id,
                    "demand": rng.choice(demands),
                    "amount_claimed": claimed,
                    "amount_granted": round(claimed * rng.choice((0, 0.5, 1)), 2)
                    if stage.is_closed
                    else 0,
                    "stage_id": stage.id,
                    "cause": "Supplier batch defect" if rng.random() < 0.3 else False,
                }
            )
        claims = self.env["crm.claim"].create(values)
        for claim in claims.filtered("is_closed"):
            claim.date_closed = claim.date + timedelta(
                days=rng.randint(1, 20), hours=rng.randint(0, 8)
            )
        return claims

    def competitors(self):
        return self.env["crm.competitor"].create(
            [
                {
                    "name": name,
                    "notes": f"<p>{name}: competes on price in Nizhny Novgorod.</p>",
                    "outlet_ids": [
                        (
                            0,
                            0,
                            {
                                "name": outlet,
                                "street": street,
                                "city": "Nizhny Novgorod",
                                "format": kind,
                            },
                        )
                        for outlet, street, kind in outlets
                    ],
                }
                for name, outlets in COMPETITORS
            ]
        )

    def competitor_registers(self, competitors):
        """Activity and deals of competitors with about a third of the clients
        over the last 24 months (part of them in a category we do not sell),
        and monthly price observations of the products sold."""
        rng = self.rng
        categories = self.env["product.category"].search(
            [("name", "in", ("Furniture", "Finishes", "Lighting"))]
        )
        kitchens = self.env["product.category"].create(
            {"name": "Kitchens", "parent_id": categories[:1].parent_id.id}
        )
        activities, deals = [], []
        for client in self.clients:
            if rng.random() > 0.33:
                continue
            for _index in range(rng.randint(1, 4)):
                day = self.today - timedelta(days=rng.randint(0, 730))
                competitor = rng.choice(competitors)
                kind = rng.choice(list(ACTIVITY_TEXTS))
                discount = rng.choice((5, 10, 15)) if kind == "discount" else 0
                activities.append(
                    {
                        "partner_id": client.id,
                        "competitor_id": competitor.id,
                        "date": day,
                        "kind": kind,
                        "discount": discount,
                        "description": ACTIVITY_TEXTS[kind],
                        "source": rng.choice(("Client", "Designer", "Salesperson")),
                    }
                )
                deals.append(
                    {
                        "partner_id": client.id,
                        "competitor_id": competitor.id,
                        "date": day + timedelta(days=rng.randint(0, 20)),
                        "categ_id": rng.choice([*categories, kitchens]).id,
                        "amount": round(rng.uniform(200, 2500), -1),
                    }
                )
        for deal in deals:
            deal["date"] = min(deal["date"], self.today)
        products = self.invoices.invoice_line_ids.product_id.sorted("id")[:20]
        prices = []
        for product in products:
            for competitor in rng.sample(list(competitors), 2):
                level = rng.uniform(0.85, 1.1)
                for back in range(0, 24, 3):
                    prices.append(
                        {
                            "product_id": product.id,
                            "competitor_id": competitor.id,
                            "outlet_id": competitor.outlet_ids[:1].id,
                            "date": self.today - relativedelta(months=back),
                            "price": round(
                                product.lst_price * level * rng.uniform(0.97, 1.03), 2
                            ),
                            "source": "Salon visit",
                        }
                    )
        return {
            "competitor_activity": self.env["crm.competitor.activity"].create(
                activities
            ),
            "competitor_deals": self.env["crm.competitor.deal"].create(deals),
            "competitor_prices": self.env["crm.competitor.price"].create(prices),
        }
