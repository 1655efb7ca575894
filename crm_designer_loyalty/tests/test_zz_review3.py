# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Adversarial review of the segmentation engine: each test shows one bug
(it fails on the reviewed code)."""

from datetime import date, timedelta

from odoo.exceptions import AccessError, UserError
from odoo.tests import new_test_user, tagged
from odoo.tools import mute_logger

from ..analytics import segmentation
from .common import DesignerCrmCommon

RUN_DATE = date(2025, 7, 15)


@tagged("post_install", "-at_install")
class TestReview3Segmentation(DesignerCrmCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env.user.groups_id |= cls.env.ref(
            "crm_designer_loyalty.group_designer_config"
        )
        cls.company.write(
            {
                "segment_window_months": 12,
                "segment_abc_basis": "revenue",
                "segment_abc_a": 80,
                "segment_abc_b": 95,
                "segment_xyz_x": 10,
                "segment_xyz_y": 25,
                "segment_xyz_min_months": 3,
                "segment_lost_days": 365,
                "segment_at_risk_factor": 2,
            }
        )
        cls.sofa = cls.env["product.product"].create(
            {"name": "Sofa", "list_price": 100, "standard_price": 40}
        )
        cls.Run = cls.env["crm.segmentation.run"]
        cls.Snapshot = cls.env["res.partner.segment.snapshot"]

    @classmethod
    def _sale(cls, partner, amount, invoice_date, move_type="out_invoice"):
        return cls._invoice(
            partner, amount, invoice_date, move_type=move_type, product=cls.sofa
        )

    def _run(self, run_date=RUN_DATE, **kwargs):
        return self.Run._run_company(self.company, run_date, **kwargs)

    def _snap(self, partner, run_date=RUN_DATE):
        return self.Snapshot.search(
            [
                ("partner_id", "=", partner.id),
                ("date", "=", run_date),
                ("company_id", "=", self.company.id),
            ]
        )

    def test_same_day_purchases_never_at_risk(self):
        """Spec: at risk = regular whose last purchase is older than twice the
        median interval between purchases. Two invoices on 2025-03-03: one
        interval of 0 days; 134 days later the client is far past 2 x 0 days,
        but the median is NULL (zero gaps are dropped) and the client stays
        'regular' until lost."""
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

    def test_unfinished_run_of_previous_day_left_half_written(self):
        """A run interrupted after some committed batches (crash, or a
        psycopg2 error caught by the cron, which then goes on) is resumed only
        if the cron runs again the same day: the next night's cron starts a
        new day and leaves the previous run 'Writing Snapshots' for ever, its
        partial snapshot rows in the history (Class Counts over Time) and its
        classification in the result table."""
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
        self.assertNotEqual(run.state, "computed", "previous day's run never ends")
        self.assertIn(rows, (0, 6), "partial day left in the snapshot history")

    def test_portal_user_reads_own_segment_classes(self):
        """The class fields of res.partner have no groups and are computed with
        sudo: a portal client (or designer) reads through RPC that the company
        ranks him C / lost / RFM 111 ("the classes are public" was meant for
        the internal users)."""
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
        try:
            values = client.with_user(portal).read(["customer_status", "abc_class"])
        except AccessError:
            return
        self.fail(f"the portal client reads its own classes: {values}")

    def test_confirmed_order_without_invoice_has_no_status(self):
        """A client with a confirmed sales order not invoiced yet: no posted
        invoice, so not one-time/regular; the order is no longer a quotation,
        so not potential either: the client gets no snapshot row and no status
        at all, while a client with a mere draft quotation is 'potential'."""
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

    def test_rfm_identical_clients_get_different_scores(self):
        """Five clients with the same history (one invoice of 100 on the same
        day): equal recency, frequency and money. ntile(5) over ties split by
        partner id gives them RFM 555 ... 111: the oldest record is 'Best', the
        newest 'Lost'. Ties must share a quintile (a one-invoice client is
        scored F 4-5, 'Loyal', only because of its id)."""
        clients = self.env["res.partner"].create(
            [{"name": f"Twin {i}", "is_company": True} for i in range(5)]
        )
        for client in clients:
            self._sale(client, 100, date(2025, 6, 10))
        self._run()
        scores = {self._snap(client).rfm_score for client in clients}
        self.assertEqual(len(scores), 1, f"identical clients scored {scores}")

    def test_deleted_run_leaves_orphan_snapshots(self):
        """A consultant (Configuration: unlink right on runs) deletes the
        latest run: its snapshot rows stay (no link to the run), the partners
        keep showing its classes, and the explanation, which reads the
        thresholds from the run, now says "A below 0.0 %, B below 0.0 %"."""
        client = self.env["res.partner"].create({"name": "Orphan", "is_company": True})
        self._sale(client, 100, date(2025, 6, 10))
        run = self._run()
        self.assertEqual(client.abc_class, "A")
        try:
            run.with_user(self.user_config).unlink()
        except UserError:
            return  # refusing to delete a finished run is a fix too
        self.env.invalidate_all()
        orphans = self.Snapshot.search([("date", "=", RUN_DATE)])
        self.assertFalse(
            orphans,
            f"rows of a deleted run, explained as: {orphans[:1].explanation}",
        )

    def test_rfm_best_client_of_small_base_not_best(self):
        """ntile(5) ordered worst first: with fewer than 5 scored clients the
        best one gets the number of clients, not 5. Three clients: the one who
        bought last, most often and most is RFM 333 ('Core'), and the only
        client of a new company is RFM 111, value segment 'Lost', 35 days
        after his purchase. Spec: 5 best."""
        best, mid, low = self.env["res.partner"].create(
            [{"name": name, "is_company": True} for name in ("Best", "Mid", "Low")]
        )
        for day in (2, 9, 16, 23):
            self._sale(best, 1000, date(2025, 6, day))
        self._sale(mid, 200, date(2025, 3, 3))
        self._sale(mid, 200, date(2025, 4, 3))
        self._sale(low, 50, date(2025, 1, 3))
        self._run()
        self.assertEqual(self._snap(low).rfm_score, "111")
        self.assertEqual(self._snap(best).rfm_score, "555")

    def test_group_partners_by_class_before_any_run(self):
        """Before the first run of the company (segment_last_date empty), or in
        a second company never segmented: grouping or sorting the contacts by
        ABC class (partner search view's group-by) builds
        ``snapshot.date = false`` and PostgreSQL fails with "operator does not
        exist: date = boolean"."""
        self.assertFalse(self.company.segment_last_date)
        self.env.flush_all()
        Partner = self.env["res.partner"]
        domain = [("id", "=", self.client.id)]
        with mute_logger("odoo.sql_db"), self.env.cr.savepoint():
            groups = Partner._read_group(domain, ["abc_class"], ["__count"])
        self.assertEqual(groups, [(False, 1)])
        with mute_logger("odoo.sql_db"), self.env.cr.savepoint():
            found = Partner.search(domain, order="abc_class")
        self.assertEqual(found, self.client)
