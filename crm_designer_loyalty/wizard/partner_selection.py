# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The partners a wizard opened from a partner list acts on."""


def selected_partners(wizard):
    """Field default: the partners selected in the partner list the wizard
    was opened from (its ``active_ids``), else none."""
    Partner = wizard.env["res.partner"]
    if wizard.env.context.get("active_model") != "res.partner":
        return Partner
    return Partner.browse(wizard.env.context.get("active_ids") or [])
