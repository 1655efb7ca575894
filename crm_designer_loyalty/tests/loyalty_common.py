# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date

from odoo import Command

from .common import DesignerCrmCommon


class LoyaltyCommon(DesignerCrmCommon):
    """Tiers Base 5 % / Silver 7 % from 1 000 000 / Gold 10 % from 3 000 000 on
    the test company, a payout product, and ledger helpers."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # the accounting test user also configures the program
        cls.env.user.groups_id += cls.env.ref(
            "crm_designer_loyalty.group_designer_config"
        )
        Tier = cls.env["designer.loyalty.tier"]
        cls.tier_base = Tier.create({"name": "Base", "threshold": 0, "rate": 5})
        cls.tier_silver = Tier.create(
            {"name": "Silver", "threshold": 1_000_000, "rate": 7}
        )
        cls.tier_gold = Tier.create(
            {"name": "Gold", "threshold": 3_000_000, "rate": 10}
        )
        cls.payout_product = cls._create_product(
            name="Designer payout", type="service", taxes_id=[Command.clear()]
        )
        cls.company.write(
            {
                "loyalty_payout_product_id": cls.payout_product.id,
                "loyalty_min_payout": 0,
                "loyalty_points_expiry_months": 0,
                "loyalty_threshold_basis": "net",
            }
        )
        cls.Reward = cls.env["designer.reward"]
        cls.Statement = cls.env["designer.reward.statement"]

    @classmethod
    def _set_first_rate(cls, tier, **values):
        """Set the first rate of ``tier`` (valid since always), before any
        entry of the tier."""
        tier.rate_version_ids.filtered(lambda v: not v.date_from).write(values)

    @classmethod
    def _new_rate(cls, tier, day, **values):
        """A rate of ``tier`` valid from ``day``, of the ``values`` given and
        the current ones otherwise."""
        return cls.env["designer.loyalty.tier.rate"].create(
            {
                "tier_id": tier.id,
                "date_from": day,
                "rate": tier.rate,
                "reward_type": tier.reward_type,
                **values,
            }
        )

    @classmethod
    def _paid_invoice(cls, amount, day, designer=None, partner=None, **values):
        invoice = cls._invoice(
            partner or cls.client,
            amount,
            date=day,
            designer_id=(designer or cls.designer).id,
            **values,
        )
        cls._pay(invoice)
        return invoice

    @classmethod
    def _paid_order_invoice(cls, amount, day, salesperson):
        """A confirmed order of the designer's client sold by ``salesperson``,
        invoiced on ``day`` and paid: the invoice and the order are that
        salesperson's own (other salespersons may not read them)."""
        order = cls._order(
            cls.client, amount, user_id=salesperson.id, designer_id=cls.designer.id
        )
        invoice = order._create_invoices()
        invoice.invoice_date = day
        invoice.action_post()
        cls._pay(invoice)
        return order, invoice

    @classmethod
    def _paid_refund(cls, invoice, amount, day):
        refund = cls._refund(invoice, amount, day)
        cls._pay(refund)
        return refund

    def _rewards(self, designer=None, **domain):
        return self.Reward.search(
            [("designer_id", "=", (designer or self.designer).id)]
            + [(key, "=", value) for key, value in domain.items()],
            order="id",
        )

    def _statement(self, year, month, designer=None):
        statements = self.Statement._generate(
            date(year, month, 1), designer or self.designer
        )
        return statements.filtered(
            lambda s: s.designer_id == (designer or self.designer)
        )

    def _carried_january(self):
        """January pays 3 000, below a minimum payout of 5 000: carried over."""
        self.company.loyalty_min_payout = 5_000
        self._paid_invoice(60_000, date(2026, 1, 15))
        january = self._statement(2026, 1)
        january.action_confirm()
        january.action_pay()
        self.assertEqual(january.state, "carried")
        return january

    def _paid_statement(self):
        """The March 2026 statement of an invoice of 100 000 (5 000 at the
        base tier), confirmed and paid by a vendor bill."""
        self._paid_invoice(100_000, date(2026, 3, 10))
        statement = self._statement(2026, 3)
        statement.action_confirm()
        statement.action_pay()
        self.assertEqual(statement.move_id.amount_total, 5_000.0)
        return statement
