# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""18.0.1.1.0: the partners read their classes from the snapshots of their
company's latest finished run instead of copies on ``res_partner``; snapshots
lost their ``run_id`` and ``is_latest`` columns (one foreign key and one index
less to maintain per row written). Points expire from the day a reward entry
was accrued: the entries of earlier versions take their creation day."""


def migrate(cr, version):
    # "computed" meant: snapshots written, partners not all updated yet
    cr.execute(
        "UPDATE crm_segmentation_run SET state = 'done',"
        " progress_partner_id = 2147483647 WHERE state = 'computed'"
    )
    cr.execute(
        """
        UPDATE res_company c SET segment_last_date = r.date
          FROM (SELECT company_id, max(date) AS date FROM crm_segmentation_run
                 WHERE state = 'done' GROUP BY company_id) r
         WHERE r.company_id = c.id
        """
    )
    cr.execute(
        """
        ALTER TABLE res_partner_segment_snapshot
            DROP COLUMN IF EXISTS run_id, DROP COLUMN IF EXISTS is_latest;
        ALTER TABLE res_partner
            DROP COLUMN IF EXISTS abc_class, DROP COLUMN IF EXISTS xyz_class,
            DROP COLUMN IF EXISTS customer_status, DROP COLUMN IF EXISTS rfm_score,
            DROP COLUMN IF EXISTS rfm_segment_id
        """
    )
    cr.execute(
        "UPDATE designer_reward SET accrued_on = create_date::date"
        " WHERE accrued_on IS NULL"
    )
