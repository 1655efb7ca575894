# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The significant dates of an existing database get their default greeting
template (the birthday greeting for a birthday, the holiday greeting
otherwise): the stored compute ran on them before the templates were loaded."""

BIRTHDAY = "mail_template_significant_date_birthday"
HOLIDAY = "mail_template_significant_date_holiday"


def migrate(cr, version):
    cr.execute(
        """
        UPDATE res_partner_significant_date d
           SET greeting_template_id = x.res_id
          FROM ir_model_data x
         WHERE d.greeting_template_id IS NULL
           AND x.module = 'crm_designer_loyalty'
           AND x.model = 'mail.template'
           AND x.name = CASE WHEN d.date_type = 'birthday' THEN %s ELSE %s END
        """,
        (BIRTHDAY, HOLIDAY),
    )
