# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models

from ..models.loyalty_program import as_program


class AccountMoveReversal(models.TransientModel):
    _inherit = "account.move.reversal"

    def reverse_moves(self, is_modify=False):
        """*Reverse and Create Invoice* on a payout bill: its credit note puts
        the statement back to Confirmed (see ``account.move._post``), and the
        new draft bill becomes the statement's bill: posting it (or Pay on the
        statement) pays the statement again, once. The program writes the
        links; the checks of ``_post`` still apply to both moves."""
        bills = self.move_ids._cdl_paying_bills()
        if not (is_modify and bills):
            return super().reverse_moves(is_modify=is_modify)
        res = super(AccountMoveReversal, as_program(self)).reverse_moves(
            is_modify=is_modify
        )
        for bill in self.new_move_ids.sudo().filtered("cdl_payout_statement_id"):
            statement = bill.cdl_payout_statement_id
            as_program(statement).move_id = bill
            statement.message_post(
                body=self.env._(
                    "Draft vendor bill %(bill)s replaces the reversed one: posting "
                    "it pays the statement.",
                    bill=bill.display_name,
                )
            )
        return res

    def _modify_default_reverse_values(self, origin_move):
        """The new draft of a payout bill just credited pays its statement,
        dated as the credit note: ready to be posted."""
        values = super()._modify_default_reverse_values(origin_move)
        bill = origin_move.sudo()
        if bill.cdl_payout_statement_id and bill.cdl_payout_reversal_id:
            values["cdl_payout_statement_id"] = bill.cdl_payout_statement_id.id
            values["invoice_date"] = bill.cdl_payout_reversal_id.invoice_date
        return values
