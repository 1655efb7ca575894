# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The demo data generator: plain Python on an environment, not a model (see
the package docstring for how demo/demo_data.xml runs it)."""

import calendar
import logging
import random
import time
from collections import defaultdict
from datetime import timedelta

from dateutil.relativedelta import relativedelta

from odoo import Command, fields
from odoo.exceptions import AccessError, UserError

from . import currency_demo, reward_reversal_demo
from .contact_history_demo import ContactHistoryDemo
from .designer_event_demo import DesignerEventDemo
from .marketing_demo import MarketingDemo
from .planning_control_demo import PlanningControlDemo
from .planning_demo import PlanningDemo
from .registers_demo import RegistersDemo
from .supplier_demo import SupplierDemo

_logger = logging.getLogger(__name__)

# Relative weight of each calendar month: interior goods sell in spring and autumn.
SEASONALITY = {
    1: 0.6,
    2: 0.7,
    3: 1.2,
    4: 1.4,
    5: 1.2,
    6: 0.8,
    7: 0.6,
    8: 0.8,
    9: 1.3,
    10: 1.5,
    11: 1.3,
    12: 0.9,
}
# (category, product name, sales price, cost, quantity range), in roubles: a line
# is worth 50 000 to 1 400 000 ₽, an order (one to three lines) up to ~2 500 000 ₽.
PRODUCTS = [
    ("Furniture", "Sofa Milano", 185000.0, 110000.0, (1, 2)),
    ("Furniture", "Oak Dining Table", 129000.0, 72000.0, (1, 1)),
    ("Furniture", "Armchair Bergen", 64000.0, 35000.0, (1, 4)),
    ("Furniture", "Wardrobe Nord", 98000.0, 56000.0, (1, 2)),
    ("Finishes", "Venetian Plaster (m²)", 3800.0, 1900.0, (15, 120)),
    ("Finishes", "Oak Parquet (m²)", 5500.0, 3100.0, (20, 250)),
    ("Finishes", "Decorative Paint (l)", 2400.0, 1100.0, (25, 120)),
    ("Lighting", "Pendant Lamp Aurora", 32000.0, 15000.0, (2, 8)),
    ("Lighting", "Floor Lamp Arc", 41000.0, 20500.0, (2, 4)),
    ("Lighting", "Wall Sconce Duo", 13000.0, 5800.0, (5, 16)),
]
FIRST_NAMES = [
    "Anna",
    "Olga",
    "Irina",
    "Elena",
    "Maria",
    "Natalia",
    "Svetlana",
    "Daria",
    "Alexei",
    "Dmitry",
    "Sergei",
    "Ivan",
    "Pavel",
    "Mikhail",
    "Andrei",
    "Nikolai",
]
LAST_NAMES = [
    "Ivanov",
    "Smirnov",
    "Kuznetsov",
    "Popov",
    "Sokolov",
    "Lebedev",
    "Kozlov",
    "Novikov",
    "Morozov",
    "Volkov",
    "Orlov",
    "Zaitsev",
    "Belov",
    "Egorov",
]
COMPANY_WORDS = [
    "Loft",
    "Interior",
    "Home",
    "Dom",
    "Stroy",
    "Volga",
    "Oka",
    "Nord",
    "Kreml",
    "Art",
    "Style",
    "Decor",
]
COMPANY_KINDS = ["LLC", "Studio", "Group", "Hotel", "Restaurant", "Developments"]
# Nizhny Novgorod and towns of its oblast: (city, postcode prefix, streets)
CITIES = [
    (
        "Nizhny Novgorod",
        "603",
        [
            "ul. Bolshaya Pokrovskaya",
            "ul. Rozhdestvenskaya",
            "ul. Belinskogo",
            "pr. Gagarina",
            "ul. Rodionova",
            "ul. Nesterova",
            "ul. Varvarskaya",
            "ul. Bolshaya Pecherskaya",
        ],
    ),
    ("Dzerzhinsk", "606", ["pr. Tsiolkovskogo", "ul. Gaidara", "pr. Lenina"]),
    ("Bor", "606", ["ul. Lenina", "ul. Frunze", "ul. Ostrovskogo"]),
    ("Kstovo", "607", ["ul. Lenina", "pr. Pobedy", "ul. Shkolnaya"]),
    ("Arzamas", "607", ["ul. Kalinina", "pr. Lenina", "ul. Sovetskaya"]),
    ("Balakhna", "606", ["ul. Sovetskaya", "ul. Dzerzhinskogo", "ul. Lesnaya"]),
]
# Every REGULAR_EVERY-th client buys every month a stable basket of finishes; the
# amount varies by at most these shares (alternately: X-like, then Y-like).
REGULAR_EVERY = 10
REGULAR_VARIATIONS = (0.05, 0.2)
SPECIALIZATIONS = ["residential", "residential", "commercial", "hospitality", "other"]
# (name, type, options): English, then Russian (stored as the ru_RU translation)
ATTRIBUTES = [
    (("Apartment area, m²", "Площадь квартиры, м²"), "number", []),
    (
        ("Preferred contact channel", "Предпочтительный канал связи"),
        "selection",
        [
            ("Phone", "Телефон"),
            ("WhatsApp", "WhatsApp"),
            ("Telegram", "Telegram"),
            ("E-mail", "Эл. почта"),
        ],
    ),
]
CHARACTER_NOTES = [
    "Calm and thorough, reads every line of a quote.",
    "Decides fast; dislikes long calls, prefers short messages.",
    "Demanding about deadlines, appreciates being warned of delays early.",
    "Friendly, likes to discuss details in person at the showroom.",
]
PREFERENCE_NOTES = [
    "Likes natural wood and linen; call after 11:00.",
    "Prefers Telegram; interested in lighting novelties.",
    "Collects Art Deco lamps; send new collections by e-mail.",
    "Fan of Scandinavian design; coffee without sugar.",
]
EQUIPMENT_LOCATIONS = ["Living room", "Kitchen", "Bedroom", "Office", "Lobby", "Hall"]


class CrmDesignerDemo:
    """The demo data generator of an environment: ``CrmDesignerDemo(env)``."""

    def __init__(self, env):
        self.env = env

    def load(self):
        """The generated part of demo/demo_data.xml, in this order: the data set
        of :meth:`generate` with its defaults; the loyalty program on that
        history (rewards of the paid invoices, the designers' tiers, four months
        of statements: paid, carried over, last month's in draft); the client
        classes (ABC, XYZ, status, RFM) with six months of history.

        Before the history, the Base tier goes from 5 % to 6 % three months ago
        (versioned rates: invoices dated before earn 5 %, later ones 6 %). It is
        not an XML record: an upgrade would create it on a database whose
        ledger already holds later entries, which the rate versions refuse."""
        currency_demo.company_in_roubles(self.env)
        self.env["designer.loyalty.tier.rate"].create(
            {
                "tier_id": self.env.ref(
                    "crm_designer_loyalty.designer_loyalty_tier_base"
                ).id,
                "date_from": fields.Date.context_today(self.env.user)
                + relativedelta(months=-3, day=1),
                "rate": 6,
            }
        )
        self.generate()
        self.env["designer.reward"].with_context(cdl_no_commit=True)._cron_accrue()
        self.env["designer.loyalty.tier"].with_context(
            cdl_no_commit=True
        )._cron_tier_review()
        self.statement_history()
        self.segmentation_history()
        MarketingDemo(self.env).load()
        reward_reversal_demo.reversal_demo(self.env)
        RegistersDemo(self.env).load()
        PlanningDemo(self.env).load()
        SupplierDemo(self.env).load()
        ContactHistoryDemo(self.env).load()
        DesignerEventDemo(self.env).load()
        PlanningControlDemo(self.env).load()
        self.env["crm.cross.sell.rule"]._refresh(self.env.company)

    def segmentation_history(self, months=6, today=None):
        """Run the segmentation of the current company on the first day of each
        of the last ``months`` months and today, so that the demo shows class
        history and transitions. Runs in the caller's transaction."""
        today = today or fields.Date.context_today(self.env.user)
        Run = self.env["crm.segmentation.run"].with_context(cdl_no_commit=True)
        for back in range(months, 0, -1):
            Run._run_company(
                self.env.company, today + relativedelta(months=-back, day=1)
            )
        return Run._run_company(self.env.company, today)

    def statement_history(self, months=4, today=None):
        """Monthly reward statements of the last ``months`` months, so that the
        demo shows the whole cycle: the older ones confirmed and paid (a vendor
        bill, or carried over when below the minimum payout), last month's
        still a draft to review. The first one takes every earlier entry."""
        today = today or fields.Date.context_today(self.env.user)
        Statement = self.env["designer.reward.statement"]
        history = Statement
        for back in range(months, 0, -1):
            statements = Statement._generate(today + relativedelta(months=-back))
            if back > 1:
                statements.action_confirm()
                statements.action_pay()
            history |= statements
        return history

    def generate(self, designers=20, clients=200, months=24, seed=42, today=None):
        """Create a deterministic demo data set: products, salespeople and teams,
        ``designers`` designers, ``clients`` clients (companies with contacts and
        individuals, ~70% attributed to a designer), ``months`` months of
        confirmed orders with seasonality, their posted invoices, ~5% refunds,
        and payments of ~80% of the invoices older than a month. The period
        ends ``today`` (default: the current date).

        :return: dict of the created records by kind
        """
        if not self.env.is_admin():
            raise AccessError(
                self.env._("Only an administrator can generate demo data.")
            )
        company = self.env.company
        if not self.env["account.journal"].search(
            [*self.env["account.journal"]._check_company_domain(company)]
            + [("type", "=", "sale")],
            limit=1,
        ):
            raise UserError(
                self.env._(
                    "Company %(company)s has no chart of accounts: install one "
                    "before generating the demo data.",
                    company=company.display_name,
                )
            )
        start = time.perf_counter()
        rng = random.Random(seed)
        demo = CrmDesignerDemo(
            self.env(
                context=dict(
                    self.env.context,
                    tracking_disable=True,
                    mail_create_nolog=True,
                    mail_notrack=True,
                )
            )
        )
        today = today or fields.Date.context_today(self.env.user)
        products = demo._demo_products()
        users, teams = demo._demo_salespeople()
        # the styles and document types of data/
        styles = demo.env["res.partner.design.style"].search([])
        designer_partners = demo._demo_designers(rng, designers, users, styles, today)
        client_partners, contacts = demo._demo_clients(
            rng, clients, designer_partners, users
        )
        regular_clients = client_partners[REGULAR_EVERY - 1 :: REGULAR_EVERY]
        orders = demo._demo_orders(
            rng, client_partners, contacts, products, months, today, regular_clients
        )
        invoices = demo._demo_invoices(rng, orders, today)
        refunds = demo._demo_refunds(rng, invoices, today, regular_clients)
        payments = demo._demo_payments(rng, invoices, today)
        dossier = demo._demo_dossier(
            rng, designer_partners, client_partners, contacts, orders, today
        )
        _logger.info(
            "Designer CRM demo data: %s designers, %s clients, %s orders, "
            "%s invoices, %s refunds, %s payments in %.1f s",
            len(designer_partners),
            len(client_partners),
            len(orders),
            len(invoices),
            len(refunds),
            len(payments),
            time.perf_counter() - start,
        )
        return {
            "products": products,
            "users": users,
            "teams": teams,
            "designers": designer_partners,
            "styles": styles,
            "clients": client_partners,
            "contacts": contacts,
            "orders": orders,
            "invoices": invoices,
            "refunds": refunds,
            "payments": payments,
            "regular_clients": regular_clients,
            **dossier,
        }

    def _demo_products(self):
        Category = self.env["product.category"]
        parent = Category.create({"name": "Interior"})
        categories = {
            name: Category.create({"name": name, "parent_id": parent.id})
            for name in ("Furniture", "Finishes", "Lighting")
        }
        return self.env["product.product"].create(
            [
                {
                    "name": name,
                    "categ_id": categories[category].id,
                    "type": "consu",
                    "invoice_policy": "order",
                    "list_price": price,
                    "standard_price": cost,
                }
                for category, name, price, cost, _qty in PRODUCTS
            ]
        )

    def _demo_salespeople(self):
        """Two sales teams of two salespeople each (users found again by login)."""
        teams = self.env["crm.team"].create(
            [{"name": "Showroom"}, {"name": "Design Projects"}]
        )
        Users = self.env["res.users"].with_context(no_reset_password=True)
        groups = [
            self.env.ref("base.group_user").id,
            self.env.ref("base.group_partner_manager").id,
            self.env.ref("crm_designer_loyalty.group_designer_user").id,
        ]
        names = ["Vera Salnikova", "Oleg Markin", "Yulia Grekova", "Roman Tikhonov"]
        users = Users.browse()
        for index, name in enumerate(names, start=1):
            login = f"cdl_demo_sales_{index}"
            user = Users.search([("login", "=", login)], limit=1) or Users.create(
                {
                    "name": name,
                    "login": login,
                    "email": f"{login}@example.com",
                    "groups_id": [Command.set(groups)],
                }
            )
            users |= user
        teams[0].member_ids = users[:2]
        teams[1].member_ids = users[2:]
        return users, teams

    def _person_name(self, rng, first=None, last=None):
        first = first or rng.choice(FIRST_NAMES)
        last = last or rng.choice(LAST_NAMES)
        # Russian surnames agree with the gender of the first name.
        if first in FIRST_NAMES[:8]:
            last += "a"
        return f"{first} {last}"

    def _contact_values(self, rng, name, user):
        slug = name.lower().replace(" ", ".")
        return {
            "name": name,
            "email": f"{slug}@example.com",
            "phone": f"+7 831 {rng.randrange(100, 999)}-{rng.randrange(10, 99)}-"
            f"{rng.randrange(10, 99)}",
            **self._address(name, *rng.choice(CITIES)),
            "user_id": user.id,
            "team_id": user.sale_team_id.id,
        }

    def _address(self, name, city, postcode, streets):
        """An address in ``city`` (Nizhny Novgorod Oblast), drawn from the name
        alone: the generator's random sequence stays what it was."""
        draw = random.Random(f"address {name}")
        return {
            "street": f"{draw.choice(streets)}, {draw.randint(1, 120)}",
            "street2": f"kv. {draw.randint(1, 180)}" if draw.random() < 0.5 else False,
            "city": city,
            "zip": f"{postcode}{draw.randint(0, 160):03d}",
            "state_id": self.env.ref("base.state_ru_niz").id,
            "country_id": self.env.ref("base.ru").id,
        }

    def _demo_named(self, model, vals_list):
        """Records of ``model`` with these values, found by their (unique) name or
        created, in the order of ``vals_list``."""
        Model = self.env[model]
        names = [vals["name"] for vals in vals_list]
        found = {rec.name: rec for rec in Model.search([("name", "in", names)])}
        created = Model.create(
            [vals for vals in vals_list if vals["name"] not in found]
        )
        found.update({rec.name: rec for rec in created})
        return Model.concat(*(found[name] for name in names))

    def _demo_designers(self, rng, count, users, styles, today):
        """Designers with distinct names (numbered beyond the name pool) and
        their profile: studio, specialization, portfolio, styles."""
        pool = [(first, last) for first in FIRST_NAMES for last in LAST_NAMES]
        names = [self._person_name(rng, *pair) for pair in rng.sample(pool, len(pool))]
        values = []
        for index in range(count):
            name = (
                names[index]
                if index < len(names)
                else f"{names[index % len(names)]} {index}"
            )
            slug = name.lower().replace(" ", "-")
            values.append(
                {
                    **self._contact_values(rng, name, rng.choice(users)),
                    "is_designer": True,
                    "function": "Interior Designer",
                    "designer_studio": f"{rng.choice(COMPANY_WORDS)} Design Studio",
                    "designer_specialization": rng.choice(SPECIALIZATIONS),
                    "designer_portfolio_url": f"https://{slug}.example.com",
                    "designer_since": today - timedelta(rng.randint(30, 2000)),
                    "design_style_ids": [
                        Command.set(rng.sample(styles.ids, rng.randint(1, 3)))
                    ],
                }
            )
        return self.env["res.partner"].create(values)

    def _demo_clients(self, rng, count, designers, users):
        """Clients: ~60% companies (half of them with contacts), ~40% persons,
        ~70% attributed to a designer (a few designers bring most clients)."""
        designer_weights = [rng.paretovariate(1.2) for _designer in designers]
        values = []
        for index in range(1, count + 1):
            is_company = rng.random() < 0.6
            if is_company:
                first, second = rng.choice(COMPANY_WORDS), rng.choice(COMPANY_WORDS)
                if second == first:  # not "Stylestyle": the next word instead
                    second = COMPANY_WORDS[
                        (COMPANY_WORDS.index(first) + 1) % len(COMPANY_WORDS)
                    ]
                name = f"{first}{second.lower()} {rng.choice(COMPANY_KINDS)} {index}"
            else:
                name = f"{self._person_name(rng)} {index}"
            designer = rng.choices(designers, designer_weights)[0]
            values.append(
                {
                    **self._contact_values(rng, name, rng.choice(users)),
                    "is_company": is_company,
                    "company_type": "company" if is_company else "person",
                    "designer_id": designer.id if rng.random() < 0.7 else False,
                }
            )
        clients = self.env["res.partner"].create(values)
        contact_values = []
        for client in clients.filtered("is_company"):
            if rng.random() < 0.5:
                for _index in range(rng.randint(1, 3)):
                    contact_values.append(
                        {
                            **self._contact_values(
                                rng, self._person_name(rng), client.user_id
                            ),
                            "parent_id": client.id,
                            "type": "contact",
                            **(
                                {
                                    "character_notes": rng.choice(CHARACTER_NOTES),
                                    "preference_notes": rng.choice(PREFERENCE_NOTES),
                                }
                                if rng.random() < 0.4
                                else {}
                            ),
                        }
                    )
        return clients, self.env["res.partner"].create(contact_values)

    def _demo_orders(self, rng, clients, contacts, products, months, today, regular):
        """Confirmed orders over ``months`` months up to today, with seasonality,
        a long-tailed client activity, late starters and lost clients; the
        ``regular`` clients buy every month (see _demo_regular_orders)."""
        first_month = today.replace(day=1) - relativedelta(months=months - 1)
        price_by_product = dict(zip(products, PRODUCTS, strict=True))
        contacts_by_client = defaultdict(list)
        for contact in contacts:
            contacts_by_client[contact.parent_id].append(contact)
        values = self._demo_regular_orders(rng, regular, products, months, today)
        for client in clients - regular:
            buyers = [client, *contacts_by_client[client]]
            intensity = min(4.0, rng.paretovariate(1.6))
            start = 0 if rng.random() < 0.6 else rng.randrange(months)
            stop = rng.randrange(start, months) + 1 if rng.random() < 0.15 else months
            for month in range(start, stop):
                month_start = first_month + relativedelta(months=month)
                probability = 0.08 * intensity * SEASONALITY[month_start.month]
                if rng.random() >= probability:
                    continue
                last_day = calendar.monthrange(month_start.year, month_start.month)[1]
                if month_start.month == today.month and month_start.year == today.year:
                    last_day = today.day
                day = month_start.replace(day=rng.randint(1, last_day))
                lines = []
                for product in rng.sample(list(products), rng.randint(1, 3)):
                    _category, _name, price, _cost, (low, high) = price_by_product[
                        product
                    ]
                    lines.append(
                        Command.create(
                            {
                                "product_id": product.id,
                                "product_uom_qty": rng.randint(low, high),
                                "price_unit": price,
                                "discount": rng.choice([0, 0, 0, 5, 10]),
                                "analytic_distribution": False,
                            }
                        )
                    )
                values.append(
                    {
                        "partner_id": rng.choice(buyers).id,
                        "designer_id": client.designer_id.id,
                        "user_id": client.user_id.id,
                        "team_id": client.team_id.id,
                        "date_order": fields.Datetime.to_datetime(day)
                        + timedelta(hours=rng.randint(9, 18)),
                        "order_line": lines,
                    }
                )
        # Confirmed in one write: creating lines on confirmed orders would log a
        # message per line, and action_confirm() would reset the order dates.
        orders = self.env["sale.order"].create(values)
        orders.write({"state": "sale"})
        return orders

    def _demo_regular_orders(self, rng, clients, products, months, today):
        """Order values of regular buyers: each month, early enough for the
        invoice to stay in the month, the same finishes product with a quantity
        varying by up to 5% (every other client) or 20% around its mean."""
        first_month = today.replace(day=1) - relativedelta(months=months - 1)
        finishes = [
            product
            for product, spec in zip(products, PRODUCTS, strict=True)
            if spec[0] == "Finishes"
        ]
        values = []
        for index, client in enumerate(clients):
            product = rng.choice(finishes)
            base = rng.randint(30, 60)
            variation = REGULAR_VARIATIONS[index % len(REGULAR_VARIATIONS)]
            for month in range(months):
                month_start = first_month + relativedelta(months=month)
                day = month_start.replace(day=rng.randint(1, 20))
                day = min(day, today)
                # Alternate above and below the mean so that the spread is stable.
                factor = 1 + (-1) ** month * variation * rng.uniform(0.6, 1.0)
                values.append(
                    {
                        "partner_id": client.id,
                        "designer_id": client.designer_id.id,
                        "user_id": client.user_id.id,
                        "team_id": client.team_id.id,
                        "date_order": fields.Datetime.to_datetime(day)
                        + timedelta(hours=rng.randint(9, 18)),
                        "order_line": [
                            Command.create(
                                {
                                    "product_id": product.id,
                                    "product_uom_qty": round(base * factor, 1),
                                    "price_unit": product.list_price,
                                    "analytic_distribution": False,
                                }
                            )
                        ],
                    }
                )
        return values

    def _demo_dossier(self, rng, designers, clients, contacts, orders, today):
        """Dossier rows: significant dates (some within the next week, for the
        reminder cron), installed equipment from the products sold and documents
        on ~20% of the clients, and values of two custom attributes."""
        doc_types = self.env["res.partner.document.type"].search([])
        attributes = self._demo_named(
            "res.partner.attribute",
            [
                {
                    "name": name,
                    "attribute_type": kind,
                    "option_ids": [Command.create({"name": o}) for o, _ru in options],
                }
                for (name, _ru), kind, options in ATTRIBUTES
            ],
        )
        self._demo_russian_attributes(attributes)
        return {
            "significant_dates": self._demo_significant_dates(
                rng, designers, clients, today
            ),
            "equipment": self._demo_equipment(rng, clients, orders, today),
            "document_types": doc_types,
            "documents": self.env["res.partner.document"].create(
                [
                    {
                        "partner_id": client.id,
                        "type_id": doc_type.id,
                        "name": f"{doc_type.name} {client.name}",
                        "number": f"{rng.randint(1, 999):03d}/{today.year}",
                    }
                    for client in clients
                    if rng.random() < 0.2
                    for doc_type in rng.sample(list(doc_types), rng.randint(1, 2))
                ]
            ),
            "attributes": attributes,
            "attribute_values": self._demo_attribute_values(rng, clients, attributes),
        }

    def _demo_russian_attributes(self, attributes):
        """The Russian names of the attributes and their options (Russian is
        activated: the demo company works in Russia)."""
        self.env["res.lang"]._activate_lang("ru_RU")
        for attribute, ((_en, ru), _kind, options) in zip(
            attributes, ATTRIBUTES, strict=True
        ):
            attribute.update_field_translations("name", {"ru_RU": ru})
            for option, (_en_option, ru_option) in zip(
                attribute.option_ids.sorted("id"), options, strict=True
            ):
                option.update_field_translations("name", {"ru_RU": ru_option})

    @staticmethod
    def _anniversary(day, year):
        """``day`` moved to ``year`` (29 February becomes 28 February)."""
        return day.replace(year=year, day=min(day.day, 28 if day.month == 2 else 31))

    def _demo_significant_dates(self, rng, designers, clients, today):
        """Designers' birthdays and professional holiday; birthdays of ~30% of the
        persons and foundation dates of ~30% of the companies among the clients.
        The first of each kind falls within the next week."""
        values, kinds = [], set()
        for partner in designers + clients:
            if partner.is_company:
                kind, years = "company_anniversary", (1995, 2020)
            else:
                kind, years = "birthday", (1960, 2000)
            if not partner.is_designer and rng.random() >= 0.3:
                continue
            soon = (kind, partner.is_designer) not in kinds
            kinds.add((kind, partner.is_designer))
            day = today + timedelta(rng.randint(1, 6) if soon else rng.randint(0, 364))
            values.append(
                {
                    "partner_id": partner.id,
                    # no description: the type says it, in the reader's language
                    "date_type": kind,
                    "date": self._anniversary(day, rng.randint(*years)),
                }
            )
            if partner.is_designer:
                values.append(
                    {
                        "partner_id": partner.id,
                        "date_type": "professional_holiday",
                        "name": "Всемирный день дизайна интерьера",
                        "date": fields.Date.to_date("2000-04-27"),
                        "notes": "Поздравить открыткой и небольшим подарком.",
                    }
                )
        return self.env["res.partner.significant.date"].create(values)

    def _demo_equipment(self, rng, clients, orders, today):
        """Installed equipment: for ~20% of the buying clients, one to two lines
        of furniture or lighting of their orders, installed some days after."""
        lines_by_client = defaultdict(list)
        for line in orders.order_line:
            if line.product_id.categ_id.name != "Finishes":
                lines_by_client[line.order_id.partner_id.commercial_partner_id].append(
                    line
                )
        values = []
        for client in clients:
            lines = lines_by_client.get(client)
            if not lines or rng.random() >= 0.2:
                continue
            for line in rng.sample(lines, min(len(lines), rng.randint(1, 2))):
                values.append(
                    {
                        "partner_id": client.id,
                        "product_id": line.product_id.id,
                        "install_date": min(
                            line.order_id.date_order.date()
                            + timedelta(rng.randint(7, 30)),
                            today,
                        ),
                        "serial_number": f"SN-{rng.randrange(10**5, 10**6)}",
                        "location": rng.choice(EQUIPMENT_LOCATIONS),
                    }
                )
        return self.env["res.partner.equipment"].create(values)

    def _demo_attribute_values(self, rng, clients, attributes):
        """The apartment area of ~40% of the persons, the preferred contact
        channel of ~30% of the clients."""
        area, channel = attributes
        values = []
        for client in clients:
            if not client.is_company and rng.random() < 0.4:
                values.append(
                    {
                        "partner_id": client.id,
                        "attribute_id": area.id,
                        "value_number": rng.randrange(35, 180),
                    }
                )
            if rng.random() < 0.3:
                values.append(
                    {
                        "partner_id": client.id,
                        "attribute_id": channel.id,
                        "value_option_id": rng.choice(channel.option_ids).id,
                    }
                )
        return self.env["res.partner.attribute.value"].create(values)

    def _demo_invoices(self, rng, orders, today):
        """One posted invoice per order, a few days after it."""
        values = []
        for order in orders:
            invoice_date = min(
                order.date_order.date() + timedelta(rng.randint(0, 7)), today
            )
            values.append(
                {
                    **order._prepare_invoice(),
                    "invoice_date": invoice_date,
                    "invoice_line_ids": [
                        Command.create(
                            line._prepare_invoice_line(analytic_distribution=False)
                        )
                        for line in order.order_line
                    ],
                }
            )
        invoices = self.env["account.move"].create(values)
        invoices.action_post()
        return invoices

    def _demo_refunds(self, rng, invoices, today, regular):
        """Credit notes for one returned line of ~5% of the invoices (not of the
        ``regular`` clients, whose monthly revenue stays stable)."""
        values = []
        for invoice in invoices:
            if invoice.commercial_partner_id in regular or rng.random() >= 0.05:
                continue
            line = invoice.invoice_line_ids[0]
            values.append(
                {
                    "move_type": "out_refund",
                    "partner_id": invoice.partner_id.id,
                    "designer_id": invoice.designer_id.id,
                    "reversed_entry_id": invoice.id,
                    "ref": self.env._("Return of %(invoice)s", invoice=invoice.name),
                    "invoice_date": min(
                        invoice.invoice_date + timedelta(rng.randint(5, 40)), today
                    ),
                    "invoice_line_ids": [
                        Command.create(
                            {
                                "product_id": line.product_id.id,
                                "quantity": max(1.0, line.quantity // 2),
                                "price_unit": line.price_unit,
                                "discount": line.discount,
                                "tax_ids": [Command.set(line.tax_ids.ids)],
                                "analytic_distribution": False,
                            }
                        )
                    ],
                }
            )
        refunds = self.env["account.move"].create(values)
        refunds.action_post()
        return refunds

    def _demo_payments(self, rng, invoices, today):
        """Payments of ~80% of the invoices older than a month, reconciled."""
        journal = self.env["account.journal"].search(
            [
                *self.env["account.journal"]._check_company_domain(self.env.company),
                ("type", "=", "bank"),
            ],
            limit=1,
        )
        to_pay = [
            invoice
            for invoice in invoices
            if invoice.invoice_date < today - timedelta(30) and rng.random() < 0.8
        ]
        payments = self.env["account.payment"].create(
            [
                {
                    "payment_type": "inbound",
                    "partner_type": "customer",
                    "partner_id": invoice.commercial_partner_id.id,
                    "amount": invoice.amount_total,
                    "date": min(
                        invoice.invoice_date + timedelta(rng.randint(0, 30)), today
                    ),
                    "journal_id": journal.id,
                    "memo": invoice.name,
                    "invoice_ids": [Command.set(invoice.ids)],
                }
                for invoice in to_pay
            ]
        )
        payments.action_post()
        # Like the payment register wizard: payments without journal entry (no
        # outstanding account) are matched to their invoices, the others reconciled.
        self.env["account.move.line"]._reconcile_plan(
            [
                (payment.move_id.line_ids + invoice.line_ids).filtered(
                    lambda line: (
                        line.account_type == "asset_receivable" and not line.reconciled
                    )
                )
                for payment, invoice in zip(payments, to_pay, strict=True)
                if payment.move_id
            ]
        )
        return payments
