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
        moves = (partials.debit_move_id | partials.credit_move_id).move_id.filtered(
            lambda m: m.designer_id and m.move_type in ("out_invoice", "out_refund")
        )
        if moves:
            self.env["designer.reward"].sudo()._accrue_moves(moves.ids)
        return partials
