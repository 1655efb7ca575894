# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, models
from odoo.exceptions import ValidationError

# A4 portrait, in millimetres
SHEET_WIDTH, SHEET_HEIGHT = 210, 297
# columns, rows and skipped labels: (lowest, highest, default)
LABEL_BOUNDS = {"columns": (1, 5, 3), "rows": (1, 15, 8), "skip": (0, 74, 0)}


class ResPartnerLabelReport(models.AbstractModel):
    """Address labels of partners on A4 sheets: ``columns`` x ``rows`` labels
    a sheet (3 x 8 by default), the first ``skip`` labels of the first sheet
    left blank (a sheet already partly used)."""

    _name = "report.crm_designer_loyalty.report_partner_labels"
    _description = "Address Labels"

    @api.model
    def _label_layout(self, data):
        layout = {}
        labels = {
            "columns": self.env._("Columns"),
            "rows": self.env._("Rows"),
            "skip": self.env._("Labels to Skip"),
        }
        for key, (low, high, default) in LABEL_BOUNDS.items():
            value = (data or {}).get(key, default)
            if not isinstance(value, int) or not low <= value <= high:
                raise ValidationError(
                    self.env._(
                        "Address labels: %(key)s must be a whole number between "
                        "%(low)s and %(high)s, not %(value)s.",
                        key=labels[key],
                        low=low,
                        high=high,
                        value=value,
                    )
                )
            layout[key] = value
        per_sheet = layout["columns"] * layout["rows"]
        if layout["skip"] >= per_sheet:
            raise ValidationError(
                self.env._(
                    "Address labels: a sheet holds %(count)s labels, %(skip)s "
                    "cannot be skipped.",
                    count=per_sheet,
                    skip=layout["skip"],
                )
            )
        return layout

    @api.model
    def _get_report_values(self, docids, data=None):
        layout = self._label_layout(data)
        partners = self.env["res.partner"].browse(docids)
        columns, per_sheet = layout["columns"], layout["columns"] * layout["rows"]
        slots = [None] * layout["skip"] + list(partners)
        slots += [None] * (-len(slots) % per_sheet)
        pages = [
            [
                slots[start : start + columns]
                for start in range(page, page + per_sheet, columns)
            ]
            for page in range(0, len(slots), per_sheet)
        ]
        return {
            "doc_ids": partners.ids,
            "doc_model": "res.partner",
            "docs": partners,
            "pages": pages,
            "label_width": SHEET_WIDTH / columns,
            "label_height": SHEET_HEIGHT / layout["rows"],
        }
