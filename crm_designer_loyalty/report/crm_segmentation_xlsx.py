# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models

from .xlsx_helpers import XlsxFormats, selection_label, write_header, write_row

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

    def generate_xlsx_report(self, workbook, data, snapshots):
        """One row per snapshot, in the order of the selection (ABC/XYZ list)."""
        formats = XlsxFormats(self, workbook)
        sheet = workbook.add_worksheet(self.env._("Segmentation"))
        write_header(
            sheet, 0, SNAPSHOT_COLUMNS, snapshots, formats.header, frozen_columns=1
        )
        for row, snap in enumerate(snapshots, start=1):
            write_row(
                sheet,
                row,
                [
                    (snap.partner_id.name, None),
                    (snap.date, formats.date),
                    (snap.abc_class, None),
                    (snap.xyz_class, None),
                    (selection_label(snap, "customer_status"), None),
                    (snap.rfm_score, None),
                    (snap.rfm_segment_id.name, None),
                    (snap.revenue, formats.money(snap.currency_id)),
                    (snap.share, formats.number),
                    (snap.cum_share, formats.number),
                    # CV is undefined without a positive mean: blank, not 0
                    (snap.cv if snap.monthly_mean > 0 else None, formats.number),
                    (snap.active_months, None),
                    (snap.last_purchase_date, formats.date),
                ],
            )
        sheet.autofilter(0, 0, len(snapshots), len(SNAPSHOT_COLUMNS) - 1)
