# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Demo data of the contact history, on the clients and designers of
:class:`.crm_designer_demo.CrmDesignerDemo` (their salespeople are the demo
ones): done calls, meetings and emails with their purpose (the activity type
and summary) and result (the feedback), as Odoo logs a done activity; e-mails
received from clients; planned activities (a few overdue); notes in the chatter
of designers, orders and opportunities; the decision makers of the companies
(roles and job positions of their contact persons). Deterministic: its own
random generator, seeded. Messages are created in batches, without
notifications."""

import random
from datetime import datetime, time, timedelta

from markupsafe import Markup

from odoo import fields

# activity type XML id: [(purpose, [results])]
DONE_ACTIVITIES = {
    "mail.mail_activity_data_call": [
        (
            "Follow up on the quote",
            [
                "Agreed to order after the design is approved.",
                "Asked for a 5 % discount; offered free delivery instead.",
                "Not decided yet, call back in two weeks.",
            ],
        ),
        (
            "Confirm the delivery date",
            [
                "Delivery confirmed for Saturday morning.",
                "Moved to next week: the flat is not ready.",
            ],
        ),
        (
            "Satisfaction call after installation",
            [
                "Very satisfied, will recommend us.",
                "A scratch on the table leg: a technician will come.",
            ],
        ),
    ],
    "mail.mail_activity_data_meeting": [
        (
            "Showroom visit with the designer",
            [
                "Chose the Milano sofa in grey linen; quote to send.",
                "Liked the Aurora lamps; waiting for the final plan.",
            ],
        ),
        (
            "Measurements on site",
            [
                "Measured 86 m²; parquet and plaster quote to prepare.",
                "Walls not level: plaster needs an extra layer.",
            ],
        ),
        (
            "Project presentation",
            [
                "Project approved with minor changes.",
                "Budget too high: a lighter version to propose.",
            ],
        ),
    ],
    "mail.mail_activity_data_email": [
        (
            "Send the commercial offer",
            [
                "Offer sent; the client confirmed reception.",
                "Offer sent with the samples catalogue.",
            ],
        ),
        (
            "Send the invoice and delivery terms",
            [
                "Invoice sent; payment expected this week.",
                "Sent; the accountant asked for a contract copy.",
            ],
        ),
    ],
}
PLANNED_ACTIVITIES = [
    ("mail.mail_activity_data_call", "Call about the next stage of the project"),
    ("mail.mail_activity_data_meeting", "Showroom visit: choose the fabrics"),
    ("mail.mail_activity_data_email", "Send the new collection catalogue"),
    ("mail.mail_activity_data_todo", "Prepare the quote for the second floor"),
]
CLIENT_EMAILS = [
    ("Question about the delivery", "Could you tell us when the sofa will arrive?"),
    ("Change in the order", "We would like the table in walnut instead of oak."),
    ("Thank you", "Everything is installed, thank you for the careful work."),
]
ORDER_NOTES = [
    "Delivery agreed with the client: lift available, 5th floor.",
    "The designer asked to deliver before the painters finish.",
    "Client pays in two parts: advance received.",
]
DESIGNER_NOTES = [
    "Met at the interior design fair; works mostly on new flats.",
    "Prefers that we contact the clients through her.",
    "Brings large projects in spring; send the new collections early.",
]
LEAD_NOTES = [
    "The client compares our quote with Mebel Plus.",
    "Decision expected after the designer's presentation.",
]
# role in decisions, job position: the first contact person of a company is
# its decision maker, the next ones hold the budget or influence the choice
DECISION_ROLES = [
    ("decision_maker", "Director"),
    ("budget_holder", "Chief Accountant"),
    ("influencer", "Project Manager"),
]


class ContactHistoryDemo:
    """The contact history of the demo clients and designers:
    ``ContactHistoryDemo(env)`` (those of the demo salespeople) or
    ``ContactHistoryDemo(env, partners)``."""

    def __init__(self, env, partners=None, today=None):
        self.env = env(
            context=dict(
                env.context,
                tracking_disable=True,
                mail_create_nolog=True,
                mail_notrack=True,
            )
        )
        self.rng = random.Random(15)
        self.today = today or fields.Date.context_today(self.env.user)
        if partners is None:
            salespeople = self.env["res.users"].search(
                [("login", "=like", "cdl_demo_sales_%")]
            )
            partners = self.env["res.partner"].search(
                [("user_id", "in", salespeople.ids), ("parent_id", "=", False)],
                order="id",
            )
        partners = partners.with_env(self.env)
        self.designers = partners.filtered("is_designer")
        self.clients = partners - self.designers

    def load(self):
        return {
            "decision_makers": self.decision_makers(),
            "done": self.done_activities(),
            "emails": self.client_emails(),
            "planned": self.planned_activities(),
            "notes": self.notes(),
        }

    def _moment(self, days_back):
        """A working hour ``days_back`` days ago."""
        day = self.today - timedelta(days=days_back)
        return datetime.combine(day, time(self.rng.randint(9, 17), 0))

    def _message(self, record, body, when, **values):
        return {
            "model": record._name,
            "res_id": record.id,
            "body": body,
            "date": when,
            "message_type": "comment",
            "subtype_id": self.env.ref("mail.mt_note").id,
            "author_id": (record.user_id or self.env.user).partner_id.id,
            **values,
        }

    def decision_makers(self):
        """Roles and job positions of the contact persons of the companies."""
        contacts = self.env["res.partner"].search(
            [("parent_id", "in", self.clients.filtered("is_company").ids)],
            order="id",
        )
        by_role = {}
        position = {}
        for contact in contacts:
            index = position.get(contact.parent_id, 0)
            position[contact.parent_id] = index + 1
            by_role.setdefault(DECISION_ROLES[index % len(DECISION_ROLES)], []).append(
                contact.id
            )
        for (role, function), ids in by_role.items():
            self.env["res.partner"].browse(ids).write(
                {"decision_role": role, "function": function}
            )
        return contacts

    def done_activities(self):
        """One to four done calls, meetings or emails over the last six months
        of each client, as messages of done activities."""
        subtype = self.env.ref("mail.mt_activities").id
        values = []
        for client in self.clients:
            for _index in range(self.rng.randint(1, 4)):
                xmlid = self.rng.choice(list(DONE_ACTIVITIES))
                activity_type = self.env.ref(xmlid)
                purpose, results = self.rng.choice(DONE_ACTIVITIES[xmlid])
                result = self.rng.choice(results)
                body = Markup(
                    '<div><p><span class="fa {icon} fa-fw"></span>'
                    "<span>{kind}</span> done: <span>{purpose}</span></p>"
                    '<div><div class="fw-bold">Feedback:</div> {result}</div></div>'
                ).format(
                    icon=activity_type.icon,
                    kind=activity_type.name,
                    purpose=purpose,
                    result=result,
                )
                values.append(
                    self._message(
                        client,
                        body,
                        self._moment(self.rng.randint(1, 180)),
                        subtype_id=subtype,
                        mail_activity_type_id=activity_type.id,
                        cdl_contact_purpose=purpose,
                        cdl_contact_result=result,
                    )
                )
        return self.env["mail.message"].create(values)

    def client_emails(self):
        """E-mails received from a third of the clients."""
        values = []
        for client in self.clients:
            if self.rng.random() >= 1 / 3:
                continue
            subject, text = self.rng.choice(CLIENT_EMAILS)
            values.append(
                self._message(
                    client,
                    Markup("<p>%s</p>") % text,
                    self._moment(self.rng.randint(1, 120)),
                    message_type="email",
                    subtype_id=self.env.ref("mail.mt_comment").id,
                    subject=subject,
                    author_id=client.id,
                    email_from=client.email_formatted,
                )
            )
        return self.env["mail.message"].create(values)

    def planned_activities(self):
        """The next step of ~40 % of the clients, due from five days ago (late)
        to in two weeks, assigned to their salesperson."""
        model = self.env["ir.model"]._get_id("res.partner")
        values = []
        for client in self.clients:
            if self.rng.random() >= 0.4:
                continue
            xmlid, summary = self.rng.choice(PLANNED_ACTIVITIES)
            values.append(
                {
                    "res_model_id": model,
                    "res_id": client.id,
                    "activity_type_id": self.env.ref(xmlid).id,
                    "summary": summary,
                    "user_id": client.user_id.id,
                    "date_deadline": self.today
                    + timedelta(days=self.rng.randint(-5, 14)),
                }
            )
        return self.env["mail.activity"].create(values)

    def notes(self):
        """Notes in the chatter of every designer, of a tenth of the orders of
        the last three months and of a third of the open opportunities."""
        values = [
            self._message(
                designer,
                Markup("<p>%s</p>") % self.rng.choice(DESIGNER_NOTES),
                self._moment(self.rng.randint(1, 300)),
            )
            for designer in self.designers
        ]
        orders = self.env["sale.order"].search(
            [
                ("partner_id.commercial_partner_id", "in", self.clients.ids),
                ("state", "=", "sale"),
                ("date_order", ">=", self._moment(90)),
            ],
            order="id",
        )
        for order in orders:
            if self.rng.random() < 0.1:
                values.append(
                    self._message(
                        order,
                        Markup("<p>%s</p>") % self.rng.choice(ORDER_NOTES),
                        min(
                            order.date_order + timedelta(days=1), fields.Datetime.now()
                        ),
                    )
                )
        leads = self.env["crm.lead"].search(
            [("partner_id", "in", self.clients.ids)], order="id"
        )
        for lead in leads:
            if self.rng.random() < 1 / 3:
                values.append(
                    self._message(
                        lead,
                        Markup("<p>%s</p>") % self.rng.choice(LEAD_NOTES),
                        self._moment(self.rng.randint(1, 30)),
                    )
                )
        return self.env["mail.message"].create(values)
