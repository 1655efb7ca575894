# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models
from odoo.tools.sql import create_index


class AccountMoveLine(models.Model):
    _inherit = "account.move.line"

    def init(self):
        res = super().init()
        # the client finance block leaves out the reconciliations of an
        # invoice with a credit note (analytics/client_finance.py,
        # _not_a_document): the receivable lines of the documents on the credit
        # side, a small part of the journal items, read in this index alone
        create_index(
            self.env.cr,
            "account_move_line_cdl_credit_term_index",
            self._table,
            ["id"],
            where="display_type = 'payment_term' AND balance < 0",
        )
        return res
