# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Issue 12, item 10: the loyalty figures of other salespersons' designers
read empty (see test_partner_access); searching, grouping, summing and
sorting by them tell nothing more, through the calls of a client."""

from datetime import date

from odoo import api
from odoo.tests import tagged

from .dossier_common import DossierCommon
from .loyalty_common import LoyaltyCommon


@tagged("post_install", "-at_install")
class TestPartnerLoyaltySearch(LoyaltyCommon, DossierCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # Anna (user_sales) Gold, Boris (user_sales2) Silver
        for designer, tier, sales, reviewed in (
            (cls.designer, cls.tier_gold, 3_200_000.0, date(2026, 3, 1)),
            (cls.designer2, cls.tier_silver, 1_500_000.0, date(2026, 2, 1)),
        ):
            designer.sudo().write(
                {
                    "loyalty_tier_id": tier.id,
                    "loyalty_rolling_sales": sales,
                    "loyalty_review_date": reviewed,
                }
            )
        cls.designers = cls.designer | cls.designer2

    def _call(self, user, method, *args, **kwargs):
        """``method`` of res.partner called by ``user`` as JSON-RPC does."""
        return api.call_kw(
            self.env["res.partner"].with_user(user), method, list(args), kwargs
        )

    def _names(self, user, domain, order=None):
        rows = self._call(
            user,
            "search_read",
            domain=[("id", "in", self.designers.ids), *domain],
            fields=["name"],
            order=order,
        )
        return [row["name"] for row in rows]

    def test_search_by_other_designers_figures(self):
        """A salesperson finds their own designer by its figures, never the
        designer of another team, whatever the condition."""
        gold, silver = self.tier_gold.id, self.tier_silver.id
        for domain, own, manager in (
            ([("loyalty_tier_id", "=", silver)], [], ["Boris Designer"]),
            ([("loyalty_tier_id", "=", gold)], ["Anna Designer"], ["Anna Designer"]),
            ([("loyalty_tier_id.name", "=", "Silver")], [], ["Boris Designer"]),
            ([("loyalty_tier_id", "in", [silver])], [], ["Boris Designer"]),
            ([("loyalty_rolling_sales", ">=", 1_000_000)], ["Anna Designer"], None),
            ([("loyalty_rolling_sales", "<", 2_000_000)], [], ["Boris Designer"]),
            ([("loyalty_review_date", "=", "2026-02-01")], [], ["Boris Designer"]),
        ):
            with self.subTest(domain=domain):
                self.assertEqual(self._names(self.user_sales, domain), own)
                if manager is not None:
                    self.assertEqual(self._names(self.user_loyalty, domain), manager)
        # the values of the cache, shared by the transaction, stay right
        self.assertEqual(self.designer2.sudo().loyalty_tier_id, self.tier_silver)
        self.assertEqual(self.designer2.sudo().loyalty_rolling_sales, 1_500_000.0)

    def test_group_by_other_designers_figures(self):
        """Grouped by tier (or review month), the designer of another team
        falls in the empty group; the sum of the rolling sales leaves it out."""
        domain = [("id", "in", self.designers.ids)]

        def groups(user, groupby):
            return [
                (
                    group[groupby],
                    group[f"{groupby}_count"],
                    group["loyalty_rolling_sales"],
                )
                for group in self._call(
                    user,
                    "read_group",
                    domain,
                    ["loyalty_rolling_sales:sum"],
                    [groupby],
                    lazy=True,
                )
            ]

        self.assertEqual(
            groups(self.user_sales, "loyalty_tier_id"),
            [((self.tier_gold.id, "Gold"), 1, 3_200_000.0), (False, 1, 0.0)],
        )
        self.assertEqual(
            groups(self.user_sales, "loyalty_review_date"),
            [("March 2026", 1, 3_200_000.0), (False, 1, 0.0)],
        )
        self.assertEqual(
            groups(self.user_loyalty, "loyalty_tier_id"),
            [
                ((self.tier_silver.id, "Silver"), 1, 1_500_000.0),
                ((self.tier_gold.id, "Gold"), 1, 3_200_000.0),
            ],
        )
        # the total of all the designers (no group) leaves it out too
        total = self._call(
            self.user_sales, "read_group", domain, ["loyalty_rolling_sales:sum"], []
        )
        self.assertEqual(total[0]["loyalty_rolling_sales"], 3_200_000.0)

    def test_order_by_other_designers_figures(self):
        """Sorted by rolling sales, review date or tier, the designer of another
        team sorts as an empty value: first in descending order, last in
        ascending order, whatever its figures."""
        for order in (
            "loyalty_rolling_sales",
            "loyalty_review_date",
            "loyalty_tier_id",
        ):
            with self.subTest(order=order):
                self.assertEqual(
                    self._names(self.user_sales, [], f"{order} asc"),
                    ["Anna Designer", "Boris Designer"],
                )
                self.assertEqual(
                    self._names(self.user_sales, [], f"{order} desc"),
                    ["Boris Designer", "Anna Designer"],
                )
                # the Loyalty Manager sorts by the figures
                self.assertEqual(
                    self._names(self.user_loyalty, [], f"{order} asc"),
                    ["Boris Designer", "Anna Designer"],
                )
