# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models


class AccountPayment(models.Model):
    _inherit = "account.payment"

    def write(self, vals):
        """A payment without journal entry (bank journal without outstanding
        account) collects for its invoices by its state, amount and link alone,
        without reconciliation (see ``analytics.collected.settled``): accrue the
        designer invoices it settles when it is linked (see account.move) or
        confirmed, reverse their open reward entries when it is reset to draft,
        rejected or cancelled (see ``designer.reward._sync_moves``)."""
        if not {"state", "invoice_ids"} & vals.keys():
            return super().write(vals)
        invoices = self._cdl_moveless_invoices()
        res = super().write(vals)
        invoices |= self._cdl_moveless_invoices()
        if invoices:
            self.env["designer.reward"].sudo()._sync_moves(invoices)
        return res

    def unlink(self):
        invoices = self._cdl_moveless_invoices()
        res = super().unlink()
        if invoices:
            self.env["designer.reward"].sudo()._sync_moves(invoices.exists())
        return res

    def _cdl_moveless_invoices(self):
        # payments with a journal entry settle by reconciliation (see
        # account.partial.reconcile)
        return self.filtered(lambda p: not p.move_id).invoice_ids._cdl_rewarded()
