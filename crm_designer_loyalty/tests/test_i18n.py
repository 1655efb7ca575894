# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import re

import polib

from odoo.modules.module import get_module_path
from odoo.tests import BaseCase, tagged

PLACEHOLDER = re.compile(r"%\(\w+\)[sd]|%[sd]|\{\{.*?\}\}")


@tagged("post_install", "-at_install")
class TestRussianTranslation(BaseCase):
    """Russian users are the first audience: every term of the template is
    translated, with the same placeholders."""

    def test_ru_po_complete(self):
        i18n = get_module_path("crm_designer_loyalty") + "/i18n/"
        template = polib.pofile(i18n + "crm_designer_loyalty.pot")
        russian = {entry.msgid: entry for entry in polib.pofile(i18n + "ru.po")}
        self.assertGreater(len(template), 500)
        missing = [e.msgid for e in template if not russian.get(e.msgid, e).msgstr]
        self.assertEqual(missing, [], "terms without a Russian translation")
        for entry in template:
            msgstr = russian[entry.msgid].msgstr
            self.assertEqual(
                sorted(PLACEHOLDER.findall(entry.msgid)),
                sorted(PLACEHOLDER.findall(msgstr)),
                f"placeholders differ in the translation of {entry.msgid!r}",
            )
