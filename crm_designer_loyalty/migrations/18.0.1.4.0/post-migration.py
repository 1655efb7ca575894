# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The client ABC class pricelists got a switch of their own: it starts as the
former common switch of the sales conditions by rank."""


def migrate(cr, version):
    cr.execute(
        "UPDATE res_company"
        " SET loyalty_abc_pricelist_mapping = loyalty_pricelist_mapping"
    )
