# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import math
from datetime import date

from odoo import api, fields, models
from odoo.exceptions import ValidationError


def _is_finite(value):
    """False for NaN and the infinities, also sent as text ("nan", "inf"); True
    for anything else (Odoo reports what is not a number at all)."""
    try:
        return math.isfinite(float(value))
    except OverflowError:  # an integer beyond the largest float
        return False
    except (TypeError, ValueError):
        return True


def _is_date(value):
    """False for a text that is not a real day written YYYY-MM-DD."""
    if not value or isinstance(value, date):
        return True
    try:
        fields.Date.to_date(value)
    except (TypeError, ValueError):
        return False
    return True


def _is_blank(value):
    """True for no value and for a text of spaces only."""
    if isinstance(value, str):
        return not value.strip()
    return value is None or value is False


class CrmDesignerInputMixin(models.AbstractModel):
    """The one check of the values a client sends (forms, JSON-RPC, XML-RPC,
    imports), run by ``create()`` and ``write()`` before Odoo converts them:

    - numbers (Float, Monetary, Integer) are finite: NaN and the infinities are
      refused. This cannot be an ``@api.constrains``: Odoo stores NaN in a plain
      Float, but fails with a raw ``ValueError`` when it rounds a Monetary or a
      Float with digits, before any constraint runs;
    - dates are real days written YYYY-MM-DD (the database would refuse a wrong
      one with a raw error);
    - required texts are neither empty nor blank.

    Context defaults (``default_<field>``) are checked with the values of
    ``create()``. The bounds of each field stay in the constraints of its model
    (``_cdl_check_bounds`` helps). A model extending a core model lists this mixin
    first in ``_inherit``, so that the check runs before the core overrides of
    ``create()`` and ``write()`` (Settings converts the values in its
    ``create()``)."""

    _name = "crm.designer.input.mixin"
    _description = "Checked Client Input"

    @api.model_create_multi
    def create(self, vals_list):
        defaults = {
            key[len("default_") :]: value
            for key, value in self.env.context.items()
            if key.startswith("default_")
        }
        for vals in vals_list:
            self.browse()._cdl_check_input({**defaults, **vals})
        return super().create(vals_list)

    def write(self, vals):
        self._cdl_check_input(vals)
        return super().write(vals)

    def _cdl_check_input(self, vals):
        """Refuse ``vals`` with a message naming the record and the field of the
        first value that must not be stored."""
        for name, value in vals.items():
            field = self._fields.get(name)
            error = field and self._cdl_input_error(field, value)
            if error:
                raise ValidationError(
                    self.env._(
                        "%(record)s: %(error)s",
                        record=self._cdl_input_label(vals),
                        error=error,
                    )
                )

    def _cdl_input_error(self, field, value):
        _ = self.env._
        label = field._description_string(self.env)
        if field.type in ("float", "monetary", "integer") and not _is_finite(value):
            return _(
                "%(field)s must be a finite number, not %(value)s.",
                field=label,
                value=value,
            )
        if field.type == "date" and not _is_date(value):
            return _(
                '%(field)s must be a date written YYYY-MM-DD, not "%(value)s".',
                field=label,
                value=value,
            )
        if (
            field.type == "char"
            and field.required
            and not field.compute
            and _is_blank(value)
        ):
            return _("%(field)s is required.", field=label)
        return None

    def _cdl_input_label(self, vals):
        """The records (or, without records, the record created from ``vals``)
        as the input errors name them: the model and the names, if it has any."""
        model = self.env["ir.model"]._get(self._name).name
        if not self._rec_name:  # wizards, settings
            names = []
        elif self:
            names = self.mapped("display_name")
        else:
            name = vals.get(self._rec_name)
            names = [name] if isinstance(name, str) and name.strip() else []
        quoted = ", ".join(f'"{name}"' for name in names)
        return f"{model} {quoted}" if names else model

    def _cdl_check_bounds(self, bounds):
        """For constraints: refuse the values out of ``bounds``, a dict of field
        name: (lowest, highest) allowed value."""
        for record in self:
            for name, (low, high) in bounds.items():
                if not low <= record[name] <= high:
                    raise ValidationError(
                        self.env._(
                            "%(record)s: %(field)s must be between %(low)s and "
                            "%(high)s, not %(value)s.",
                            record=record._cdl_input_label({}),
                            field=self._fields[name]._description_string(self.env),
                            low=low,
                            high=high,
                            value=record[name],
                        )
                    )
