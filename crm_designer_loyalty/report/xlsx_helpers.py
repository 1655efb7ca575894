# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Helpers shared by the XLSX reports of the module."""

import re

INVALID_SHEET_CHARS = re.compile(r"[\[\]:*?/\\]")


def sheet_name(name):
    """Excel sheet names: at most 31 characters, none of []:*?/\\."""
    return INVALID_SHEET_CHARS.sub("-", name or "-")[:31]


def field_label(model, name):
    return model._fields[name]._description_string(model.env)


def selection_label(record, name):
    selection = dict(record._fields[name]._description_selection(record.env))
    return selection.get(record[name], "")


class XlsxFormats:
    """Cell formats of a workbook, with one money format per currency."""

    def __init__(self, report, workbook):
        self.report = report
        self.workbook = workbook
        self.bold = workbook.add_format({"bold": True})
        self.title = workbook.add_format({"bold": True, "font_size": 14})
        self.header = workbook.add_format(
            {"bold": True, "bg_color": "#D9D9D9", "border": 1, "text_wrap": True}
        )
        self.date = workbook.add_format({"num_format": "yyyy-mm-dd"})
        self.number = workbook.add_format({"num_format": "#,##0.00"})
        self.number_bold = workbook.add_format({"num_format": "#,##0.00", "bold": True})
        self._money = {}

    def money(self, currency, bold=False):
        key = (currency.id, bold)
        if key not in self._money:
            self._money[key] = self.workbook.add_format(
                {
                    "num_format": self.report._report_xlsx_currency_format(currency),
                    "bold": bold,
                }
            )
        return self._money[key]


def write_row(sheet, row, cells, col=0):
    """Write ``(value, format)`` pairs from ``col``; False and None give blanks
    (Odoo's empty value must not become the boolean FALSE)."""
    for offset, (value, cell_format) in enumerate(cells):
        if value is False or value is None:
            sheet.write_blank(row, col + offset, None, cell_format)
        else:
            sheet.write(row, col + offset, value, cell_format)


def write_header(sheet, row, columns, model, cell_format, frozen_columns=0):
    """Column titles on ``row``, the labels of the fields of ``model`` named in
    ``columns`` (``(field name, width)`` pairs), with their widths; the rows up
    to this one and the first ``frozen_columns`` columns stay in view."""
    for col, (name, width) in enumerate(columns):
        sheet.write(row, col, field_label(model, name), cell_format)
        sheet.set_column(col, col, width)
    sheet.freeze_panes(row + 1, frozen_columns)
