# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date

import psycopg2

from odoo import SUPERUSER_ID, api
from odoo.exceptions import UserError
from odoo.tests import TransactionCase, tagged

RUN_DATE = date(2020, 1, 15)


@tagged("post_install", "-at_install")
class TestSegmentationLock(TransactionCase):
    """A run that another transaction is executing (its row locked) is refused
    with a clear error instead of a second concurrent execution. Real cursors:
    the run is committed by one cursor, locked by a second one and run by a
    third; it is removed afterwards."""

    def _env(self, cr):
        return api.Environment(cr, SUPERUSER_ID, {})

    def test_running_run_refused(self):
        with self.registry.cursor() as cr:
            env = self._env(cr)
            run = env["crm.segmentation.run"].create(
                {"company_id": env.company.id, "date": RUN_DATE}
            )
            run_id, company_id = run.id, env.company.id
        self.addCleanup(self._cleanup, run_id)
        with self.registry.cursor() as worker_cr:
            worker_cr.execute(
                "SELECT id FROM crm_segmentation_run WHERE id = %s FOR UPDATE",
                [run_id],
            )
            with self.registry.cursor() as cr:
                # without the guard the run would wait for the worker's lock
                cr.execute("SET LOCAL lock_timeout = '2s'")
                env = self._env(cr)
                with self.assertRaisesRegex(UserError, "is running already"):
                    env["crm.segmentation.run"]._run_company(
                        env["res.company"].browse(company_id), RUN_DATE
                    )
                cr.rollback()

    def test_run_being_created_refused(self):
        """No run of the day yet: the transaction creating it (its Run Now or
        the cron, not committed yet) holds the day's lock; a second one is
        refused at once, it does not wait for the first to end and fail on
        the unique key."""
        in_progress = (
            r"A segmentation run for company .+ on date 2020-01-15 is already "
            r"in progress\."
        )
        with self.registry.cursor() as worker_cr:
            env = self._env(worker_cr)
            company_id = env.company.id
            self.assertFalse(
                env["crm.segmentation.run"].search([("date", "=", RUN_DATE)])
            )
            env["crm.segmentation.run"]._lock_new(env.company, RUN_DATE)
            with self.registry.cursor() as cr:
                cr.execute("SET LOCAL lock_timeout = '2s'")
                env = self._env(cr)
                with self.assertRaisesRegex(UserError, in_progress) as error:
                    env["crm.segmentation.run"]._run_company(
                        env["res.company"].browse(company_id), RUN_DATE
                    )
                # refused by the day's lock, before any insert
                self.assertIsNone(error.exception.__context__)
                cr.rollback()
            worker_cr.rollback()

    def test_run_created_meanwhile_refused(self):
        """A run of the day created and committed by another transaction after
        this one started (invisible to its snapshot): a clear error, not the
        raw violation of the unique key (company, date)."""
        with self.registry.cursor() as cr:
            cr.execute("SELECT 1")  # this transaction's snapshot starts here
            with self.registry.cursor() as other_cr:
                env = self._env(other_cr)
                run = env["crm.segmentation.run"].create(
                    {"company_id": env.company.id, "date": RUN_DATE}
                )
                run_id, company_id = run.id, env.company.id
            self.addCleanup(self._cleanup, run_id)
            env = self._env(cr)
            with self.assertRaisesRegex(UserError, "is already in progress") as error:
                env["crm.segmentation.run"]._run_company(
                    env["res.company"].browse(company_id), RUN_DATE
                )
            # the insert of the run hit the unique key (company, date)
            self.assertIsInstance(
                error.exception.__context__, psycopg2.errors.UniqueViolation
            )
            cr.rollback()

    def _cleanup(self, run_id):
        with self.registry.cursor() as cr:
            cr.execute("DELETE FROM crm_segmentation_run WHERE id = %s", [run_id])
