# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import calendar
import logging
from collections import defaultdict
from datetime import date as Date

import psycopg2

from odoo import api, fields, models
from odoo.tools import mute_logger, plaintext2html

from ..analytics import dossier

_logger = logging.getLogger(__name__)

GREETING_TEMPLATES = {  # is a birthday: default greeting template
    True: "crm_designer_loyalty.mail_template_significant_date_birthday",
    False: "crm_designer_loyalty.mail_template_significant_date_holiday",
}


def yearly_occurrence(day, year):
    """The anniversary of ``day`` in ``year``; 29 February falls on the 28th in
    years that are not leap years."""
    if day.month == 2 and day.day == 29 and not calendar.isleap(year):
        return Date(year, 2, 28)
    return day.replace(year=year)


class ResPartnerSignificantDate(models.Model):
    _name = "res.partner.significant.date"
    _inherit = "res.partner.dossier.mixin"
    _description = "Significant Date"
    _order = "next_occurrence_sort, id"
    _rec_name = "name"

    name = fields.Char(
        string="Description",
        help='What is celebrated, e.g. "Director\'s birthday" or "Builder\'s Day".',
    )
    date_type = fields.Selection(
        [
            ("birthday", "Birthday"),
            ("company_anniversary", "Company Anniversary"),
            ("professional_holiday", "Professional Holiday"),
            ("custom", "Other"),
        ],
        string="Type",
        required=True,
        default="birthday",
        help="Kind of date; used to group and filter the dates.",
    )
    date = fields.Date(
        required=True,
        help="The date itself (a birth date, a foundation date...). Only the day "
        "and month count for yearly dates; 29 February is celebrated on "
        "28 February in other years.",
    )
    recurring = fields.Boolean(
        string="Every Year",
        default=True,
        help="Remind of this date every year. Untick for a one-off event.",
    )
    active = fields.Boolean(default=True)
    notes = fields.Text(help="Gift ideas, how the client celebrates, etc.")
    next_occurrence = fields.Date(
        compute="_compute_next_occurrence",
        help="Next time this date comes, today included.",
    )
    next_occurrence_sort = fields.Char(
        compute="_compute_next_occurrence_sort",
        store=True,
        help="Month and day (MM-DD) used to sort dates through the year.",
    )
    reminder_action = fields.Selection(
        [("todo", "To-do for the salesperson"), ("email", "Send the greeting")],
        string="On the Date",
        required=True,
        default="todo",
        help="To-do: the salesperson gets a to-do a few days ahead (Settings). "
        "Send the greeting: on the day, the greeting template is emailed to "
        "the partner in their language and logged on their chatter; a partner "
        "without email gets the to-do instead.",
    )
    greeting_template_id = fields.Many2one(
        "mail.template",
        compute="_compute_greeting_template_id",
        store=True,
        readonly=False,
        domain=[("model", "=", "res.partner.significant.date")],
        help="Greeting sent on the day: the birthday greeting for a birthday, "
        "the holiday greeting for the other dates by default.",
    )
    last_reminded_year = fields.Integer(
        readonly=True,
        copy=False,
        help="Year of the last occurrence for which a reminder activity was "
        "scheduled or the greeting sent; the reminder cron skips that "
        "occurrence on a re-run.",
    )
    user_id = fields.Many2one(
        related="partner_id.user_id",
        string="Salesperson",
        help="Salesperson of the partner; the reminder goes to them, or to the "
        "salesperson of their company when they have none.",
    )

    @api.depends("date_type")
    def _compute_greeting_template_id(self):
        for row in self:
            row.greeting_template_id = self.env.ref(
                GREETING_TEMPLATES[row.date_type == "birthday"],
                raise_if_not_found=False,
            )

    @api.depends("date")
    def _compute_next_occurrence_sort(self):
        for row in self:
            row.next_occurrence_sort = row.date and row.date.strftime("%m-%d")

    @api.depends("date", "recurring")
    @api.depends_context("tz")
    def _compute_next_occurrence(self):
        today = fields.Date.context_today(self)
        for row in self:
            row.next_occurrence = row._next_occurrence(today)

    def _next_occurrence(self, today):
        """First occurrence on or after ``today`` (False for a past one-off)."""
        self.ensure_one()
        if not self.date or self.date >= today:
            return self.date
        if not self.recurring:
            return False
        occurrence = yearly_occurrence(self.date, today.year)
        if occurrence < today:
            occurrence = yearly_occurrence(self.date, today.year + 1)
        return occurrence

    @api.depends("name", "date_type", "partner_id")
    def _compute_display_name(self):
        labels = dict(self._fields["date_type"]._description_selection(self.env))
        for row in self:
            label = row.name or labels.get(row.date_type, "")
            row.display_name = f"{row.partner_id.display_name or ''}: {label}"

    def write(self, vals):
        # A corrected day (a typo fixed after the reminder of the wrong day) is
        # reminded again; the same day written again (an import) is not.
        moved = self.browse()
        if vals.get("date"):
            day = fields.Date.to_date(vals["date"])
            moved = self.filtered(
                lambda row: (row.date.month, row.date.day) != (day.month, day.day)
            )
        res = super().write(vals)
        if moved:
            super(ResPartnerSignificantDate, moved).write({"last_reminded_year": 0})
        return res

    # Reminders ---------------------------------------------------------------

    @api.model
    def _subscribe_reminder_users(self, vals_list):
        """Make each assignee follow the partners of their reminders, once per
        (partner, user) pair. mail.activity.create subscribes a user to the
        records of all their new activities at once, and a partner listed twice
        (two dates in the batch) that the user does not follow yet would be
        inserted twice as a follower (unique violation, whole batch lost)."""
        partner_ids_by_user = defaultdict(set)
        for vals in vals_list:
            partner_ids_by_user[vals["user_id"]].add(vals["res_id"])
        for user_id, partner_ids in partner_ids_by_user.items():
            user = self.env["res.users"].browse(user_id)
            self.env["res.partner"].browse(sorted(partner_ids)).message_subscribe(
                partner_ids=user.sudo().partner_id.ids
            )

    @api.model
    def _remind(self, due, activity_type, partner_model):
        """The greetings or to-dos of the ``due`` rows (id, year, day, send),
        and the year they were reminded for."""
        vals_list = [
            self.browse(row_id)._reminder_activity_vals(
                day, activity_type, partner_model
            )
            for row_id, __, day, send in due
            if not send
        ]
        self._subscribe_reminder_users(vals_list)
        self.env["mail.activity"].create(vals_list)
        self.browse([row_id for row_id, __, __, send in due if send])._send_greetings()
        for year in {year for __, year, __, __ in due}:
            self.browse(
                [row_id for row_id, row_year, __, __ in due if row_year == year]
            ).last_reminded_year = year

    def _send_greetings(self):
        """Each row's greeting, emailed to its partner from its salesperson
        and logged on the partner's chatter."""
        for template, rows in self.grouped("greeting_template_id").items():
            template._cdl_post_to_partners(rows, [row._reminder_user() for row in rows])

    @api.model
    def _cron_schedule_reminders(self, batch_size=500, today=None):
        """Schedule a to-do on the partner for each significant date coming
        within the company's reminder window (Settings), assigned to the
        partner's salesperson, else its company's, else the user running the
        cron; or, for a date whose setting is "Send the greeting", email the
        greeting to the partner on the day, from that user.

        Idempotent: the occurrence's year is stored on the row and a row is
        reminded at most once per year. Works in committed batches.

        :param today: the reference day (default: today in the user's timezone)
        :return: number of activities scheduled and greetings sent
        """
        today = today or fields.Date.context_today(self)
        activity_type = self.env.ref(
            "crm_designer_loyalty.mail_activity_type_significant_date"
        )
        partner_model = self.env["ir.model"]._get_id("res.partner")
        self.env.flush_all()  # the query reads partners and companies too
        done = 0
        while True:
            self.env.cr.execute(
                dossier.due_reminders_query(
                    today, batch_size, self.env.company.significant_date_reminder_days
                )
            )
            due = self.env.cr.fetchall()
            if not due:
                break
            try:
                with mute_logger("odoo.sql_db"), self.env.cr.savepoint():
                    self._remind(due, activity_type, partner_model)
            except (
                psycopg2.errors.UniqueViolation,
                psycopg2.errors.SerializationFailure,
            ):
                # another transaction (a second worker, a user) made an
                # assignee follow one of these partners meanwhile: this batch
                # is undone, the next run reminds it (the rows are not marked)
                _logger.info("Significant date reminders: batch left to the next run")
                break
            done += len(due)
            self.env["ir.cron"]._cdl_batch_done(done=done, remaining=0)
        return done

    def _reminder_user(self):
        """The partner's salesperson, else its company's, else the user
        running the cron."""
        self.ensure_one()
        return (
            self.partner_id.user_id
            or self.partner_id.commercial_partner_id.user_id
            or self.env.user
        )

    def _reminder_activity_vals(self, day, activity_type, partner_model):
        self.ensure_one()
        return {
            "res_model_id": partner_model,
            "res_id": self.partner_id.id,
            "activity_type_id": activity_type.id,
            "user_id": self._reminder_user().id,
            "date_deadline": day,
            "summary": self.display_name,
            "note": plaintext2html(self.notes or ""),
        }
