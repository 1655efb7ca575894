# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Demo contact history, run at the end of
:meth:`.crm_designer_demo.CrmDesignerDemo.load`: for each demo salesperson,
calls and meetings marked done on their clients with a purpose (the summary)
and a result (the feedback), and a note, so that Analysis > Contact History
groups contacts by purpose and result."""

import random


def load(env, seed=16, per_user=4):
    _ = env._
    call, meeting = "mail.mail_activity_data_call", "mail.mail_activity_data_meeting"
    contacts = (
        (call, _("Present the new collection"), _("Order placed")),
        (call, _("Present the new collection"), _("Call back later")),
        (meeting, _("Measure the room"), _("Quote requested")),
        (call, _("Agree the delivery date"), _("Order placed")),
        (meeting, _("Measure the room"), _("No interest")),
    )
    rng = random.Random(seed)
    users = env["res.users"].search(
        [("login", "=like", "cdl_demo_sales_%")], order="login"
    )
    for user in users:
        clients = env["res.partner"].search(
            [("user_id", "=", user.id), ("parent_id", "=", False)],
            limit=per_user,
            order="id",
        )
        for client in clients.with_user(user):
            xmlid, purpose, result = rng.choice(contacts)
            client.activity_schedule(
                xmlid, summary=purpose, user_id=user.id
            ).action_feedback(feedback=result)
            client.message_post(
                body=_("Prefers natural materials."),
                message_type="comment",
                subtype_xmlid="mail.mt_note",
            )
