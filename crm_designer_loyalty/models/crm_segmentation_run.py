# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import logging
import tempfile
import time

import psycopg2

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import config, mute_logger

from ..analytics import segmentation

_logger = logging.getLogger(__name__)

MAX_PARTNER_ID = 2**31 - 1
BATCH_SIZE = 50000
# run field -> key of the segmentation parameters: the thresholds in force,
# copied from the company settings when a run starts
RUN_PARAMS = {
    "date_from": "date_from",
    "date_to": "date_to",
    "window_months": "months",
    "abc_basis": "basis",
    "abc_a": "abc_a",
    "abc_b": "abc_b",
    "xyz_x": "xyz_x",
    "xyz_y": "xyz_y",
    "min_months": "min_months",
    "lost_days": "lost_days",
    "at_risk_factor": "at_risk_factor",
    "false_leader_share": "false_leader_share",
    "false_leader_months": "false_leader_months",
}


class CrmSegmentationRun(models.Model):
    _name = "crm.segmentation.run"
    _description = "Client Segmentation Run"
    _order = "date desc, id desc"

    name = fields.Char(compute="_compute_name")
    date = fields.Date(
        required=True, readonly=True, default=fields.Date.context_today, index=True
    )
    company_id = fields.Many2one(
        "res.company", required=True, readonly=True, default=lambda s: s.env.company
    )
    state = fields.Selection(
        [
            ("draft", "To Compute"),
            ("computed", "Writing Snapshots"),
            ("done", "Done"),
        ],
        default="draft",
        required=True,
        readonly=True,
        help="To Compute: classes not computed yet. Writing Snapshots: classes "
        "computed, the snapshot rows are being written by batches of partners (a "
        "crashed run resumes here). Done: finished; the partners show the classes "
        "of their company's latest finished run.",
    )
    progress_partner_id = fields.Integer(
        readonly=True, help="Snapshot rows of the partners up to this id are written."
    )
    duration = fields.Float(string="Duration (s)", readonly=True, digits=(16, 2))
    # thresholds in force, copied from the company settings at the start
    date_from = fields.Date(string="Window From", readonly=True)
    date_to = fields.Date(
        string="Window To", readonly=True, help="First day after the window."
    )
    window_months = fields.Integer(readonly=True)
    abc_basis = fields.Selection(
        [("revenue", "Revenue"), ("margin", "Gross Margin")],
        string="ABC Basis",
        readonly=True,
    )
    abc_a = fields.Float(string="A up to (%)", readonly=True)
    abc_b = fields.Float(string="B up to (%)", readonly=True)
    xyz_x = fields.Float(string="X up to (CV %)", readonly=True)
    xyz_y = fields.Float(string="Y up to (CV %)", readonly=True)
    min_months = fields.Integer(string="Minimum Active Months", readonly=True)
    lost_days = fields.Integer(string="Lost After (days)", readonly=True)
    at_risk_factor = fields.Float(readonly=True)
    false_leader_share = fields.Float(
        string="False Leader: One Invoice Above (%)", readonly=True
    )
    false_leader_months = fields.Integer(
        string="False Leader: No Purchase For (months)", readonly=True
    )
    # counts
    partner_count = fields.Integer(string="Clients", readonly=True)
    count_a = fields.Integer(string="A", readonly=True)
    count_b = fields.Integer(string="B", readonly=True)
    count_c = fields.Integer(string="C", readonly=True)
    count_x = fields.Integer(string="X", readonly=True)
    count_y = fields.Integer(string="Y", readonly=True)
    count_z = fields.Integer(string="Z", readonly=True)
    count_n = fields.Integer(string="N", readonly=True)
    count_potential = fields.Integer(string="Potential", readonly=True)
    count_one_time = fields.Integer(string="One-time", readonly=True)
    count_regular = fields.Integer(string="Regular", readonly=True)
    count_at_risk = fields.Integer(string="At Risk", readonly=True)
    count_lost = fields.Integer(string="Lost", readonly=True)

    _sql_constraints = [
        (
            "company_date_uniq",
            "UNIQUE (company_id, date)",
            "A company has one segmentation run per day: a re-run replaces it.",
        )
    ]

    def init(self):
        segmentation.create_result_table(self.env.cr)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_with_snapshots(self):
        """The snapshot rows of a run are the history of the classes, and the
        latest run gives the partners their current classes: keep them."""
        Snapshot = self.env["res.partner.segment.snapshot"].sudo()
        for run in self:
            if Snapshot.search_count(
                [("company_id", "=", run.company_id.id), ("date", "=", run.date)],
                limit=1,
            ):
                raise UserError(
                    self.env._(
                        "The segmentation run %(run)s wrote the classes of its "
                        "clients on that day (the class history): it cannot be "
                        "deleted. A run on the same day replaces them.",
                        run=run.display_name,
                    )
                )

    @api.depends("date", "company_id")
    def _compute_name(self):
        for run in self:
            run.name = f"{run.company_id.name} {run.date}"

    # ------------------------------------------------------------------ actions
    def action_run_now(self):
        """Run the segmentation of the current companies now (all batches, in
        the transaction of the request)."""
        self.check_access("create")
        runs = self.with_context(cdl_no_commit=True)
        for company in self.env.companies:
            runs._run_company(company)
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "message": self.env._("Segmentation done."),
                "type": "success",
                "next": {"type": "ir.actions.client", "tag": "soft_reload"},
            },
        }

    def action_view_snapshots(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "crm_designer_loyalty.res_partner_segment_snapshot_action"
        )
        action["domain"] = [
            ("company_id", "=", self.company_id.id),
            ("date", "=", self.date),
        ]
        action["context"] = {}
        return action

    # ------------------------------------------------------------------ engine
    @api.model
    def _run_company(self, company, run_date=None, batch_size=BATCH_SIZE, todo=0):
        """Run, resume or re-run the segmentation of ``company`` for
        ``run_date``: the day's run record is reused, so a re-run on the same
        day replaces that day's snapshots. ``todo``: companies the cron still
        has to run after this one (for its progress)."""
        run_date = run_date or fields.Date.context_today(self)
        run = self.sudo().search(
            [("company_id", "=", company.id), ("date", "=", run_date)]
        )
        if not run:
            # no run yet: this transaction creates it, unless another one is
            self._lock_new(company, run_date)
        run._lock()
        if run.state != "computed":
            # new run or re-run: the thresholds in force now
            error = company._cdl_segment_settings_error()
            if error:
                raise UserError(
                    self.env._(
                        "Segmentation settings of %(company)s: %(error)s",
                        company=company.display_name,
                        error=error,
                    )
                )
            params = segmentation.make_params(company, run_date)
            values = {
                "state": "draft",
                "duration": 0,
                **{field: params[key] for field, key in RUN_PARAMS.items()},
            }
            if run:
                run.write(values)
            else:
                run = self._create_run(company, run_date, values)
        run._execute(batch_size=batch_size, todo=todo)
        return run

    @api.model
    def _in_progress_error(self, company, run_date):
        return UserError(
            self.env._(
                "A segmentation run for company %(company)s on date %(date)s is "
                "already in progress.",
                company=company.display_name,
                date=run_date,
            )
        )

    @api.model
    def _lock_new(self, company, run_date):
        """Take the transaction lock of the run of ``company`` on ``run_date``
        to be created, or refuse if another transaction holds it (it is
        creating that run: a concurrent Run Now, the cron). An advisory lock:
        the run's row does not exist yet."""
        self.env.cr.execute(
            "SELECT pg_try_advisory_xact_lock(hashtextextended(%s, 0))",
            [f"crm.segmentation.run:{company.id}:{run_date}"],
        )
        if not self.env.cr.fetchone()[0]:
            raise self._in_progress_error(company, run_date)

    @api.model
    def _create_run(self, company, run_date, values):
        """Create the run of ``company`` on ``run_date``; another transaction
        that created it meanwhile (committed after this one started, or still
        running) is reported as a run in progress, not as the raw violation of
        the unique key."""
        try:
            with mute_logger("odoo.sql_db"), self.env.cr.savepoint():
                return self.sudo().create(
                    {"company_id": company.id, "date": run_date, **values}
                )
        except (
            psycopg2.errors.UniqueViolation,
            psycopg2.errors.LockNotAvailable,
        ):
            raise self._in_progress_error(company, run_date) from None

    def _lock(self):
        """Lock the run for this transaction, or refuse if another transaction
        (the cron, another user's Run Now) is running it."""
        if not self:
            return
        try:
            with self.env.cr.savepoint(flush=False):
                # a refusal is expected: not logged as a "bad query" ERROR
                self.env.cr.execute(
                    "SELECT id FROM crm_segmentation_run WHERE id = %s"
                    " FOR UPDATE NOWAIT",
                    [self.id],
                    log_exceptions=False,
                )
        except psycopg2.errors.LockNotAvailable:
            raise UserError(
                self.env._(
                    "The segmentation of %(company)s on %(date)s is running already.",
                    company=self.company_id.display_name,
                    date=self.date,
                )
            ) from None

    def _params(self):
        """The parameters of the run (see ``segmentation.make_params``), with
        the thresholds in force when it started."""
        self.ensure_one()
        return {
            "company_id": self.company_id.id,
            "digits": self.company_id.currency_id.decimal_places,
            "run_date": self.date,
            **{key: self[field] for field, key in RUN_PARAMS.items()},
        }

    def _execute(self, batch_size=BATCH_SIZE, todo=0):
        """Classify (one SQL pipeline, stored for the run), then write the
        snapshots by ranges of ``batch_size`` partners, each range a batch of
        the cron (progress, commit): a crashed run resumes after its last
        committed range, with the same classification. The company's current
        classes switch to this run when the last range is written (a run of an
        earlier day leaves them)."""
        self.ensure_one()
        started = time.monotonic()
        params = self._params()
        cr = self.env.cr
        Cron = self.env["ir.cron"]
        self.env.flush_all()
        company = self.company_id.sudo()
        if self.state == "computed" and not segmentation.has_result(cr, self.id):
            # its classification is gone (database server restart): start again
            self.state = "draft"
        if self.state == "draft":
            if config["db_replica_host"] is not False:
                # the read-only analytics SELECT runs on the replica, writes
                # here: its rows are streamed by COPY through a spooled file
                with tempfile.SpooledTemporaryFile(
                    max_size=segmentation.SPOOL_BYTES
                ) as copied:
                    with self.env.registry.cursor(readonly=True) as replica_cr:
                        segmentation.read_metrics(replica_cr, params, self.id, copied)
                    segmentation.build_result(cr, params, self.id, copied)
            else:
                segmentation.build_result(cr, params, self.id)
            segmentation.delete_day(cr, params)
            if company.segment_last_date == self.date:
                company.segment_last_date = self.search(
                    [
                        ("company_id", "=", company.id),
                        ("date", "<", self.date),
                        ("state", "=", "done"),
                    ],
                    limit=1,
                ).date
            self.write(
                {
                    **segmentation.result_counts(cr, self.id),
                    "state": "computed",
                    "progress_partner_id": 0,
                }
            )
        done = 0
        while self.state == "computed":
            upto = segmentation.write_snapshots(
                cr, params, self.id, self.progress_partner_id, batch_size
            )
            self.write(
                {
                    "progress_partner_id": upto or MAX_PARTNER_ID,
                    "state": "computed" if upto else "done",
                    "duration": self.duration + time.monotonic() - started,
                }
            )
            started = time.monotonic()
            if not upto:
                segmentation.delete_result(cr, self.id)
                if not company.segment_last_date or (
                    company.segment_last_date < self.date
                ):
                    company.segment_last_date = self.date
            self.env["res.partner.segment.snapshot"].invalidate_model()
            self.env["res.partner"].invalidate_model()
            done += 1
            Cron._cdl_batch_done(done=done, remaining=todo + (1 if upto else 0))
            # the commit released the lock: keep the run for this worker
            self._lock()
        _logger.info(
            "Segmentation of %s on %s: %s clients in %.2f s",
            self.company_id.name,
            self.date,
            self.partner_count,
            self.duration,
        )

    @api.model
    def _cron_segmentation(self, batch_size=BATCH_SIZE):
        """Nightly run: first the unfinished runs of earlier days (stopped by a
        crash or an error), then every company not segmented yet today,
        resuming an unfinished run of the day, committing per batch and
        reporting progress."""
        today = fields.Date.context_today(self)
        unfinished = self.search(
            [("date", "<", today), ("state", "!=", "done")], order="date, id"
        )
        done_today = self.search(
            [("date", "=", today), ("state", "=", "done")]
        ).company_id
        jobs = [(run.company_id, run.date) for run in unfinished] + [
            (company, today)
            for company in self.env["res.company"].search([]) - done_today
        ]
        commit = self.env["ir.cron"]._cdl_may_commit()
        for index, (company, run_date) in enumerate(jobs):
            try:
                self.with_company(company)._run_company(
                    company,
                    run_date,
                    batch_size=batch_size,
                    todo=len(jobs) - index - 1,
                )
            except (UserError, psycopg2.Error):
                if not commit:
                    raise
                # one company's failure (its settings, a run in progress) does
                # not hold back the others
                self.env.cr.rollback()
                _logger.exception("Segmentation of %s failed", company.name)
