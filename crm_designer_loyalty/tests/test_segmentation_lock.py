# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date

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

    def _cleanup(self, run_id):
        with self.registry.cursor() as cr:
            cr.execute("DELETE FROM crm_segmentation_run WHERE id = %s", [run_id])
