# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Demo data of the registers (complaints, competitors, external factors and
events), generated on the clients, products and invoices of
:class:`.crm_designer_demo.CrmDesignerDemo` (called at the end of its
``load()``). Deterministic: its own random generator, seeded."""

import math
import random
from datetime import datetime, time, timedelta

from dateutil.relativedelta import relativedelta

from odoo import fields

from ..analytics import registers
from ..models.crm_claim import DEMANDS

MEAN_TEMPERATURE = {
    1: -9.0,
    2: -8.0,
    3: -2.0,
    4: 6.0,
    5: 13.0,
    6: 17.0,
    7: 19.5,
    8: 17.0,
    9: 11.0,
    10: 4.5,
    11: -2.0,
    12: -7.0,
}
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
# the new collection, priced against the competitors before its first sales:
# (category, English name, Russian name, sales price, cost)
NEW_PRODUCTS = [
    ("Furniture", "Bed Verona 160x200", "Кровать Верона 160x200", 1450.0, 820.0),
    ("Furniture", "Chest of Drawers Oslo", "Комод Осло", 720.0, 390.0),
    ("Furniture", "Bookcase Loft", "Стеллаж Лофт", 540.0, 280.0),
    ("Furniture", "Marble Coffee Table", "Журнальный столик Мрамор", 460.0, 240.0),
    ("Furniture", "Dining Chair Vienna", "Обеденный стул Вена", 190.0, 95.0),
    ("Finishes", "Terrazzo Tile (m²)", "Плитка Терраццо (м²)", 42.0, 22.0),
    ("Finishes", "Damask Wallpaper (roll)", "Обои Дамаск (рулон)", 65.0, 30.0),
    ("Finishes", "Engineered Oak Board (m²)", "Инженерная доска, дуб (м²)", 78.0, 44.0),
    ("Finishes", "Wall Panel 3D (m²)", "Стеновая панель 3D (м²)", 36.0, 17.0),
    ("Lighting", "Chandelier Crystal Rain", "Люстра Хрустальный дождь", 890.0, 450.0),
    ("Lighting", "Table Lamp Bauhaus", "Настольная лампа Баухаус", 150.0, 70.0),
    (
        "Lighting",
        "Track Spotlight Set",
        "Трековые светильники (комплект)",
        260.0,
        120.0,
    ),
]
LEADING_PRODUCTS = 20
# (title, kind, tags)
EVENTS = [
    ("Central bank raises the key rate", "news", ["Economy"]),
    ("Mortgage programme for new flats extended", "news", ["Economy", "Housing"]),
    ("New residential quarter handed over in Sormovo", "market", ["Housing"]),
    ("Mebel Plus opens a second salon", "market", ["Competitors"]),
    ("Import duties on Italian furniture raised", "market", ["Prices"]),
    ("Interior design fair in Nizhny Novgorod", "market", ["Designers"]),
    ("New salesperson joins the showroom", "staff", ["Team"]),
    ("Salesperson leaves the design projects team", "staff", ["Team"]),
    ("Sales salaries: new bonus scheme", "salary", ["Team"]),
    ("Spring promotion: lighting -15%", "promotion", ["Promotion"]),
    ("Autumn promotion: free delivery", "promotion", ["Promotion"]),
    ("Showroom renovated", "internal", []),
]
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
            "factors": self.factors(),
            "events": self.events(),
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
                        "amount": round(rng.uniform(20_000, 250_000), -3),
                    }
                )
        for deal in deals:
            deal["date"] = min(deal["date"], self.today)
        prices = []
        for product in self.leading_products(categories):
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

    def leading_products(self, categories):
        """The 20 leading products: the products sold, by revenue, completed
        with the new collection (created here, Russian names as translations)."""
        sold = [
            product
            for product, _revenue in self.env["account.move.line"]._read_group(
                [
                    ("move_id", "in", self.invoices.ids),
                    ("display_type", "=", "product"),
                    ("product_id", "!=", False),
                ],
                ["product_id"],
                ["price_subtotal:sum"],
                order="price_subtotal:sum desc, product_id",
            )
        ][:LEADING_PRODUCTS]
        missing = NEW_PRODUCTS[: max(0, LEADING_PRODUCTS - len(sold))]
        by_name = {category.name: category for category in categories}
        new = self.env["product.product"].create(
            [
                {
                    "name": name,
                    "categ_id": by_name[category].id,
                    "type": "consu",
                    "list_price": price,
                    "standard_price": cost,
                }
                for category, name, _ru, price, cost in missing
            ]
        )
        self.env["res.lang"]._activate_lang("ru_RU")
        for product, (_category, _name, russian, _price, _cost) in zip(
            new, missing, strict=True
        ):
            product.product_tmpl_id.update_field_translations(
                "name", {"ru_RU": russian}
            )
        return sold + list(new)

    def _monthly_revenue(self, first, last):
        """{month: revenue} of the company from ``first`` to ``last``."""
        self.env.flush_all()
        self.env.cr.execute(
            registers.sales_series_query(
                "revenue", self.env.company.id, first, last, None, None
            )
        )
        return {month: float(value) for month, value in self.env.cr.fetchall()}

    def factors(self, months=36):
        """Three years of monthly factors: the euro rate, the mean temperature,
        the number of active salespeople, and the ad budget, built to lead the
        revenue by two months (the budget of month t is proportional to the
        revenue of month t + 2, with noise)."""
        rng = self.rng
        last = self.today + relativedelta(day=1)
        first = last - relativedelta(months=months - 1)
        revenue = self._monthly_revenue(first, last + relativedelta(months=2))
        mean_revenue = sum(revenue.values()) / len(revenue) if revenue else 1_000_000.0
        Factor = self.env["crm.external.factor"]
        euro = self.env.ref("base.EUR")
        factors = Factor.create(
            [
                {
                    "name": "Euro rate",
                    "unit": self.env.company.currency_id.name,
                    "frequency": "daily",
                    "aggregation": "mean",
                    "source": "currency",
                    "currency_id": euro.id,
                },
                {"name": "Mean temperature", "unit": "°C", "aggregation": "mean"},
                {"name": "Active salespeople", "unit": "people", "aggregation": "last"},
                {"name": "Ad budget", "unit": "RUB", "aggregation": "sum"},
            ]
        )
        temperature, salespeople, budget = factors[1:]
        values, rates = [], []
        for index in range(months):
            month = first + relativedelta(months=index)
            ahead = month + relativedelta(months=2)
            # the revenue two months ahead (the mean one for the months to come)
            ahead = revenue.get(ahead, 0.0) if ahead <= last else mean_revenue
            values += [
                {
                    "factor_id": temperature.id,
                    "date": month + relativedelta(day=15),
                    "value": round(
                        MEAN_TEMPERATURE[month.month] + rng.gauss(0, 1.5), 1
                    ),
                },
                {
                    "factor_id": salespeople.id,
                    "date": month + relativedelta(day=31),
                    "value": 4 + (index > 20) - (index % 11 == 10),
                },
                {
                    "factor_id": budget.id,
                    "date": month + relativedelta(day=5),
                    "value": round(50_000 + 0.08 * ahead * rng.uniform(0.8, 1.2), -3),
                },
            ]
            rates.append(
                {
                    "currency_id": euro.id,
                    "company_id": self.env.company.id,
                    "name": month + relativedelta(day=10),
                    "rate": 1 / (95 + 10 * math.sin(index / 5) + rng.uniform(-2, 2)),
                }
            )
        self.env["crm.external.factor.value"].create(values)
        existing = set(
            self.env["res.currency.rate"]
            .search(
                [
                    ("currency_id", "=", euro.id),
                    ("company_id", "=", self.env.company.id),
                ]
            )
            .mapped("name")
        )
        self.env["res.currency.rate"].create(
            [rate for rate in rates if rate["name"] not in existing]
        )
        return factors

    def events(self, count=36):
        """A few dozen events over the last two years."""
        rng = self.rng
        Tag = self.env["crm.market.event.tag"]
        names = sorted({tag for _title, _kind, tags in EVENTS for tag in tags})
        tags = {
            name: Tag.search([("name", "=", name)], limit=1)
            or Tag.create({"name": name, "color": index % 11 + 1})
            for index, name in enumerate(names)
        }
        values = []
        for _index in range(count):
            title, kind, tag_names = rng.choice(EVENTS)
            values.append(
                {
                    "date": self.today - timedelta(days=rng.randint(0, 730)),
                    "name": title,
                    "kind": kind,
                    "description": f"{title}.",
                    "tag_ids": [(6, 0, [tags[name].id for name in tag_names])],
                }
            )
        return self.env["crm.market.event"].create(values)
