# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""18.0.1.3.0: the dossier notes move from res_partner to res_partner_dossier,
where record rules show them to the partner's salesperson and team only."""

from odoo.tools import SQL

# the note columns of res_partner that moved, as in 18.0.1.3.0
DOSSIER_NOTE_FIELDS = (
    "b2b_client_base",
    "business_goals",
    "business_kpis",
    "income_band",
    "family_composition",
    "life_events",
    "character_notes",
    "preference_notes",
)


def migrate(cr, version):
    cr.execute(
        """
        SELECT column_name FROM information_schema.columns
         WHERE table_name = 'res_partner' AND column_name = ANY(%s)
        """,
        [list(DOSSIER_NOTE_FIELDS)],
    )
    if len(cr.fetchall()) != len(DOSSIER_NOTE_FIELDS):
        return
    columns = SQL(", ").join(SQL.identifier(fname) for fname in DOSSIER_NOTE_FIELDS)
    cr.execute(
        SQL(
            """
            INSERT INTO res_partner_dossier (
                partner_id, company_id, %(columns)s,
                create_uid, write_uid, create_date, write_date)
            SELECT p.id, p.company_id, %(columns)s,
                   p.write_uid, p.write_uid, p.write_date, p.write_date
              FROM res_partner p
             WHERE COALESCE(%(any_note)s) IS NOT NULL
            ON CONFLICT (partner_id) DO NOTHING
            """,
            columns=columns,
            any_note=columns,
        )
    )
    for fname in DOSSIER_NOTE_FIELDS:
        cr.execute(SQL("ALTER TABLE res_partner DROP COLUMN %s", SQL.identifier(fname)))
