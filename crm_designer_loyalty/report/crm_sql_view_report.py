# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models, tools
from odoo.tools import SQL


class CrmSqlViewReport(models.AbstractModel):
    """An SQL-view report assembled from ``_select()``, ``_from()`` and
    ``_where()`` (core ``crm.activity.report``'s shape)."""

    _name = "crm.sql.view.report"
    _description = "SQL View Report"

    def _select(self):
        raise NotImplementedError

    def _from(self):
        raise NotImplementedError

    def _where(self):
        return SQL("TRUE")

    def init(self):
        if self._abstract:
            return
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(
            SQL(
                "CREATE OR REPLACE VIEW %s AS (SELECT %s FROM %s WHERE %s)",
                SQL.identifier(self._table),
                self._select(),
                self._from(),
                self._where(),
            )
        )
