# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, models

from .designer_reward import SETTLED_PAYMENT_STATES


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
        settled removes its open reward entries (see
        ``designer.reward._unaccrue_moves``)."""
        moves = self._cdl_designer_moves()
        res = super().unlink()
        unsettled = moves.exists().filtered(
            lambda m: m.payment_state not in SETTLED_PAYMENT_STATES
        )
        if unsettled:
            self.env["designer.reward"]._unaccrue_moves(unsettled)
        return res

    def _cdl_designer_moves(self):
        return (self.debit_move_id | self.credit_move_id).move_id.filtered(
            lambda m: m.designer_id and m.move_type in ("out_invoice", "out_refund")
        )
