# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""A count with its noun in the plural form of the language: the translated
term holds the forms separated by "|" (English "client|clients": one, other;
Russian "клиент|клиента|клиентов": one, few, many), chosen by the language's
rule (gettext's Plural-Forms of each language)."""

from odoo.tools import formatLang


def plural_index(lang, count):
    """The index of the plural form of ``count`` in ``lang``."""
    n = abs(int(count))
    if (lang or "").startswith("ru"):
        if n % 10 == 1 and n % 100 != 11:
            return 0
        if 2 <= n % 10 <= 4 and not 12 <= n % 100 <= 14:
            return 1
        return 2
    return 0 if n == 1 else 1


def count_label(env, count, forms):
    """``count`` formatted in the language of ``env`` followed by its form
    among ``forms`` (a translated "one|other" or "one|few|many" term)."""
    forms = forms.split("|")
    index = min(plural_index(env.lang, count), len(forms) - 1)
    return f"{formatLang(env, count, digits=0)} {forms[index]}"
