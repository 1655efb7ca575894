# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Contact history: the purpose and the result of a done activity kept on the
message Odoo posts when it is marked done (the activity itself is deleted),
so that the contact history report groups contacts by them."""

from odoo import fields, models

# a result longer than this is cut in the report column (the message keeps it all)
RESULT_SIZE = 200


class MailMessage(models.Model):
    _inherit = "mail.message"

    cdl_contact_purpose = fields.Char(
        string="Contact Purpose",
        readonly=True,
        help="Summary of the done activity: what the contact was for.",
    )
    cdl_contact_result = fields.Char(
        string="Contact Result",
        readonly=True,
        help="Feedback given when the activity was marked done.",
    )


class MailActivity(models.Model):
    _inherit = "mail.activity"

    def _action_done(self, feedback=False, attachment_ids=None):
        # the activities in the order super() posts their messages
        activities = [
            activity
            for data in self._classify_by_model().values()
            for activity in data["activities"]
        ]
        purposes = [activity.summary or False for activity in activities]
        messages, next_activities = super()._action_done(
            feedback=feedback, attachment_ids=attachment_ids
        )
        result = (feedback or "").strip()[:RESULT_SIZE] or False
        for message, purpose in zip(messages, purposes, strict=True):
            message.sudo().write(
                {"cdl_contact_purpose": purpose, "cdl_contact_result": result}
            )
        return messages, next_activities
