# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import tagged

from .common import DesignerCrmCommon


@tagged("post_install", "-at_install")
class TestAttribution(DesignerCrmCommon):
    def test_designer_client_count(self):
        self.client.designer_id = self.designer
        self.assertEqual(self.designer.designer_client_count, 1)
        self.assertEqual(self.designer2.designer_client_count, 0)
