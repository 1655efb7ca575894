# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Edge cases of the segmentation engine, each on its own small dataset."""

from datetime import date, timedelta

from odoo.exceptions import AccessError, UserError
from odoo.tests import new_test_user, tagged

from ..analytics import segmentation
from .segmentation_common import SegmentationCommon


@tagged("post_install", "-at_install")
class TestSegmentationEdgeCases(SegmentationCommon):
    def test_same_day_purchases_at_risk(self):
        """At risk: a regular client whose last purchase is older than twice the
        median interval between purchases. Two invoices on 2025-03-03: one
        interval of 0 days; 134 days later the client is past 2 x 0 days."""
        client = self.env["res.partner"].create(
            {"name": "Same Day", "is_company": True}
        )
        self._sale(client, 100, date(2025, 3, 3))
        self._sale(client, 100, date(2025, 3, 3))
        self._run()
        snap = self._snap(client)
        self.assertEqual(snap.invoice_count, 2)
        self.assertEqual(snap.recency_days, 134)
        self.assertEqual(snap.customer_status, "at_risk")

    def test_unfinished_run_of_previous_day_resumed(self):
        """A run interrupted after some committed batches (crash, or an error
        caught by the cron, which goes on with the other companies) is finished
        by the next night's cron, before the run of the new day."""
        yesterday = date.today() - timedelta(days=1)
        partners = self.env["res.partner"].create(
            [{"name": f"Client {i}", "is_company": True} for i in range(6)]
        )
        for partner in partners:
            self._sale(partner, 100, yesterday - timedelta(days=40))
        run = self._run(yesterday, batch_size=2)
        self.assertEqual((run.state, run.partner_count), ("done", 6))
        # the state of a crash after the first batch (as test_14 builds it)
        segmentation.build_result(self.env.cr, run._params(), run.id)
        first_batch = partners.sorted("id")[:2]
        self.env.cr.execute(
            "DELETE FROM res_partner_segment_snapshot"
            " WHERE date = %s AND partner_id > %s",
            [yesterday, first_batch[-1].id],
        )
        run.write({"state": "computed", "progress_partner_id": first_batch[-1].id})
        self.env.invalidate_all()
        # the next night
        self.Run._cron_segmentation(batch_size=2)
        rows = self.Snapshot.search_count([("date", "=", yesterday)])
        self.assertEqual(run.state, "done")
        self.assertEqual(rows, 6)
        self.assertFalse(segmentation.has_result(self.env.cr, run.id))
        today = self.Run.search([("date", "=", date.today())])
        self.assertEqual((today.state, today.partner_count), ("done", 6))

    def test_portal_user_cannot_read_segment_classes(self):
        """The classes are public to employees, not to the client himself
        (portal user)."""
        client = self.env["res.partner"].create(
            {"name": "Portal Client", "is_company": True}
        )
        self._sale(client, 100, date(2024, 3, 3))
        self._run()
        self.assertEqual(self._snap(client).customer_status, "lost")
        portal = new_test_user(
            self.env,
            "cdl_review3_portal",
            groups="base.group_portal",
            partner_id=client.id,
        )
        with self.assertRaises(AccessError):
            client.with_user(portal).read(["customer_status", "abc_class"])
        self.assertEqual(client.with_user(self.user_sales2).customer_status, "lost")

    def test_confirmed_order_without_invoice_is_potential(self):
        """No posted invoice yet, but a quotation or a confirmed order not
        invoiced yet: potential."""
        quoted, ordered = self.env["res.partner"].create(
            [
                {"name": "Quoted", "is_company": True},
                {"name": "Ordered", "is_company": True},
            ]
        )
        self._order(quoted, 500, confirm=False)
        self._order(ordered, 500, confirm=True)
        self._run()
        self.assertEqual(self._snap(quoted).customer_status, "potential")
        self.assertEqual(self._snap(ordered).customer_status, "potential")

    def test_rfm_identical_clients_share_scores(self):
        """Five clients with the same history (one invoice of 100 on the same
        day): one distinct value per measure, all score 5 (none is worse)."""
        clients = self.env["res.partner"].create(
            [{"name": f"Twin {i}", "is_company": True} for i in range(5)]
        )
        for client in clients:
            self._sale(client, 100, date(2025, 6, 10))
        self._run()
        self.assertEqual({self._snap(client).rfm_score for client in clients}, {"555"})

    def test_rfm_one_time_buyers_tie_at_the_bottom(self):
        """Ten clients, frequencies 5, 5, 5 and seven times 1: two distinct
        frequencies, F 5 for the three repeat buyers and F 1 for the seven
        one-time buyers: a recent one-time buyer is no Champion. Recency and
        revenue are all distinct (n 10), scored 1 + floor(4 (d - 1) / 9) from
        the worst (d 1) to the best (d 10): 1 1 1 2 2 3 3 4 4 5.

        R: repeaters June 10..12 (1 1 1), one-timers June 20..26 (2 2 3 3 4 4 5)
        M: one-timers 50..56 (1 1 1 2 2 3 3), repeaters 500, 510, 520 (4 4 5)
        """
        repeaters = self.env["res.partner"].create(
            [{"name": f"Repeat {i}", "is_company": True} for i in range(3)]
        )
        for i, client in enumerate(repeaters):
            for day in (1, 2, 3, 4):
                self._sale(client, 100, date(2025, 6, day))
            self._sale(client, 100 + 10 * i, date(2025, 6, 10 + i))
        once = self.env["res.partner"].create(
            [{"name": f"Once {j}", "is_company": True} for j in range(7)]
        )
        for j, client in enumerate(once):
            self._sale(client, 50 + j, date(2025, 6, 20 + j))
        self._run()
        snaps = [self._snap(client) for client in repeaters | once]
        self.assertEqual([s.frequency for s in snaps], [5, 5, 5, 1, 1, 1, 1, 1, 1, 1])
        self.assertEqual([s.f_score for s in snaps], [5, 5, 5, 1, 1, 1, 1, 1, 1, 1])
        self.assertEqual(
            [s.rfm_score for s in snaps],
            ["154", "154", "155", "211", "211", "311", "312", "412", "413", "513"],
        )
        # the most recent one-time buyer: R 5, M 3, but F 1
        self.assertEqual(snaps[-1].rfm_segment_id.name, "Least Attractive")

    def test_rfm_one_repeat_buyer_among_one_time_buyers(self):
        """One client with two invoices and nine with one: F 5 for the repeat
        buyer, F 1 for the nine, not 5 for all ten."""
        repeat, *once = self.env["res.partner"].create(
            [{"name": f"Client {i}", "is_company": True} for i in range(10)]
        )
        self._sale(repeat, 100, date(2025, 5, 5))
        self._sale(repeat, 100, date(2025, 6, 5))
        for client in once:
            self._sale(client, 100, date(2025, 6, 10))
        self._run()
        self.assertEqual(self._snap(repeat).f_score, 5)
        self.assertEqual({self._snap(client).f_score for client in once}, {1})
        # the nine bought on the latest day: they tie, and take R 5 (regression:
        # ties took the worst tile of their group, so no client ever got R 5)
        self.assertEqual({self._snap(client).r_score for client in once}, {5})
        self.assertEqual(self._snap(repeat).r_score, 1)

    def test_rfm_every_score_reached_from_five_distinct_values(self):
        """Seven clients, five distinct recencies (two ties): the scores are 1
        to 5 in order of recency, ties share theirs, the latest day is R 5."""
        clients = self.env["res.partner"].create(
            [{"name": f"Day {i}", "is_company": True} for i in range(7)]
        )
        days = (1, 5, 5, 10, 15, 20, 20)
        for client, day in zip(clients, days, strict=True):
            self._sale(client, 100, date(2025, 6, day))
        self._run()
        self.assertEqual(
            [self._snap(client).r_score for client in clients], [1, 2, 2, 3, 4, 5, 5]
        )

    def test_run_with_snapshots_cannot_be_deleted(self):
        """The rows of a run are the class history (and the current classes):
        the run is not deleted; a run without rows is."""
        client = self.env["res.partner"].create({"name": "Orphan", "is_company": True})
        self._sale(client, 100, date(2025, 6, 10))
        run = self._run()
        self.assertEqual(client.abc_class, "A")
        with self.assertRaisesRegex(UserError, "cannot be deleted"):
            run.with_user(self.user_config).unlink()
        self.assertEqual(self._snap(client).abc_class, "A")
        empty = self._run(date(2020, 1, 15))
        self.assertEqual(empty.partner_count, 0)
        empty.with_user(self.user_config).unlink()
        self.assertFalse(empty.exists())

    def test_rfm_best_client_of_small_base(self):
        """Three clients, three distinct values per measure: the best scores 5,
        the worst 1, the middle one 3 (percent rank 0.5)."""
        best, mid, low = self.env["res.partner"].create(
            [{"name": name, "is_company": True} for name in ("Best", "Mid", "Low")]
        )
        for day in (2, 9, 16, 23):
            self._sale(best, 1000, date(2025, 6, day))
        self._sale(mid, 200, date(2025, 3, 3))
        self._sale(mid, 200, date(2025, 4, 3))
        self._sale(low, 50, date(2025, 1, 3))
        self._run()
        self.assertEqual(
            [self._snap(p).rfm_score for p in (best, mid, low)], ["555", "333", "111"]
        )
        self.assertEqual(self._snap(best).rfm_segment_id.name, "Best")

    def test_group_partners_by_class_before_any_run(self):
        """Before the first run of the company, partners group and sort by
        class (all without class)."""
        self.assertFalse(self.company.segment_last_date)
        self.env.flush_all()
        Partner = self.env["res.partner"]
        domain = [("id", "=", self.client.id)]
        groups = Partner._read_group(domain, ["abc_class"], ["__count"])
        self.assertEqual(groups, [(False, 1)])
        found = Partner.search(domain, order="abc_class")
        self.assertEqual(found, self.client)
