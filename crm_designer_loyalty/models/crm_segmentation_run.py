# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import logging
import time

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL, config

from ..analytics import segmentation

_logger = logging.getLogger(__name__)

MAX_PARTNER_ID = 2**31 - 1


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
            ("computed", "Updating Partners"),
            ("done", "Done"),
        ],
        default="draft",
        required=True,
        readonly=True,
        help="To Compute: snapshots not written yet. Updating Partners: snapshots "
        "written, classes being copied to the partners by batches (a crashed run "
        "resumes here). Done: finished.",
    )
    progress_partner_id = fields.Integer(
        readonly=True, help="Partners up to this id already carry the run's classes."
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
    snapshot_ids = fields.One2many(
        "res.partner.segment.snapshot", "run_id", string="Snapshots"
    )

    @api.depends("date", "company_id")
    def _compute_name(self):
        for run in self:
            run.name = f"{run.company_id.name} {run.date}"

    # ------------------------------------------------------------------ actions
    def action_run_now(self):
        """Run the segmentation of the current companies now (all batches)."""
        self.check_access("create")
        for company in self.env.companies:
            self._run_company(company)
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
        action["domain"] = [("run_id", "=", self.id)]
        action["context"] = {}
        return action

    # ------------------------------------------------------------------ engine
    @api.model
    def _run_company(self, company, run_date=None, commit=False, batch_size=50000):
        """Run (or resume) the segmentation of ``company`` for ``run_date``."""
        run_date = run_date or fields.Date.context_today(self)
        run = self.sudo().search(
            [
                ("company_id", "=", company.id),
                ("date", "=", run_date),
                ("state", "!=", "done"),
            ],
            limit=1,
        )
        if not run:
            error = company._segment_settings_error()
            if error:
                raise UserError(
                    self.env._(
                        "Segmentation settings of %(company)s: %(error)s",
                        company=company.display_name,
                        error=error,
                    )
                )
            params = segmentation.make_params(company, run_date)
            run = self.sudo().create(
                {
                    "company_id": company.id,
                    "date": run_date,
                    "date_from": params["date_from"],
                    "date_to": params["date_to"],
                    "window_months": params["months"],
                    "abc_basis": params["basis"],
                    "abc_a": params["abc_a"],
                    "abc_b": params["abc_b"],
                    "xyz_x": params["xyz_x"],
                    "xyz_y": params["xyz_y"],
                    "min_months": params["min_months"],
                    "lost_days": params["lost_days"],
                    "at_risk_factor": params["at_risk_factor"],
                }
            )
        run._execute(commit=commit, batch_size=batch_size)
        return run

    def _params(self):
        self.ensure_one()
        return {
            "company_id": self.company_id.id,
            "run_date": self.date,
            "date_from": self.date_from,
            "date_to": self.date_to,
            "months": self.window_months,
            "basis": self.abc_basis,
            "abc_a": self.abc_a,
            "abc_b": self.abc_b,
            "xyz_x": self.xyz_x,
            "xyz_y": self.xyz_y,
            "min_months": self.min_months,
            "lost_days": self.lost_days,
            "at_risk_factor": self.at_risk_factor,
        }

    def _commit(self, commit):
        if commit:
            self.env.cr.commit()  # pylint: disable=invalid-commit

    def _execute(self, commit=False, batch_size=50000):
        """Compute the snapshots, then copy the classes to the partners by
        ranges of ``batch_size`` partners. With ``commit``, commit after each
        step so that a crashed run resumes from its last committed batch."""
        self.ensure_one()
        started = time.monotonic()
        params = self._params()
        cr = self.env.cr
        if self.state == "draft":
            self.env.flush_all()
            if config["db_replica_host"] is not False:
                # the read-only analytics SELECT runs on the replica, writes here
                with self.env.registry.cursor(readonly=True) as replica_cr:
                    rows = segmentation.read_metrics(replica_cr, params)
                segmentation.write_snapshots(cr, params, self.id, rows)
            else:
                segmentation.write_snapshots(cr, params, self.id)
            self.env["res.partner.segment.snapshot"].invalidate_model()
            self._write_counts()
            self.write({"state": "computed", "progress_partner_id": 0})
            self.duration += time.monotonic() - started
            self._commit(commit)
        Partner = self.env["res.partner"]
        while self.state == "computed":
            started = time.monotonic()
            after = self.progress_partner_id
            upto = segmentation.next_partner_bound(cr, params, after, batch_size)
            segmentation.update_partners(cr, params, after, upto or MAX_PARTNER_ID)
            Partner.invalidate_model()
            self.write(
                {
                    "progress_partner_id": upto or MAX_PARTNER_ID,
                    "state": "computed" if upto else "done",
                    "duration": self.duration + time.monotonic() - started,
                }
            )
            self._commit(commit)
        _logger.info(
            "Segmentation of %s on %s: %s clients in %.2f s",
            self.company_id.name,
            self.date,
            self.partner_count,
            self.duration,
        )

    def _write_counts(self):
        self.ensure_one()
        self.env.cr.execute(
            SQL(
                """
                SELECT count(*),
                       count(*) FILTER (WHERE abc_class = 'A'),
                       count(*) FILTER (WHERE abc_class = 'B'),
                       count(*) FILTER (WHERE abc_class = 'C'),
                       count(*) FILTER (WHERE xyz_class = 'X'),
                       count(*) FILTER (WHERE xyz_class = 'Y'),
                       count(*) FILTER (WHERE xyz_class = 'Z'),
                       count(*) FILTER (WHERE xyz_class = 'N'),
                       count(*) FILTER (WHERE customer_status = 'potential'),
                       count(*) FILTER (WHERE customer_status = 'one_time'),
                       count(*) FILTER (WHERE customer_status = 'regular'),
                       count(*) FILTER (WHERE customer_status = 'at_risk'),
                       count(*) FILTER (WHERE customer_status = 'lost')
                  FROM res_partner_segment_snapshot
                 WHERE company_id = %s AND date = %s
                """,
                self.company_id.id,
                self.date,
            )
        )
        names = [
            "partner_count",
            "count_a",
            "count_b",
            "count_c",
            "count_x",
            "count_y",
            "count_z",
            "count_n",
            "count_potential",
            "count_one_time",
            "count_regular",
            "count_at_risk",
            "count_lost",
        ]
        self.write(dict(zip(names, self.env.cr.fetchone(), strict=True)))

    @api.model
    def _cron_segmentation(self, batch_size=50000):
        """Nightly run: every company, resuming unfinished runs of the day,
        committing per batch and reporting progress."""
        commit = self.env["ir.cron"]._cdl_may_commit()
        companies = self.env["res.company"].search([])
        for done, company in enumerate(companies):
            self.env["ir.cron"]._notify_progress(
                done=done, remaining=len(companies) - done
            )
            self._commit(commit)
            self.with_company(company)._run_company(
                company, commit=commit, batch_size=batch_size
            )
        self.env["ir.cron"]._notify_progress(done=len(companies), remaining=0)
