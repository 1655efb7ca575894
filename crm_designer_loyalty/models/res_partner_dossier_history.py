# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Partner dossier, the history: confirmed orders, contact history, invoice and
payment counters, of the partner and its contacts. The dossier fields of
res.partner are split by what they show: what the partner did here, the profile
(designer profile, notes, rows) in res_partner_dossier_profile.py."""

from datetime import timedelta

from odoo import fields, models
from odoo.osv import expression

CONTACT_HISTORY_DAYS = 90


class ResPartner(models.Model):
    _inherit = "res.partner"  # pylint: disable=consider-merging-classes-inherited

    # Dossier: purchases ------------------------------------------------------
    first_order_date = fields.Date(
        compute="_compute_purchase_dates",
        help="Date of the first confirmed sales order of the client "
        "(its contacts included).",
    )
    last_order_date = fields.Date(
        compute="_compute_purchase_dates",
        help="Date of the last confirmed sales order of the client "
        "(its contacts included).",
    )
    confirmed_order_count = fields.Integer(
        string="Confirmed Orders",
        compute="_compute_purchase_dates",
        help="Number of confirmed sales orders of the client (its contacts included).",
    )

    # Dossier: contacts, invoices and payments --------------------------------
    contact_history_count = fields.Integer(
        compute="_compute_contact_history_count",
        help="Contacts over the last 90 days: done activities, emails and "
        "messages logged on the partner.",
    )
    contact_history_summary = fields.Char(
        string="Contacts (90 Days)",
        compute="_compute_contact_history_count",
        help="Contacts over the last 90 days by type: done activities by their "
        "type, emails and messages.",
    )
    customer_invoice_count = fields.Integer(
        compute="_compute_customer_invoice_count",
        help="Posted customer invoices and credit notes of the partner (its "
        "contacts included) that you may read.",
    )
    payment_count = fields.Integer(
        compute="_compute_payment_count",
        help="Customer and vendor payments of the partner (its contacts included).",
    )

    def _compute_purchase_dates(self):
        totals = {}
        if self.ids and self.env["sale.order"].has_access("read"):
            totals = self._cdl_dossier_partner_totals(
                "sale.order",
                [("state", "=", "sale")],
                ["date_order:min", "date_order:max", "__count"],
            )
        for partner in self:
            rows = totals.get(partner, [])
            first = min((r[0] for r in rows), default=False)
            last = max((r[1] for r in rows), default=False)
            partner.first_order_date = first and fields.Date.context_today(self, first)
            partner.last_order_date = last and fields.Date.context_today(self, last)
            partner.confirmed_order_count = sum(r[2] for r in rows)

    def _compute_customer_invoice_count(self):
        totals = {}
        if self.ids and self.env["account.move"].has_access("read"):
            totals = self._cdl_dossier_partner_totals(
                "account.move", self._cdl_customer_invoice_domain(), ["__count"]
            )
        for partner in self:
            partner.customer_invoice_count = sum(r[0] for r in totals.get(partner, []))

    def _compute_payment_count(self):
        totals = {}
        if self.ids and self.env["account.payment"].has_access("read"):
            totals = self._cdl_dossier_partner_totals(
                "account.payment", [("state", "!=", "canceled")], ["__count"]
            )
        for partner in self:
            partner.payment_count = sum(r[0] for r in totals.get(partner, []))

    def _compute_contact_history_count(self):
        counts = {}
        if self.ids:
            # sudo: the chatter of a partner is readable by whoever reads the
            # partner, and mail.message._search for non-superusers may return
            # a message id twice (one per notification join), doubling counts.
            counts = self.sudo()._cdl_dossier_partner_totals(
                "mail.message",
                self._cdl_contact_history_domain(),
                ["__count"],
                partner_field="res_id",
                groupby=["mail_activity_type_id", "message_type"],
            )
        other_types = {"email": self.env._("Email"), "comment": self.env._("Message")}
        for partner in self:
            by_type = {}
            for activity_type, message_type, count in counts.get(partner, []):
                label = activity_type.name or other_types[message_type]
                by_type[label] = by_type.get(label, 0) + count
            partner.contact_history_count = sum(by_type.values())
            partner.contact_history_summary = ", ".join(
                f"{label}: {count}"
                for label, count in sorted(by_type.items(), key=lambda i: -i[1])
            )

    def action_view_customer_invoices(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "account.action_move_out_invoice_type"
        )
        action["domain"] = [
            ("partner_id", "child_of", self.id),
            *self._cdl_customer_invoice_domain(),
        ]
        action["context"] = {"default_move_type": "out_invoice"}
        return action

    def action_view_contact_history(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "crm_designer_loyalty.mail_message_contact_history_action"
        )
        action["domain"] = [
            ("res_id", "in", self._cdl_dossier_family().ids),
            *self._cdl_contact_history_domain(),
        ]
        action["display_name"] = self.env._(
            "Contact History of %(partner)s", partner=self.display_name
        )
        return action

    def action_view_partner_payments(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "account.action_account_payments"
        )
        action["domain"] = [("partner_id", "child_of", self.id)]
        action["context"] = {
            "default_partner_id": self.id,
            "default_payment_type": "inbound",
            "default_partner_type": "customer",
        }
        return action

    def _cdl_dossier_family(self):
        """The partners and all their contacts, archived ones included."""
        return self.with_context(active_test=False).search_fetch(
            [("id", "child_of", self.ids)], ["parent_id"]
        )

    def _cdl_dossier_partner_totals(
        self, model, domain, aggregates, partner_field="partner_id", groupby=()
    ):
        """Aggregate ``model`` rows of the partners and their contacts in one
        read_group: {partner: [values of its own and its contacts' rows]}, the
        values being those of the extra ``groupby`` then of the ``aggregates``
        (the totals of a contact are added to all its ancestors in self).
        ``partner_field``: the rows' partner field (a many2one or a res_id)."""
        groups = self.env[model]._read_group(
            expression.AND(
                [domain, [(partner_field, "in", self._cdl_dossier_family().ids)]]
            ),
            [partner_field, *groupby],
            aggregates,
        )
        totals = {}
        for partner, *values in groups:
            if isinstance(partner, int):  # a res_id
                partner = self.browse(partner)
            while partner:
                if partner in self:
                    totals.setdefault(partner, []).append(values)
                partner = partner.parent_id
        return totals

    def _cdl_customer_invoice_domain(self):
        return [
            ("move_type", "in", ("out_invoice", "out_refund")),
            ("state", "=", "posted"),
        ]

    def _cdl_contact_history_domain(self):
        """Contacts of the last days, on any partner: callers add the partners
        (the partner and its contacts, like the other dossier totals)."""
        since = fields.Datetime.now() - timedelta(days=CONTACT_HISTORY_DAYS)
        return [
            ("model", "=", "res.partner"),
            ("date", ">=", since),
            "|",
            ("mail_activity_type_id", "!=", False),
            ("message_type", "in", ("email", "comment")),
        ]
