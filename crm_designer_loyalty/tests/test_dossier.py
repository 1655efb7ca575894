# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date, datetime, timedelta

from psycopg2.errors import UniqueViolation

from odoo import Command, fields
from odoo.exceptions import ValidationError
from odoo.tests import Form, tagged
from odoo.tools import mute_logger

from .dossier_common import DossierCommon


@tagged("post_install", "-at_install")
class TestDossier(DossierCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Attribute = cls.env["res.partner.attribute"]
        cls.attr_rooms = Attribute.create({"name": "Rooms", "attribute_type": "number"})
        cls.attr_floor = Attribute.create(
            {
                "name": "Floor Type",
                "attribute_type": "selection",
                "option_ids": [
                    Command.create({"name": "Parquet"}),
                    Command.create({"name": "Tiles"}),
                ],
            }
        )
        cls.attr_budget = Attribute.create(
            {
                "name": "Budget Class",
                "attribute_type": "selection",
                "option_ids": [Command.create({"name": "Luxury"})],
            }
        )

    def test_purchase_dates_from_confirmed_orders(self):
        company = self.env["res.partner"].create({"name": "Hotel", "is_company": True})
        contact = self.env["res.partner"].create(
            {"name": "Buyer", "parent_id": company.id}
        )
        # Confirmation stamps the order date: set the dates afterwards.
        self._order(company, 100).date_order = datetime(2025, 3, 5, 10, 0)
        self._order(contact, 200).date_order = datetime(2026, 1, 20, 10, 0)
        self._order(company, 300, confirm=False).date_order = datetime(2024, 5, 1)
        self._order(
            company,
            400,
            cdl_cancel_reason_id=self.env.ref(
                "crm_designer_loyalty.sale_order_cancel_reason_other"
            ).id,
        )._action_cancel()
        (company | contact).invalidate_recordset()
        self.assertEqual(company.confirmed_order_count, 2)
        self.assertEqual(company.first_order_date, date(2025, 3, 5))
        self.assertEqual(company.last_order_date, date(2026, 1, 20))
        self.assertEqual(contact.confirmed_order_count, 1)
        self.assertEqual(contact.first_order_date, date(2026, 1, 20))
        self.assertEqual(self.client.confirmed_order_count, 0)
        self.assertFalse(self.client.first_order_date)

    def test_contact_history_counts_last_90_days_by_type(self):
        call_type = self.env.ref("mail.mail_activity_data_call")
        activity = self.client.activity_schedule(
            activity_type_id=call_type.id,
            summary="Discuss the kitchen",
            user_id=self.user_sales.id,
        )
        activity.action_feedback(feedback="Agreed to visit the showroom")
        self.client.message_post(body="Sent the catalogue", message_type="comment")
        old = self.client.message_post(body="Old call", message_type="comment")
        old.date = fields.Datetime.now() - timedelta(days=91)
        self.client.message_post(body="Automatic", message_type="notification")
        self.client.invalidate_recordset(["contact_history_count"])
        self.assertEqual(self.client.contact_history_count, 2)
        self.assertEqual(self.client.contact_history_summary, "Call: 1, Message: 1")
        self.assertEqual(self.client_other.contact_history_count, 0)
        self.assertFalse(self.client_other.contact_history_summary)

        action = self.client.action_view_contact_history()
        groups = dict(
            self.env["mail.message"]
            .sudo()
            ._read_group(action["domain"], ["mail_activity_type_id"], ["__count"])
        )
        self.assertEqual(groups, {call_type: 1, self.env["mail.activity.type"]: 1})
        done = self.env["mail.message"].search(
            action["domain"] + [("mail_activity_type_id", "=", call_type.id)]
        )
        self.assertIn("Agreed to visit the showroom", done.body)

    def test_contact_history_includes_contact_persons(self):
        contact = self.env["res.partner"].create(
            {"name": "Site Manager", "parent_id": self.client.id}
        )
        contact.message_post(body="Measured the kitchen", message_type="comment")
        self.client.message_post(body="Sent the quotation", message_type="comment")
        partners = self.client | contact
        partners.invalidate_recordset(["contact_history_count"])
        self.assertEqual(partners.mapped("contact_history_count"), [2, 1])
        messages = self.env["mail.message"].search(
            self.client.action_view_contact_history()["domain"]
        )
        self.assertEqual(
            sorted(messages.mapped("preview")),
            ["Measured the kitchen", "Sent the quotation"],
        )

    def test_payment_smart_button(self):
        invoice = self._invoice(self.client, 500)
        self._pay(invoice)
        self.client.invalidate_recordset(["payment_count"])
        self.assertEqual(self.client.payment_count, 1)
        action = self.client.action_view_partner_payments()
        payments = self.env["account.payment"].search(action["domain"])
        self.assertEqual(payments.amount, 500)

    def test_invoice_smart_button_for_salesperson(self):
        """The client's salesperson, without invoicing rights, counts and opens
        the posted invoices and credit notes of the client and its contacts."""
        contact = self.env["res.partner"].create(
            {"name": "Buyer", "parent_id": self.client.id}
        )
        invoice = self._invoice(contact, 500, invoice_user_id=self.user_sales.id)
        refund = self._invoice(
            contact,
            100,
            move_type="out_refund",
            reversed_entry_id=invoice.id,
            invoice_user_id=self.user_sales.id,
        )
        self._invoice(self.client, 300, post=False)
        client = self.client.with_user(self.user_sales)
        self.assertEqual(client.customer_invoice_count, 2)
        action = client.action_view_customer_invoices()
        self.assertEqual(
            self.env["account.move"]
            .with_user(self.user_sales)
            .search(action["domain"]),
            invoice | refund,
        )

    def test_attribute_values_are_typed(self):
        Value = self.env["res.partner.attribute.value"]
        rooms = Value.create(
            {"partner_id": self.client.id, "attribute_id": self.attr_rooms.id}
        )
        rooms.value_number = 4
        self.assertEqual(rooms.value_display, "4")
        floor = Value.create(
            {
                "partner_id": self.client.id,
                "attribute_id": self.attr_floor.id,
                "value_option_id": self.attr_floor.option_ids[1].id,
            }
        )
        self.assertEqual(floor.value_display, "Tiles")
        self.assertEqual(
            self.env["res.partner"].search(
                [("attribute_value_ids.value_display", "=", "Tiles")]
            ),
            self.client,
        )
        with self.assertRefused(ValidationError, "Rooms.*Client One.*Text"):
            rooms.value_text = "four"
        with self.assertRefused(
            ValidationError, '"Luxury" is not an option of attribute "Floor Type"'
        ):
            floor.value_option_id = self.attr_budget.option_ids
        with self.assertRefused(ValidationError, "type cannot be changed"):
            self.attr_rooms.attribute_type = "text"
        with mute_logger("odoo.sql_db"), self.assertRaises(UniqueViolation):
            Value.create(
                {"partner_id": self.client.id, "attribute_id": self.attr_rooms.id}
            )

    def test_equipment_product_or_description(self):
        Equipment = self.env["res.partner.equipment"]
        item = Equipment.create(
            {
                "partner_id": self.client.id,
                "product_id": self.product_a.id,
                "serial_number": "SN-1",
                "install_date": date(2025, 9, 1),
            }
        )
        self.assertEqual(item.name, self.product_a.display_name)
        self.assertEqual(item.company_id, self.company)
        with self.assertRefused(ValidationError, "Client One.*product or a desc"):
            Equipment.create({"partner_id": self.client.id, "serial_number": "SN-2"})
        self.client.invalidate_recordset(["equipment_ids"])
        self.assertEqual(self.client.equipment_ids, item)

    def test_new_designer_joins_the_program(self):
        today = fields.Date.context_today(self.client)
        self.assertEqual(
            (self.designer.designer_program_state, self.designer.designer_since),
            ("active", today),
        )
        self.assertFalse(self.client.designer_program_state)
        candidate = self.env["res.partner"].create(
            {
                "name": "Vera Candidate",
                "is_designer": True,
                "designer_program_state": "candidate",
                "designer_since": date(2025, 9, 1),
            }
        )
        self.assertEqual(
            (candidate.designer_program_state, candidate.designer_since),
            ("candidate", date(2025, 9, 1)),
        )
        self.client_other.is_designer = True
        self.assertEqual(self.client_other.designer_program_state, "active")

    def test_documents_and_designer_profile(self):
        style = self.env["res.partner.design.style"].create({"name": "Japandi"})
        self.designer.write(
            {
                "designer_studio": "Studio A",
                "designer_specialization": "hospitality",
                "design_style_ids": [Command.link(style.id)],
                "designer_program_state": "active",
            }
        )
        self.client.designer_id = self.designer
        designers = self.env["res.partner"].search(
            [("is_designer", "=", True), ("design_style_ids", "in", style.ids)]
        )
        self.assertEqual(designers, self.designer)
        self.assertEqual(self.designer.designer_client_count, 1)
        doc_type = self.env["res.partner.document.type"].create({"name": "Floor Plan"})
        document = self.env["res.partner.document"].create(
            {
                "partner_id": self.client.id,
                "name": "Supply contract",
                "type_id": doc_type.id,
                "number": "C-42",
                "attachment": b"UERGIGNvbnRlbnQ=",
                "attachment_name": "contract.pdf",
            }
        )
        attachment = self.env["ir.attachment"].search(
            [
                ("res_model", "=", "res.partner.document"),
                ("res_id", "=", document.id),
                ("res_field", "=", "attachment"),
            ]
        )
        self.assertEqual(attachment.name, "attachment")
        self.assertEqual(self.client.partner_document_ids, document)

    def test_partner_form_dossier_pages(self):
        with Form(self.client.with_user(self.user_sales)) as form:
            with form.significant_date_ids.new() as line:
                line.date_type = "birthday"
                line.date = date(1984, 5, 6)
            with form.equipment_ids.new() as line:
                line.name = "Fireplace"
            with form.attribute_value_ids.new() as line:
                line.attribute_id = self.attr_rooms
                line.value_number = 5
            form.income_band = "high"
        self.assertEqual(self.client.significant_date_ids.date, date(1984, 5, 6))
        self.assertEqual(self.client.equipment_ids.name, "Fireplace")
        self.assertEqual(self.client.attribute_value_ids.value_display, "5")
        self.assertEqual(self.client.income_band, "high")
        # The other views of the dossier load for a salesperson.
        for model, view_types in (
            ("res.partner.significant.date", ["list", "form", "search"]),
            ("res.partner.equipment", ["list", "form", "search"]),
            ("res.partner.document", ["list", "form", "search"]),
            ("res.partner.attribute.value", ["list", "search"]),
        ):
            views = (
                self.env[model]
                .with_user(self.user_sales)
                .get_views([(False, view_type) for view_type in view_types])
            )
            self.assertEqual(set(views["views"]), set(view_types))
        designer_action = self.env.ref(
            "crm_designer_loyalty.res_partner_designer_action"
        )
        self.assertEqual(
            designer_action.view_ids.mapped("view_mode"), ["kanban", "list", "form"]
        )
