# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""18.0.1.6.0: designers created with "In the Program Since" filled in got no
program status: they are Active; a designer's first tier change (no earlier
tier) is a First Tier, not an Upgrade."""


def migrate(cr, version):
    cr.execute(
        """
        UPDATE res_partner
           SET designer_program_state = 'active'
         WHERE is_designer AND designer_program_state IS NULL
        """
    )
    cr.execute(
        """
        UPDATE designer_tier_change
           SET direction = 'first'
         WHERE old_tier_id IS NULL AND direction = 'up'
        """
    )
