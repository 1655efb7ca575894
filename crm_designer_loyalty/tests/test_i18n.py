# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import re

import polib

from odoo.modules.module import get_module_path
from odoo.tests import TransactionCase, tagged
from odoo.tools.translate import TranslationModuleReader

PLACEHOLDER = re.compile(r"%\(\w+\)[sd]|%[sd]|\{\{.*?\}\}")


@tagged("post_install", "-at_install")
class TestRussianTranslation(TransactionCase):
    """Russian users are the first audience: every term of the module (read
    from its code and data, as an export would) has a Russian translation with
    the same placeholders, and the .pot template holds them all."""

    def test_ru_po_complete(self):
        i18n = get_module_path("crm_designer_loyalty") + "/i18n/"
        terms = {
            row[4]
            for row in TranslationModuleReader(self.env.cr, ["crm_designer_loyalty"])
        }
        template = {
            entry.msgid for entry in polib.pofile(i18n + "crm_designer_loyalty.pot")
        }
        russian = {e.msgid: e.msgstr for e in polib.pofile(i18n + "ru.po") if e.msgstr}
        self.assertGreater(len(terms), 500)
        self.assertEqual(sorted(terms - template), [], "terms missing in the .pot")
        self.assertEqual(sorted(terms - set(russian)), [], "terms without Russian")
        for term in terms:
            self.assertEqual(
                sorted(PLACEHOLDER.findall(term)),
                sorted(PLACEHOLDER.findall(russian[term])),
                f"placeholders differ in the translation of {term!r}",
            )
