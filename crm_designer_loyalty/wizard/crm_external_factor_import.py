# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import base64
import csv
import io
import math
from datetime import date, datetime

from odoo import fields, models
from odoo.exceptions import UserError

DATE_FORMATS = ("%Y-%m-%d", "%d.%m.%Y")


class CrmExternalFactorImport(models.TransientModel):
    """Import factor values from an XLSX or CSV file of three columns (factor,
    date, value) under a header row. Every row is checked first; if any is
    wrong, nothing is written and every wrong row is listed with its number and
    the reason."""

    _name = "crm.external.factor.import"
    _description = "Import External Factor Values"

    file = fields.Binary(required=True)
    filename = fields.Char()
    replace_existing = fields.Boolean(
        help="Replace the values already stored for the same factor and date; "
        "otherwise such a row is an error."
    )

    def action_import(self):
        self.ensure_one()
        rows = self._read_rows()
        values, errors = self._check_rows(rows)
        if errors:
            raise UserError(
                self.env._(
                    "Nothing was imported: %(count)s row(s) are wrong.\n%(rows)s",
                    count=len(errors),
                    rows="\n".join(errors),
                )
            )
        Value = self.env["crm.external.factor.value"]
        if self.replace_existing:
            existing = Value.search(
                [
                    ("factor_id", "in", list({v["factor_id"] for v in values})),
                    ("date", "in", list({v["date"] for v in values})),
                ]
            )
            keys = {(v["factor_id"], v["date"]) for v in values}
            existing.filtered(lambda v: (v.factor_id.id, v.date) in keys).unlink()
        created = Value.create(values)
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "type": "success",
                "message": self.env._(
                    "%(count)s value(s) imported.", count=len(created)
                ),
                "next": {"type": "ir.actions.act_window_close"},
            },
        }

    def _read_rows(self):
        """The rows of the file after its header: [(row number, [cells])]."""
        content = base64.b64decode(self.file or b"")
        name = (self.filename or "").lower()
        try:
            if name.endswith(".xlsx"):
                import openpyxl

                sheet = openpyxl.load_workbook(
                    io.BytesIO(content), read_only=True, data_only=True
                ).active
                rows = [list(row) for row in sheet.iter_rows(values_only=True)]
            elif name.endswith(".csv"):
                text = content.decode("utf-8-sig")
                dialect = csv.Sniffer().sniff(text[:2048], delimiters=",;\t")
                rows = list(csv.reader(io.StringIO(text), dialect))
            else:
                raise UserError(self.env._("Choose an .xlsx or a .csv file."))
        except UserError:
            raise
        except Exception as error:
            raise UserError(
                self.env._("The file cannot be read: %(error)s", error=error)
            ) from error
        return [
            (number, row)
            for number, row in enumerate(rows[1:], start=2)
            if any(cell not in (None, "") for cell in row)
        ]

    def _check_rows(self, rows):
        _ = self.env._
        factors = {
            factor.name.strip().lower(): factor
            for factor in self.env["crm.external.factor"].search(
                [("source", "=", "manual")]
            )
        }
        stored = set()
        if not self.replace_existing:
            stored = {
                (v.factor_id.id, v.date)
                for v in self.env["crm.external.factor.value"].search(
                    [("factor_id", "in", [f.id for f in factors.values()])]
                )
            }
        seen, values, errors = {}, [], []
        for number, row in rows:
            cells = [*row, None, None, None][:3]
            reasons = []
            factor = factors.get(str(cells[0] or "").strip().lower())
            if not factor:
                reasons.append(_('unknown factor "%(name)s"', name=cells[0] or ""))
            day = self._parse_date(cells[1])
            if day is None:
                reasons.append(_('"%(value)s" is not a date', value=cells[1] or ""))
            value = self._parse_number(cells[2])
            if value is None:
                reasons.append(
                    _('"%(value)s" is not a finite number', value=cells[2] or "")
                )
            if factor and day:
                key = (factor.id, day)
                if key in seen:
                    reasons.append(
                        _("duplicate date: same as row %(row)s", row=seen[key])
                    )
                elif key in stored:
                    reasons.append(_("duplicate date: a value is already stored"))
                seen.setdefault(key, number)
            if reasons:
                errors.append(
                    _(
                        "Row %(row)s: %(reasons)s",
                        row=number,
                        reasons="; ".join(reasons),
                    )
                )
            else:
                values.append({"factor_id": factor.id, "date": day, "value": value})
        if not rows:
            errors.append(_("The file has no rows under its header."))
        return values, errors

    @staticmethod
    def _parse_date(cell):
        if isinstance(cell, datetime):
            return cell.date()
        if isinstance(cell, date):
            return cell
        for pattern in DATE_FORMATS:
            try:
                return datetime.strptime(str(cell or "").strip(), pattern).date()
            except ValueError:
                continue
        return None

    @staticmethod
    def _parse_number(cell):
        if isinstance(cell, bool) or cell is None:
            return None
        if isinstance(cell, int | float):
            number = float(cell)
        else:
            text = str(cell).strip().replace("\xa0", "").replace(" ", "")
            try:
                number = float(text.replace(",", "."))
            except ValueError:
                return None
        return number if math.isfinite(number) else None
