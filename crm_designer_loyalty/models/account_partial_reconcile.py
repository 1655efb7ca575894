# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, models


class AccountPartialReconcile(models.Model):
    _inherit = "account.partial.reconcile"

    @api.model_create_multi
    def create(self, vals_list):
        """Accrue designer rewards as soon as a reconciliation settles a designer
        invoice or refund. The ledger insert is idempotent (ON CONFLICT DO NOTHING
        on its unique key), so this hook and the catch-up cron never double."""
        partials = super().create(vals_list)
        moves = partials._cdl_designer_moves()
        if moves:
            self.env["designer.reward"].sudo()._accrue_moves(moves.ids)
        return partials

    def unlink(self):
        """Unreconciling a designer invoice or credit note that is then no longer
        settled reverses its open reward entries (see
        ``designer.reward._reverse_moves``)."""
        moves = self._cdl_designer_moves()
        res = super().unlink()
        if moves:
            self.env["designer.reward"]._sync_moves(moves.exists())
        return res

    def _cdl_designer_moves(self):
        return (self.debit_move_id | self.credit_move_id).move_id._cdl_rewarded()
