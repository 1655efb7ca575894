# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""18.0.1.1.0: one segmentation run per company and day. Keep the latest run of
each day, so that the new unique constraint can be created."""


def migrate(cr, version):
    cr.execute(
        """
        DELETE FROM crm_segmentation_run r
         USING crm_segmentation_run newer
         WHERE newer.company_id = r.company_id AND newer.date = r.date
           AND newer.id > r.id
        """
    )
