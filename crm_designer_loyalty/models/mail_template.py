# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models


class MailTemplate(models.Model):
    _inherit = "mail.template"

    def _cdl_post_to_partners(self, records, authors):
        """Render this template on ``records`` (each in the language the
        template's ``lang`` gives, the partner's) and post it on the chatter of
        each record's ``partner_id``, addressed to that partner, from the
        matching user of ``authors``. The emails are queued for the mail queue
        cron, so that the caller's transaction decides whether they go.

        :return: the posted messages
        """
        self.ensure_one()
        rendered = self._generate_template(records.ids, ("subject", "body_html"))
        messages = self.env["mail.message"]
        for record, author in zip(records, authors, strict=True):
            partner = record.partner_id.with_context(mail_notify_force_send=False)
            messages |= partner.message_post(
                body=rendered[record.id]["body_html"],
                subject=rendered[record.id]["subject"],
                partner_ids=partner.ids,
                author_id=author.partner_id.id,
                message_type="comment",
                subtype_xmlid="mail.mt_comment",
                email_layout_xmlid="mail.mail_notification_light",
            )
        return messages
