# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""18.0.1.5.0: a payout vendor bill keeps the statement it pays
(``account_move.cdl_payout_statement_id``, at most one posted bill per
statement): the bills of the paid statements get it."""


def migrate(cr, version):
    cr.execute(
        """
        UPDATE account_move m SET cdl_payout_statement_id = s.id
          FROM designer_reward_statement s
         WHERE s.move_id = m.id AND m.cdl_payout_statement_id IS NULL
        """
    )
