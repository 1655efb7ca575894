# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""A mass mailing on exactly a segment or a selection: the partner list, the
snapshot lists (classes, matrix cells, leaders) and the value segments (the
tiers have theirs in designer_loyalty_tier.py)."""

from odoo import api, models
from odoo.exceptions import UserError
from odoo.tools.safe_eval import safe_eval


class ResPartner(models.Model):
    _inherit = "res.partner"  # pylint: disable=consider-merging-classes-inherited

    @api.model
    def _cdl_create_mailing(self, domain, subject):
        """Create a draft mass mailing (Email Marketing) on the partners of
        ``domain`` and open it. The domain is the mailing's recipients filter:
        it is evaluated again at each send, so that a segment domain (a class,
        a status, a value segment, a tier) follows the reclassifications and a
        list of ids stays that list."""
        Mailing = self.env["mailing.mailing"]
        if not Mailing.has_access("create"):
            raise UserError(
                self.env._(
                    "Only Email Marketing users can create a mailing: ask for "
                    "the Email Marketing / User access right."
                )
            )
        mailing = Mailing.create(
            {
                "subject": subject,
                "mailing_type": "mail",
                "mailing_model_id": self.env["ir.model"]._get_id("res.partner"),
                "mailing_domain": repr(domain),
            }
        )
        return {
            "type": "ir.actions.act_window",
            "res_model": "mailing.mailing",
            "res_id": mailing.id,
            "view_mode": "form",
            "target": "current",
        }

    def _cdl_selection_domain(self):
        """The domain of this selection of partners: the filter of the list
        it was selected from when every partner of that filter was selected
        (a segment: it follows the reclassifications), else their ids. The
        list's filter (``active_domain`` of the context) is used only when it
        selects exactly these partners."""
        active_domain = self.env.context.get("active_domain")
        if active_domain and self.env.context.get("active_model") == self._name:
            if isinstance(active_domain, str):
                active_domain = safe_eval(active_domain)
            if self.search(active_domain) == self:
                return list(active_domain)
        return [("id", "in", self.ids)]

    def action_cdl_send_mailing(self):
        """ "Send a mailing" of the partner list: a mailing on exactly the
        selected partners."""
        if not self:
            raise UserError(self.env._("Select the partners to send a mailing to."))
        return self._cdl_create_mailing(
            self._cdl_selection_domain(),
            self.env._("Mailing to %(count)s partners", count=len(self)),
        )


class ResPartnerSegmentSnapshot(models.Model):
    _inherit = "res.partner.segment.snapshot"

    def action_cdl_send_mailing(self):
        """ "Send a mailing" of the snapshot lists: on the selected rows'
        partners."""
        return self.partner_id.action_cdl_send_mailing()


class CrmRfmSegment(models.Model):
    _inherit = "crm.rfm.segment"

    def action_cdl_send_mailing(self):
        """A mailing on the partners of these value segments, at each send."""
        return self.env["res.partner"]._cdl_create_mailing(
            [("rfm_segment_id", "in", self.ids)], ", ".join(self.mapped("name"))
        )
