# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, models

from .crm_designer_demo import CrmDesignerDemo


class IrDemo(models.TransientModel):
    _inherit = "ir.demo"

    @api.model
    def _cdl_load_demo_data(self):
        """The generated demo data of the current company, called by
        demo_data.xml (see the docstring of this package)."""
        CrmDesignerDemo(self.env).load()
