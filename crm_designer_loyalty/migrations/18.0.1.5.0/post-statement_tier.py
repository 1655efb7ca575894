# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""18.0.1.5.0: a statement shows the tier of its entries (its latest accrual,
else its latest clawback), no longer the designer's tier at generation. Draft
statements get it now; confirmed and paid ones keep the header they were
issued with."""


def migrate(cr, version):
    cr.execute(
        """
        UPDATE designer_reward_statement s
           SET tier_id = (
               SELECT r.tier_id FROM designer_reward r
                WHERE r.statement_id = s.id AND r.tier_id IS NOT NULL
                ORDER BY r.kind = 'accrual' DESC, r.date DESC, r.id DESC
                LIMIT 1)
         WHERE s.state = 'draft'
        """
    )
