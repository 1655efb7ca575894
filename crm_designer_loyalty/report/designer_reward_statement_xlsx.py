# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from xlsxwriter.utility import xl_rowcol_to_cell

from odoo import models

from .xlsx_helpers import (
    XlsxFormats,
    field_label,
    selection_label,
    sheet_name,
    write_header,
    write_row,
)

ENTRY_COLUMNS = (
    # (field, width)
    ("date", 16),
    ("move_id", 18),
    ("partner_id", 30),
    ("order_ref", 18),
    ("base_amount", 16),
    ("rate", 10),
    ("kind", 14),
    ("amount", 16),
    ("points", 12),
)


class DesignerRewardStatementXlsx(models.AbstractModel):
    _name = "report.crm_designer_loyalty.reward_statement_xlsx"
    _inherit = "report.report_xlsx.abstract"
    _description = "Designer Reward Statement XLSX Report"

    def generate_xlsx_report(self, workbook, data, statements):
        formats = XlsxFormats(self, workbook)
        for statement in statements:
            self._write_statement(workbook, formats, statement)

    def _write_statement(self, workbook, formats, statement):
        """One sheet: the statement header, one row per ledger entry, totals."""
        sheet = workbook.add_worksheet(sheet_name(statement.name))
        money = formats.money(statement.currency_id)
        money_bold = formats.money(statement.currency_id, bold=True)
        _ = self.env._
        sheet.write(
            0, 0, _("Reward Statement %(name)s", name=statement.name), formats.title
        )
        header = [
            ("designer_id", statement.designer_id.name, None),
            ("date_from", statement.date_from, formats.date),
            ("date_to", statement.date_to, formats.date),
            ("state", selection_label(statement, "state"), None),
            ("tier_id", statement.tier_id.name, None),
            ("carry_in_amount", statement.carry_in_amount, money),
            ("amount_total", statement.amount_total, money_bold),
        ]
        for row, (name, value, cell_format) in enumerate(header, start=2):
            write_row(
                sheet,
                row,
                [(field_label(statement, name), formats.bold), (value, cell_format)],
            )
        table_row = len(header) + 3
        write_header(
            sheet,
            table_row,
            ENTRY_COLUMNS,
            self.env["designer.reward"],
            formats.header,
        )
        entries = statement.reward_ids.sorted(lambda r: (r.date, r.id))
        for row, entry in enumerate(entries, start=table_row + 1):
            write_row(
                sheet,
                row,
                [
                    (entry.date, formats.date),
                    (entry.move_name, None),
                    (entry.partner_id.name, None),
                    (entry.order_ref, None),
                    (entry.base_amount, money),
                    (entry.rate, formats.number),
                    (selection_label(entry, "kind"), None),
                    (entry.amount, money),
                    (entry.points, formats.number),
                ],
            )
        total_row = table_row + 1 + len(entries)
        sheet.write(total_row, 0, _("Total"), formats.bold)
        totals = [
            (7, sum(entries.mapped("amount")), money_bold),
            (8, sum(entries.mapped("points")), formats.number_bold),
        ]
        for col, value, cell_format in totals:
            if not entries:
                sheet.write_number(total_row, col, value, cell_format)
                continue
            cells = (
                xl_rowcol_to_cell(table_row + 1, col),
                xl_rowcol_to_cell(total_row - 1, col),
            )
            # the cached value lets viewers without a calculation engine show it
            sheet.write_formula(
                total_row, col, "=SUM({}:{})".format(*cells), cell_format, value
            )
