# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models
from odoo.tools import SQL, split_every

from .xlsx_helpers import XlsxFormats, write_header, write_row

# snapshot rows read and written at a time
BATCH = 5000

SNAPSHOT_COLUMNS = (
    # (field, width)
    ("partner_id", 32),
    ("date", 12),
    ("abc_class", 6),
    ("xyz_class", 6),
    ("customer_status", 14),
    ("rfm_score", 8),
    ("rfm_segment_id", 20),
    ("revenue", 16),
    ("share", 10),
    ("cum_share", 12),
    ("cv", 10),
    ("active_months", 10),
    ("last_purchase_date", 14),
)


class CrmSegmentationXlsx(models.AbstractModel):
    _name = "report.crm_designer_loyalty.segment_snapshot_xlsx"
    _inherit = "report.report_xlsx.abstract"
    _description = "Client Segmentation XLSX Report"

    def get_workbook_options(self):
        # rows go to disk as they are written: the memory does not grow with
        # the number of rows (they must be written in order, as below)
        return {"constant_memory": True}

    def generate_xlsx_report(self, workbook, data, snapshots):
        """One row per snapshot, in the order of the selection (ABC/XYZ list),
        read by SQL in batches of ``BATCH`` rows: no record of the selection is
        loaded. The access to the snapshots and their clients is checked on
        each batch, as reading them through the ORM would."""
        formats = XlsxFormats(self, workbook)
        sheet = workbook.add_worksheet(self.env._("Segmentation"))
        write_header(
            sheet, 0, SNAPSHOT_COLUMNS, snapshots, formats.header, frozen_columns=1
        )
        statuses = dict(
            snapshots._fields["customer_status"]._description_selection(self.env)
        )
        segments = {
            segment.id: segment.name
            for segment in self.env["crm.rfm.segment"]
            .with_context(active_test=False)
            .search([])
        }
        row_formats = {}  # the formats of a row, per company (currency)
        row = 0
        for ids in split_every(BATCH, snapshots.ids):
            rows = self.env.execute_query(self._rows_query(ids))
            if len(rows) != len(ids):
                self._raise_access_error(snapshots.browse(ids), rows)
            for _id, company_id, *values in rows:
                if company_id not in row_formats:
                    currency = self.env["res.company"].browse(company_id).currency_id
                    row_formats[company_id] = [
                        *(None, formats.date, None, None, None, None, None),
                        *(formats.money(currency), formats.number, formats.number),
                        *(formats.number, None, formats.date),
                    ]
                values[4] = statuses.get(values[4])
                values[6] = segments.get(values[6])
                row += 1
                write_row(sheet, row, zip(values, row_formats[company_id], strict=True))
        sheet.autofilter(0, 0, row, len(SNAPSHOT_COLUMNS) - 1)

    def _rows_query(self, ids):
        """Id, company and cells of the snapshots ``ids`` that the user may
        read, and whose client they may read, in the order of ``ids``. The
        access rights and record rules are applied in SQL (``_search``):
        ``check_access`` would load the records to filter them."""
        snapshots = self.env["res.partner.segment.snapshot"]._search(
            [("id", "in", ids)]
        )
        partners = self.env["res.partner"].with_context(active_test=False)._search([])
        return SQL(
            """
            SELECT s.id, s.company_id,
                   -- the cells of SNAPSHOT_COLUMNS; CV is undefined without a
                   -- positive mean: blank, not 0
                   p.name, s.date, s.abc_class, s.xyz_class, s.customer_status,
                   s.rfm_score, s.rfm_segment_id, s.revenue, s.share, s.cum_share,
                   CASE WHEN s.monthly_mean > 0 THEN s.cv END, s.active_months,
                   s.last_purchase_date
              FROM unnest(%(ids)s::int[]) WITH ORDINALITY AS sel(id, position)
              JOIN res_partner_segment_snapshot s ON s.id = sel.id
              JOIN res_partner p ON p.id = s.partner_id
             WHERE s.id IN (%(snapshots)s) AND p.id IN (%(partners)s)
             ORDER BY sel.position
            """,
            ids=list(ids),
            snapshots=snapshots.subselect(),
            partners=partners.subselect(),
        )

    def _raise_access_error(self, snapshots, rows):
        """The error of the ORM for the ``snapshots`` of a batch missing from
        its ``rows``: not readable, their client not readable, or deleted."""
        missing = snapshots - snapshots.browse([row[0] for row in rows])
        missing.check_access("read")
        missing.sudo().partner_id.check_access("read")
        missing.sudo().mapped("partner_id")  # MissingError when deleted
