# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date

from odoo.tests import tagged

from ..demo import currency_demo
from .common import DesignerCrmCommon

DAY = date(2025, 7, 1)


@tagged("post_install", "-at_install")
class TestDemoCurrency(DesignerCrmCommon):
    """The demo company works in roubles: the test company (US dollars, a
    chart of accounts) switches when its only journal entries are those of
    account's demo data."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.usd = cls.company.currency_id
        cls.rub = cls.env.ref("base.RUB")
        cls.eur = cls.env.ref("base.EUR")
        # shared rates (per US dollar) of the day
        cls.env["res.currency.rate"].create(
            [
                {"currency_id": cls.rub.id, "name": DAY, "rate": 90.0},
                {"currency_id": cls.eur.id, "name": DAY, "rate": 0.9},
            ]
        )
        cls.pricelist = cls.env["product.pricelist"].create(
            {
                "name": "Company list",
                "currency_id": cls.usd.id,
                "company_id": cls.company.id,
            }
        )

    def _rate(self, from_currency, to_currency):
        return from_currency._get_conversion_rate(
            from_currency, to_currency, self.company, DAY
        )

    def test_core_demo_entries_replaced_by_roubles(self):
        """The entries of account's demo data are deleted, the company
        switches to roubles."""
        self.assertEqual(self.usd.name, "USD")
        invoice = self._invoice(self.client, 100, DAY)
        self.env["ir.model.data"].create(
            {
                "module": "account",
                "name": f"{self.company.id}_demo_invoice_cdl",
                "model": "account.move",
                "res_id": invoice.id,
            }
        )
        self.assertTrue(currency_demo.company_in_roubles(self.env))
        self.assertFalse(invoice.exists())
        self.assertEqual(self.company.currency_id, self.rub)
        self.assertEqual(self.pricelist.currency_id, self.rub)
        # the company's rates are per rouble, cross rates kept
        self.assertAlmostEqual(self._rate(self.rub, self.rub), 1.0)
        self.assertAlmostEqual(self._rate(self.usd, self.rub), 90.0)
        self.assertAlmostEqual(self._rate(self.rub, self.eur), 0.01)
        self.assertAlmostEqual(self._rate(self.eur, self.usd), 1 / 0.9)
        # the shared rates (other companies) are unchanged
        shared = self.env["res.currency.rate"].search(
            [("currency_id", "=", self.rub.id), ("name", "=", DAY)]
        )
        self.assertEqual(shared.mapped("rate"), [90.0])
        # an invoice of the demo is in roubles
        self.assertEqual(self._invoice(self.client, 100, DAY).currency_id, self.rub)
        # done once
        self.assertTrue(currency_demo.company_in_roubles(self.env))
        self.assertEqual(self.company.currency_id, self.rub)

    def test_company_with_its_own_entries_keeps_its_currency(self):
        invoice = self._invoice(self.client, 100, DAY)
        self.assertFalse(currency_demo.company_in_roubles(self.env))
        self.assertTrue(invoice.exists())
        self.assertEqual(invoice.state, "posted")
        self.assertEqual(self.company.currency_id, self.usd)
        self.assertEqual(self.pricelist.currency_id, self.usd)
        self.assertAlmostEqual(self._rate(self.usd, self.rub), 90.0)
