# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Group actions on a selection of partners: salesperson, tags, an activity,
a mailing list. Every change goes through the ORM as the user, so that the
salesperson-assignment rules of res_partner.py and the access rights of
activities and mailing lists apply."""

from odoo import Command, fields, models
from odoo.exceptions import UserError

from .partner_selection import selected_partners

GROUP_ACTIONS = [
    ("salesperson", "Assign a salesperson"),
    ("tag", "Add tags"),
    ("activity", "Schedule an activity"),
    ("mailing_list", "Add to a mailing list"),
]


class ResPartnerGroupAction(models.TransientModel):
    _name = "res.partner.group.action"
    _inherit = ["crm.designer.input.mixin"]
    _description = "Group Action on Partners"

    partner_ids = fields.Many2many(
        "res.partner", string="Partners", required=True, default=selected_partners
    )
    action = fields.Selection(GROUP_ACTIONS, required=True, default="salesperson")
    user_id = fields.Many2one("res.users", string="Salesperson")
    category_ids = fields.Many2many("res.partner.category", string="Tags")
    activity_type_id = fields.Many2one("mail.activity.type")
    activity_summary = fields.Char(string="Summary")
    activity_date_deadline = fields.Date(string="Due Date")
    activity_user_id = fields.Many2one(
        "res.users", string="Assigned to", default=lambda self: self.env.user
    )
    mailing_list_id = fields.Many2one("mailing.list")

    def action_apply(self):
        self.ensure_one()
        missing = {
            "salesperson": "user_id",
            "tag": "category_ids",
            "activity": "activity_type_id",
            "mailing_list": "mailing_list_id",
        }[self.action]
        if not self[missing]:
            raise UserError(
                self.env._(
                    "%(field)s is required to %(action)s.",
                    field=self._fields[missing]._description_string(self.env),
                    action=dict(
                        self._fields["action"]._description_selection(self.env)
                    )[self.action].lower(),
                )
            )
        getattr(self, f"_apply_{self.action}")()
        return {"type": "ir.actions.act_window_close"}

    def _apply_salesperson(self):
        self.partner_ids.write({"user_id": self.user_id.id})

    def _apply_tag(self):
        self.partner_ids.write(
            {"category_id": [Command.link(tag.id) for tag in self.category_ids]}
        )

    def _apply_activity(self):
        self.partner_ids.activity_schedule(
            activity_type_id=self.activity_type_id.id,
            summary=self.activity_summary or False,
            date_deadline=self.activity_date_deadline
            or fields.Date.context_today(self),
            user_id=self.activity_user_id.id or self.env.uid,
        )

    def _apply_mailing_list(self):
        """A contact of the list for each partner with an email that the list
        does not hold yet (Email Marketing rights needed)."""
        listed = set(self.mailing_list_id.contact_ids.mapped("email_normalized"))
        new = self.partner_ids.filtered(
            lambda p: p.email_normalized and p.email_normalized not in listed
        )
        if not new:
            return
        self.env["mailing.contact"].create(
            [
                {
                    "name": partner.name,
                    "email": partner.email,
                    "company_name": partner.commercial_company_name or False,
                    "list_ids": [Command.link(self.mailing_list_id.id)],
                }
                for partner in new
            ]
        )
