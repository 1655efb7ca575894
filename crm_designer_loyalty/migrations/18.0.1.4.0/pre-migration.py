# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""18.0.1.4.0: design styles and document types become data of the module. The
ones that already exist under the same (English) name, created by hand or by
the demo data, are adopted by the new records instead of clashing with their
unique name."""

from odoo.tools import SQL

# the records of data/res_partner_design_style_data.xml and
# data/res_partner_document_type_data.xml in 18.0.1.4.0: XML id and English
# name, by model
RECORDS = {
    "res.partner.design.style": {
        "res_partner_design_style_scandinavian": "Scandinavian",
        "res_partner_design_style_loft": "Loft",
        "res_partner_design_style_classic": "Classic",
        "res_partner_design_style_minimalism": "Minimalism",
        "res_partner_design_style_art_deco": "Art Deco",
        "res_partner_design_style_provence": "Provence",
    },
    "res.partner.document.type": {
        "res_partner_document_type_contract": "Contract",
        "res_partner_document_type_offer": "Commercial Offer",
        "res_partner_document_type_project": "Design Project",
        "res_partner_document_type_photo": "Photo",
        "res_partner_document_type_certificate": "Certificate",
    },
}


def migrate(cr, version):
    for model, names in RECORDS.items():
        for xmlid, name in names.items():
            cr.execute(
                SQL(
                    """
                    INSERT INTO ir_model_data (module, name, model, res_id, noupdate)
                    SELECT 'crm_designer_loyalty', %(xmlid)s, %(model)s, t.id, TRUE
                      FROM %(table)s t
                     WHERE t.name->>'en_US' = %(name)s
                       AND NOT EXISTS (
                           SELECT 1 FROM ir_model_data d
                            WHERE d.module = 'crm_designer_loyalty'
                              AND d.name = %(xmlid)s)
                     LIMIT 1
                    """,
                    xmlid=xmlid,
                    model=model,
                    table=SQL.identifier(model.replace(".", "_")),
                    name=name,
                )
            )
