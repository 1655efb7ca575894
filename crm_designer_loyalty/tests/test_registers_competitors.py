# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date

from dateutil.relativedelta import relativedelta

from odoo import fields
from odoo.exceptions import AccessError, ValidationError
from odoo.tests import tagged

from ..analytics.registers import share_of_wallet
from .dossier_common import DossierCommon


@tagged("post_install", "-at_install")
class TestCompetitors(DossierCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.competitor = cls.env["crm.competitor"].create(
            {
                "name": "Mebel Plus",
                "outlet_ids": [
                    (0, 0, {"name": "Salon on Pokrovka", "city": "Nizhny Novgorod"})
                ],
            }
        )
        cls.lighting = cls.env["product.category"].create({"name": "Lighting"})
        cls.sold_category = cls.product_a.categ_id
        # our sales: 600 in March, a refund of 100 in April (net 500)
        invoice = cls._invoice(cls.client, 600.0, date=date(2026, 3, 10))
        cls._refund(invoice, 100.0, date(2026, 4, 5))
        cls._invoice(cls.client_other, 1000.0, date=date(2026, 3, 10))
        Deal = cls.env["crm.competitor.deal"]
        cls.deals = Deal.create(
            [
                cls._deal_values(cls.client, date(2026, 3, 20), 300.0, cls.lighting),
                cls._deal_values(
                    cls.client, date(2026, 5, 2), 200.0, cls.sold_category
                ),
                # outside the period
                cls._deal_values(cls.client, date(2025, 12, 31), 999.0, cls.lighting),
            ]
        )

    @classmethod
    def _deal_values(cls, partner, day, amount, category):
        return {
            "partner_id": partner.id,
            "competitor_id": cls.competitor.id,
            "date": day,
            "amount": amount,
            "categ_id": category.id,
        }

    def test_share_of_wallet_by_hand(self):
        figures = share_of_wallet(
            self.env.cr,
            self.company.id,
            date(2026, 1, 1),
            date(2026, 12, 31),
            [self.client.id, self.client_other.id],
        )
        # client: ours 600 - 100 = 500, theirs 300 + 200 = 500: 50 %
        self.assertEqual(figures[self.client.id], (500.0, 500.0, 50.0))
        # no competitor deal: all of the needs are ours
        self.assertEqual(figures[self.client_other.id], (1000.0, 0.0, 100.0))

    def test_share_of_wallet_report_by_month_and_grouped(self):
        Report = self.env["crm.share.of.wallet.report"]
        domain = [("partner_id", "=", self.client.id), ("month", ">=", "2026-01-01")]
        rows = {
            row.month: (row.our_sales, row.competitor_amount, round(row.share, 2))
            for row in Report.search(domain)
        }
        self.assertEqual(
            rows,
            {
                date(2026, 3, 1): (600.0, 300.0, 66.67),
                date(2026, 4, 1): (-100.0, 0.0, 0.0),  # no needs: no share
                date(2026, 5, 1): (0.0, 200.0, 0.0),
            },
        )
        [group] = Report.read_group(
            domain, ["our_sales:sum", "competitor_amount:sum", "share:avg"], []
        )
        # the share of the sums, not the mean of the monthly shares
        self.assertEqual(
            (group["our_sales"], group["competitor_amount"], group["share"]),
            (500.0, 500.0, 50.0),
        )

    def test_dossier_figures_for_the_followers_only(self):
        client = self.env["res.partner"].create(
            {"name": "Client Three", "user_id": self.user_sales.id}
        )
        today = fields.Date.context_today(client)
        self._invoice(client, 300.0, date=today)
        self.env["crm.competitor.deal"].create(
            [
                self._deal_values(client, today, 100.0, self.lighting),
                # 13 months ago: out of the dossier's 12 months
                self._deal_values(
                    client, today - relativedelta(months=13), 50.0, self.lighting
                ),
            ]
        )
        own = client.with_user(self.user_sales)
        self.assertEqual(
            (own.wallet_our_sales, own.wallet_competitor_amount, own.wallet_share),
            (300.0, 100.0, 75.0),
        )
        other = client.with_user(self.user_sales2)
        self.assertEqual(
            (other.wallet_our_sales, other.wallet_competitor_amount), (0.0, 0.0)
        )

    def test_bought_elsewhere_not_sold_by_us(self):
        groups = self.env["crm.competitor.elsewhere.report"].read_group(
            [("partner_id", "=", self.client.id)],
            ["amount:sum"],
            ["categ_id", "sold_by_us"],
            lazy=False,
        )
        self.assertEqual(
            {(g["categ_id"][0], g["sold_by_us"]): g["amount"] for g in groups},
            {(self.lighting.id, False): 1299.0, (self.sold_category.id, True): 200.0},
        )

    def test_price_gap(self):
        self.product_a.lst_price = 400.0
        observation = self.env["crm.competitor.price"].create(
            {
                "product_id": self.product_a.id,
                "competitor_id": self.competitor.id,
                "price": 350.0,
            }
        )
        self.assertEqual(observation.our_price, 400.0)
        self.assertEqual(observation.gap_percent, -12.5)
        with self.assertRefused(ValidationError, "the prices must be positive"):
            observation.price = 0.0
        with self.assertRefused(ValidationError, "must be a finite number"):
            observation.price = float("inf")

    def test_price_gap_beside_our_sales(self):
        Price = self.env["crm.competitor.price"]
        for day, price, ours in (
            (date(2026, 3, 5), 350.0, 400.0),
            (date(2026, 3, 25), 500.0, 400.0),
            (date(2026, 5, 5), 300.0, 400.0),
        ):
            Price.create(
                {
                    "product_id": self.product_a.id,
                    "competitor_id": self.competitor.id,
                    "date": day,
                    "price": price,
                    "our_price": ours,
                }
            )
        Report = self.env["crm.competitor.price.report"]
        domain = [("product_id", "=", self.product_a.id), ("month", ">=", "2026-01-01")]
        rows = {
            row.month: (
                row.quantity,
                row.revenue,
                row.observation_count,
                row.gap_percent,
            )
            for row in Report.search(domain)
        }
        self.assertEqual(
            rows,
            {
                # invoices of 600 and 1000; (850 - 800) / 800
                date(2026, 3, 1): (2.0, 1600.0, 2, 6.25),
                date(2026, 4, 1): (-1.0, -100.0, 0, 0.0),  # the refund
                date(2026, 5, 1): (0.0, 0.0, 1, -25.0),
            },
        )
        [group] = Report.read_group(domain, ["gap_percent:avg"], [])
        # (1150 - 1200) / 1200 of the summed prices
        self.assertAlmostEqual(group["gap_percent"], -50 / 12, places=9)

    def test_salesperson_sees_and_writes_own_clients_only(self):
        Deal = self.env["crm.competitor.deal"].with_user(self.user_sales2)
        self.assertFalse(Deal.search([("id", "in", self.deals.ids)]))
        with self.assertRaises(AccessError):
            self.deals[0].with_user(self.user_sales2).read(["amount"])
        with self.assertRaises(AccessError):
            Deal.create(
                self._deal_values(self.client, date(2026, 6, 1), 10.0, self.lighting)
            )
        own = self.deals[0].with_user(self.user_sales)
        own.amount = 310.0
        with self.assertRefused(AccessError, "only assign a row to a client you"):
            own.partner_id = self.client_other
        self.assertEqual(self.deals[0].partner_id, self.client)
        # the report follows the same clients
        self.assertFalse(
            self.env["crm.share.of.wallet.report"]
            .with_user(self.user_sales2)
            .search([("partner_id", "=", self.client.id)])
        )
        activity = self.env["crm.competitor.activity"].create(
            {
                "partner_id": self.client.id,
                "competitor_id": self.competitor.id,
                "kind": "discount",
                "discount": 15.0,
            }
        )
        with self.assertRaises(AccessError):
            activity.with_user(self.user_sales2).read(["kind"])
        with self.assertRefused(AccessError, "only assign a row to a client you"):
            activity.with_user(self.user_sales).partner_id = self.client_other
        with self.assertRefused(ValidationError, "between 0 and 100"):
            activity.discount = 120.0

    def test_bad_deal_amount_refused(self):
        with self.assertRefused(ValidationError, "the amount must be positive"):
            self.env["crm.competitor.deal"].create(
                self._deal_values(self.client, date(2026, 6, 1), -5.0, self.lighting)
            )
