# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.exceptions import ValidationError
from odoo.tests import tagged

from .common import DesignerCrmCommon


@tagged("post_install", "-at_install")
class TestPartnerLabels(DesignerCrmCommon):
    """Issue 16: address labels, 3 x 8 on A4 by default."""

    def _html(self, partners, **data):
        wizard = (
            self.env["res.partner.label.wizard"]
            .with_user(self.user_sales)
            .with_context(active_model="res.partner", active_ids=partners.ids)
            .create(data)
        )
        action = wizard.action_print()
        html = (
            self.env["ir.actions.report"]
            .with_user(self.user_sales)
            ._render_qweb_html(
                action["report_name"], partners.ids, data=action["data"]
            )[0]
            .decode()
        )
        return html

    def test_labels(self):
        partners = self.env["res.partner"].create(
            [{"name": f"Label {i:02d}", "city": "Kazan"} for i in range(25)]
        )
        html = self._html(partners, skip=2)
        # 2 skipped + 25 labels = 27 slots: two sheets of 24
        self.assertEqual(html.count("o_cdl_label_page"), 2)
        self.assertEqual(html.count('class="o_cdl_label"'), 25)
        self.assertEqual(html.count("<td"), 48)
        self.assertIn("Label 24", html)
        self.assertIn("Kazan", html)
        html = self._html(partners[:5], columns=2, rows=2)
        self.assertEqual(html.count("o_cdl_label_page"), 2)
        self.assertEqual(html.count("<td"), 8)

    def test_bad_layout(self):
        with self.assertRaisesRegex(ValidationError, "between 1 and 5"):
            self._html(self.client, columns=0)
        with self.assertRaisesRegex(ValidationError, "cannot be skipped"):
            self._html(self.client, skip=24)
