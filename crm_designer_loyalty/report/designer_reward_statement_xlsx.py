# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from xlsxwriter.utility import xl_rowcol_to_cell

from odoo import models
from odoo.tools.translate import LazyTranslate

_lt = LazyTranslate(__name__)

from .xlsx_helpers import (
    XlsxFormats,
    field_label,
    selection_label,
    sheet_name,
    write_row,
)

# the columns of the PDF statement, in its order: (label, width); the Points
# column only on a statement with points
ENTRY_COLUMNS = (
    (_lt("Date"), 12),
    (_lt("Invoice"), 18),
    (_lt("Order"), 14),
    (_lt("Client"), 30),
    (_lt("Kind"), 14),
    (_lt("Tier"), 12),
    (_lt("Invoice Amount"), 16),
    (_lt("Rate"), 9),
    (_lt("Reward"), 16),
)
POINTS_COLUMN = (_lt("Points"), 12)


class DesignerRewardStatementXlsx(models.AbstractModel):
    _name = "report.crm_designer_loyalty.reward_statement_xlsx"
    _inherit = "report.report_xlsx.abstract"
    _description = "Designer Reward Statement XLSX Report"

    def generate_xlsx_report(self, workbook, data, statements):
        formats = XlsxFormats(self, workbook)
        for statement in statements:
            self._write_statement(workbook, formats, statement)

    def _write_statement(self, workbook, formats, statement):
        """One sheet, as the PDF: the statement header, one row per ledger
        entry, then Rewards, Clawbacks, Carried in and the one Total (the sum of
        the entries plus the total carried in, a formula)."""
        sheet = workbook.add_worksheet(sheet_name(statement.name))
        money = formats.money(statement.currency_id)
        money_bold = formats.money(statement.currency_id, bold=True)
        rate = workbook.add_format({"num_format": '0.##" %"'})
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
        ]
        for row, (name, value, cell_format) in enumerate(header, start=2):
            write_row(
                sheet,
                row,
                [(field_label(statement, name), formats.bold), (value, cell_format)],
            )
        entries = statement.reward_ids.sorted(lambda r: (r.date, r.id))
        points = any(entries.mapped("points"))
        columns = ENTRY_COLUMNS + ((POINTS_COLUMN,) if points else ())
        table_row = len(header) + 3
        for col, (label, width) in enumerate(columns):
            sheet.write(table_row, col, _(label), formats.header)
            sheet.set_column(col, col, width)
        sheet.freeze_panes(table_row + 1, 0)
        for row, entry in enumerate(entries, start=table_row + 1):
            write_row(
                sheet,
                row,
                [
                    (entry.date, formats.date),
                    (entry.move_name, None),
                    (entry.order_ref, None),
                    (entry.partner_id.name, None),
                    (selection_label(entry, "kind"), None),
                    (entry.tier_id.name, None),
                    (entry.base_amount, money),
                    (entry.rate, rate),
                    (entry.amount, money),
                    *([(entry.points, formats.number)] if points else []),
                ],
            )
        reward_col = len(ENTRY_COLUMNS) - 1
        label_col = reward_col - 1
        row = table_row + 2 + len(entries)
        totals = [
            (_("Rewards"), statement.amount_rewards, money),
            (_("Clawbacks"), statement.amount_clawback, money),
            (_("Carried in"), statement.carry_in_amount, money),
        ]
        for offset, (label, value, cell_format) in enumerate(totals):
            sheet.write(row + offset, label_col, label, formats.bold)
            sheet.write_number(row + offset, reward_col, value, cell_format)
        total_row = row + len(totals)
        carried = xl_rowcol_to_cell(total_row - 1, reward_col)
        if entries:
            first = xl_rowcol_to_cell(table_row + 1, reward_col)
            last = xl_rowcol_to_cell(table_row + len(entries), reward_col)
            formula = f"=SUM({first}:{last})+{carried}"
        else:
            formula = f"={carried}"
        sheet.write(total_row, label_col, _("Total"), formats.bold)
        # the cached value lets viewers without a calculation engine show it
        sheet.write_formula(
            total_row, reward_col, formula, money_bold, statement.amount_total
        )
        if points:
            sheet.write(total_row + 1, label_col, _("Points"), formats.bold)
            sheet.write_number(
                total_row + 1, reward_col, statement.points_total, formats.number_bold
            )
