# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Run the segmentation and accrual crons through a running Odoo server; called
by the ``benchmarks/scale_out`` script.

Usage: scale_out_crons.py URL DB SEGMENT_BATCH ACCRUAL_BATCH [TIMEOUT_S]

As admin over XML-RPC (always a read/write cursor on the primary, so these
calls never reach the replica): sets the batch sizes in the two crons' code,
moves their next call to now (the server runs with ``ODOO_NOTIFY_CRON_CHANGES``,
so the write wakes its cron workers up), then waits until both report a last
call after that moment. Prints one line per cron: seconds from the trigger to
its completion (as seen by the polling client), and the progress that each call of
the job reported (``_notify_progress``: done, remaining).
"""

import sys
import time
import xmlrpc.client
from datetime import datetime, timezone

CRONS = {
    "segmentation": (
        "crm_designer_loyalty.ir_cron_segmentation",
        "model._cron_segmentation(batch_size={})",
    ),
    "accrual": (
        "crm_designer_loyalty.ir_cron_designer_reward_accrue",
        "model._cron_accrue(batch_size={})",
    ),
}


def main():
    url, db, segment_batch, accrual_batch = sys.argv[1:5]
    timeout = float(sys.argv[5]) if len(sys.argv) > 5 else 1800
    batches = {"segmentation": int(segment_batch), "accrual": int(accrual_batch)}
    uid = xmlrpc.client.ServerProxy(f"{url}/xmlrpc/2/common").authenticate(
        db, "admin", "admin", {}
    )
    if not uid:
        sys.exit(f"cannot log in to {db} as admin")
    models = xmlrpc.client.ServerProxy(f"{url}/xmlrpc/2/object", allow_none=True)

    def call(model, method, *args, **kwargs):
        return models.execute_kw(db, uid, "admin", model, method, list(args), kwargs)

    crons = {}
    for name, (xmlid, code) in CRONS.items():
        module, _sep, record = xmlid.partition(".")
        [data] = call(
            "ir.model.data",
            "search_read",
            [("module", "=", module), ("name", "=", record)],
            fields=["res_id"],
        )
        crons[name] = data["res_id"]
        call("ir.cron", "write", [data["res_id"]], {"code": code.format(batches[name])})
    triggered = time.monotonic()
    now = datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M:%S")
    call("ir.cron", "write", list(crons.values()), {"nextcall": now})
    pending = dict(crons)
    while pending:
        if time.monotonic() - triggered > timeout:
            sys.exit(f"crons not done after {timeout:.0f} s: {', '.join(pending)}")
        time.sleep(0.5)
        for name, cron_id in list(pending.items()):
            [cron] = call("ir.cron", "read", [cron_id], ["lastcall", "failure_count"])
            if cron["lastcall"]:
                del pending[name]
                # one progress record per call of the job by a cron worker:
                # Odoo calls it again at once while it reports records remaining
                progress = call(
                    "ir.cron.progress",
                    "search_read",
                    [("cron_id", "=", cron_id)],
                    fields=["done", "remaining"],
                    order="id",
                )
                reports = ", ".join(f"{p['done']}/{p['remaining']}" for p in progress)
                print(
                    f"{name}: done {time.monotonic() - triggered:.1f} s after the"
                    f" trigger; batch size {batches[name]}; {len(progress)} call(s)"
                    f" of the job, done/remaining {reports};"
                    f" failures {cron['failure_count']}"
                )


if __name__ == "__main__":
    main()
