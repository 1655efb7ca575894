# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""18.0.1.2.0: a designer is Active in the program, since the day they were
created, unless set otherwise."""


def migrate(cr, version):
    cr.execute(
        """
        UPDATE res_partner
           SET designer_program_state = COALESCE(designer_program_state, 'active'),
               designer_since = COALESCE(designer_since, create_date::date)
         WHERE is_designer
           AND (designer_program_state IS NULL OR designer_since IS NULL)
        """
    )
