# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""18.0.1.4.0: design styles and document types become data of the module. The
ones that already exist under the same (English) name, created by hand or by
the demo data, are adopted by the new records instead of clashing with their
unique name."""

from lxml import etree

from odoo.modules.module import get_module_path
from odoo.tools import SQL

DATA_FILES = (
    "data/res_partner_design_style_data.xml",
    "data/res_partner_document_type_data.xml",
)


def migrate(cr, version):
    path = get_module_path("crm_designer_loyalty")
    for data_file in DATA_FILES:
        for record in etree.parse(f"{path}/{data_file}").iter("record"):
            model, xmlid = record.get("model"), record.get("id")
            name = record.find("field[@name='name']").text
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
