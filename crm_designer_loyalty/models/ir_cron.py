# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import threading

from odoo import api, models


class IrCron(models.Model):
    _inherit = "ir.cron"

    @api.model
    def _cdl_may_commit(self):
        """Whether a long job of this module may commit its batches: not in
        tests, nor when the caller runs inside a larger transaction (context key
        ``cdl_no_commit``, e.g. while demo data are loaded). A client may send
        that key: harmless, it only keeps a job in one transaction."""
        return not (
            getattr(threading.current_thread(), "testing", False)
            or self.env.context.get("cdl_no_commit")
        )

    @api.model
    def _cdl_batch_done(self, done, remaining):
        """End of a batch of a long job of this module: report the progress and
        commit (see :meth:`_cdl_may_commit`), so that a crash resumes after the
        last batch."""
        self._notify_progress(done=done, remaining=remaining)
        if self._cdl_may_commit():
            self.env.cr.commit()  # pylint: disable=invalid-commit
