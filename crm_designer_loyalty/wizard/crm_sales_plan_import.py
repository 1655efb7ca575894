# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Import of plan lines from an XLSX sheet: all rows or none.

The first row holds the column titles (English or Russian, any case; see
:data:`COLUMNS`); every following non-empty row is a plan line. Every row is
checked before anything is written; the errors name the row (as numbered in
the sheet) and the column, and a file with one bad row writes nothing."""

import base64
import io
import math

from openpyxl import load_workbook

from odoo import fields, models
from odoo.exceptions import UserError

from ..models.res_partner_segment_snapshot import ABC_CLASSES

# column title -> plan line field
COLUMNS = {
    "salesperson": "user_id",
    "продавец": "user_id",
    "менеджер": "user_id",
    "sales team": "team_id",
    "team": "team_id",
    "команда": "team_id",
    "product category": "categ_id",
    "category": "categ_id",
    "категория": "categ_id",
    "region": "state_id",
    "регион": "state_id",
    "city": "city",
    "город": "city",
    "client": "partner_id",
    "клиент": "partner_id",
    "client class": "client_class",
    "класс клиента": "client_class",
    "channel": "medium_id",
    "канал": "medium_id",
    "nature": "nature",
    "характер": "nature",
    "revenue target": "target_revenue",
    "план выручки": "target_revenue",
    "margin target": "target_margin",
    "план маржи": "target_margin",
}
NATURE_WORDS = {
    "guaranteed": "guaranteed",
    "гарантированные": "guaranteed",
    "planned": "planned",
    "new": "planned",
    "запланированные": "planned",
}
# relational columns: model, fields matched by the cell text, extra domain
LOOKUPS = {
    "user_id": ("res.users", ("login", "name"), []),
    "team_id": ("crm.team", ("name",), []),
    "categ_id": ("product.category", ("complete_name", "name"), []),
    "state_id": ("res.country.state", ("name", "code"), []),
    "partner_id": ("res.partner", ("ref", "name"), [("parent_id", "=", False)]),
    "medium_id": ("utm.medium", ("name",), []),
}


class CrmSalesPlanImport(models.TransientModel):
    _name = "crm.sales.plan.import"
    _description = "Import Plan Lines"

    plan_id = fields.Many2one("crm.sales.plan", required=True, ondelete="cascade")
    file = fields.Binary(string="XLSX File", required=True)
    filename = fields.Char()
    replace = fields.Boolean(
        string="Replace Existing Lines",
        help="Delete the plan's lines before importing the file.",
    )

    def action_import(self):
        self.ensure_one()
        self.plan_id._cdl_check_manager()
        self.plan_id._cdl_check_draft()
        vals_list = self._cdl_parse(self._cdl_rows())
        if self.replace:
            self.plan_id.line_ids.unlink()
        self.env["crm.sales.plan.line"].create(vals_list)
        return self.plan_id.action_view_lines()

    def _cdl_rows(self):
        """``(titles, [(row number, cells)])`` of the first sheet."""
        try:
            book = load_workbook(
                io.BytesIO(base64.b64decode(self.file)), read_only=True, data_only=True
            )
        except Exception as error:
            raise UserError(
                self.env._(
                    "The file is not a readable XLSX workbook (%(error)s).", error=error
                )
            ) from error
        rows = list(book.worksheets[0].iter_rows(values_only=True))
        if not rows:
            raise UserError(self.env._("The file is empty."))
        titles = [str(title or "").strip().lower() for title in rows[0]]
        return titles, [
            (number, row)
            for number, row in enumerate(rows[1:], start=2)
            if any(cell not in (None, "") for cell in row)
        ]

    def _cdl_parse(self, rows):
        """The plan line values of the rows, or a UserError listing every bad
        cell by row and column."""
        _ = self.env._
        titles, lines = rows
        unknown = [t for t in titles if t and t not in COLUMNS]
        if unknown:
            raise UserError(
                _(
                    "Unknown columns: %(columns)s. Known columns: %(known)s.",
                    columns=", ".join(unknown),
                    known=", ".join(COLUMNS),
                )
            )
        columns = [(index, COLUMNS[t]) for index, t in enumerate(titles) if t]
        records = self._cdl_lookup(columns, lines)
        errors, vals_list = [], []
        labels = {
            name: self.env["crm.sales.plan.line"]
            ._fields[name]
            ._description_string(self.env)
            for name in COLUMNS.values()
        }
        for number, row in lines:
            vals = {"plan_id": self.plan_id.id}
            for index, name in columns:
                cell = row[index] if index < len(row) else None
                if cell in (None, ""):
                    continue
                value, error = self._cdl_cell(name, cell, records)
                if error:
                    errors.append(
                        _(
                            "Row %(row)s, %(column)s: %(error)s",
                            row=number,
                            column=labels[name],
                            error=error,
                        )
                    )
                else:
                    vals[name] = value
            if not any(
                vals.get(dim)
                for dim in LOOKUPS.keys() | {"city", "client_class", "nature"}
            ):
                errors.append(_("Row %(row)s: no dimension.", row=number))
            if not vals.get("target_revenue") and not vals.get("target_margin"):
                errors.append(
                    _("Row %(row)s: no revenue or margin target.", row=number)
                )
            vals_list.append(vals)
        if not vals_list:
            errors.append(_("The file has no line."))
        if errors:
            raise UserError(
                _("Nothing was imported:\n%(errors)s", errors="\n".join(errors))
            )
        return vals_list

    def _cdl_lookup(self, columns, lines):
        """For each relational column, ``{cell text: records}`` (one search a
        column, not a row)."""
        records = {}
        for index, name in columns:
            if name not in LOOKUPS:
                continue
            model, keys, domain = LOOKUPS[name]
            texts = {
                str(row[index]).strip()
                for _number, row in lines
                if index < len(row) and row[index] not in (None, "")
            }
            found = {}
            for key in keys:
                for record in self.env[model].search(
                    domain + [(key, "in", list(texts))]
                ):
                    found.setdefault(str(record[key]).strip(), self.env[model])
                    found[str(record[key]).strip()] |= record
            records[name] = found
        return records

    def _cdl_cell(self, name, cell, records):
        """``(value, error)`` of one cell."""
        _ = self.env._
        text = str(cell).strip()
        if name in ("target_revenue", "target_margin"):
            try:
                value = (
                    float(cell)
                    if isinstance(cell, int | float)
                    else float(
                        text.replace(" ", "").replace("\xa0", "").replace(",", ".")
                    )
                )
            except ValueError:
                return None, _('"%(value)s" is not a number.', value=text)
            if not math.isfinite(value):
                return None, _("%(value)s is not a finite number.", value=text)
            if name == "target_revenue" and value < 0:
                return None, _("a target cannot be negative.")
            return value, None
        if name == "city":
            return text, None
        if name == "client_class":
            if text.upper() not in dict(ABC_CLASSES):
                return None, _('"%(value)s" is not A, B or C.', value=text)
            return text.upper(), None
        if name == "nature":
            nature = NATURE_WORDS.get(text.lower())
            if not nature:
                return None, _(
                    '"%(value)s" is neither guaranteed nor planned.', value=text
                )
            return nature, None
        found = records[name].get(text)
        if not found:
            return None, _('"%(value)s" not found.', value=text)
        if len(found) > 1:
            return None, _('"%(value)s" is ambiguous.', value=text)
        return found.id, None
