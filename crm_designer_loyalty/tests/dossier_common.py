# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from contextlib import contextmanager

from .common import DesignerCrmCommon


class DossierCommon(DesignerCrmCommon):
    """The test environment's user also configures the dossier (consultant)."""

    @classmethod
    def get_default_groups(cls):
        return super().get_default_groups() | cls.env.ref(
            "crm_designer_loyalty.group_designer_config"
        )

    @contextmanager
    def assertRefused(self, exception, regex):
        """assertRaisesRegex within a savepoint (like Odoo's assertRaises), so
        that a refused write leaves nothing behind."""
        with self.assertRaises(exception) as caught:
            yield
        self.assertRegex(str(caught.exception), regex)
