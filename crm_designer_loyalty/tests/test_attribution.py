# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.exceptions import UserError, ValidationError
from odoo.tests import Form, new_test_user, tagged

from .common import DesignerCrmCommon


@tagged("post_install", "-at_install")
class TestAttribution(DesignerCrmCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # Like any internal user created from the default template, the sales
        # users may edit contacts (base.group_partner_manager).
        cls.salesperson = cls._create_user(
            "cdl_attr_sales",
            "base.group_partner_manager",
            "crm_designer_loyalty.group_designer_user",
        )
        cls.sales_manager = cls._create_user(
            "cdl_attr_manager",
            "base.group_partner_manager",
            "crm_designer_loyalty.group_designer_manager",
        )
        # the accounting test user is also a Sales Manager: it may attribute
        # documents to another designer than the client's
        cls.env.user.groups_id += cls.env.ref(
            "crm_designer_loyalty.group_designer_manager"
        )
        cls.company_client = cls.env["res.partner"].create(
            {"name": "Interiors Ltd", "is_company": True}
        )
        cls.contact = cls.env["res.partner"].create(
            {"name": "Irina Buyer", "parent_id": cls.company_client.id}
        )

    def _flush_tracking(self):
        self.env.flush_all()
        self.env.cr.flush()

    def _tracked_designers(self, record):
        """(old, new) designer ids tracked in the chatter of ``record``."""
        values = record.message_ids.tracking_value_ids.filtered(
            lambda v: v.field_id.name == "designer_id"
        )
        return [(v.old_value_integer, v.new_value_integer) for v in values]

    def test_designer_client_count(self):
        self.client.designer_id = self.designer
        self.assertEqual(self.designer.designer_client_count, 1)
        self.assertEqual(self.designer2.designer_client_count, 0)

    def test_propagation_lead_quotation_order_invoice_refund(self):
        lead = self.env["crm.lead"].create(
            {
                "name": "Living room",
                "type": "opportunity",
                "partner_id": self.contact.id,
                "designer_id": self.designer.id,
            }
        )
        self.assertEqual(lead.designer_id, self.designer)
        action = lead.action_new_quotation()
        self.assertEqual(action["context"]["default_designer_id"], self.designer.id)
        with Form(self.env["sale.order"].with_context(**action["context"])) as form:
            self.assertEqual(form.designer_id, self.designer)
            with form.order_line.new() as line:
                line.product_id = self.product_a
        order = form.save()
        self.assertEqual(order.designer_id, self.designer)
        self.assertEqual(order.opportunity_id, lead)
        order.action_confirm()
        invoice = order._create_invoices()
        self.assertEqual(invoice.designer_id, self.designer)
        invoice.action_post()
        reversal = (
            self.env["account.move.reversal"]
            .with_context(active_model="account.move", active_ids=invoice.ids)
            .create({"reason": "Damaged", "journal_id": invoice.journal_id.id})
        )
        refund = self.env["account.move"].browse(reversal.refund_moves()["res_id"])
        self.assertEqual(refund.move_type, "out_refund")
        self.assertEqual(refund.designer_id, self.designer)

    def test_child_contact_rolls_up_to_company_designer(self):
        self.company_client.designer_id = self.designer
        lead = self.env["crm.lead"].create(
            {"name": "Hall", "partner_id": self.contact.id}
        )
        order = self._order(self.contact, 500.0)
        invoice = self._invoice(self.contact, 500.0)
        refund = self._invoice(self.contact, 100.0, move_type="out_refund")
        self.assertEqual(lead.designer_id, self.designer)
        self.assertEqual(order.designer_id, self.designer)
        self.assertEqual(invoice.designer_id, self.designer)
        self.assertEqual(refund.designer_id, self.designer)
        self.assertEqual(self.contact.designer_id, self.env["res.partner"])

    def test_vendor_bill_has_no_designer(self):
        self.client.designer_id = self.designer
        bill = self._invoice(self.client, 80.0, move_type="in_invoice", post=False)
        self.assertFalse(bill.designer_id)

    def test_first_touch_on_order_confirmation_of_child_contact(self):
        order = self._order(
            self.contact,
            300.0,
            confirm=False,
            designer_id=self.designer.id,
            user_id=self.salesperson.id,
        )
        order.with_user(self.salesperson).action_confirm()
        self.assertEqual(order.state, "sale")
        self.assertEqual(self.company_client.designer_id, self.designer)
        self.assertFalse(self.contact.designer_id)

    def test_first_touch_on_invoice_and_won_lead(self):
        self._invoice(self.client, 200.0, designer_id=self.designer.id)
        self.assertEqual(self.client.designer_id, self.designer)
        lead = self.env["crm.lead"].create(
            {
                "name": "Kitchen",
                "type": "opportunity",
                "partner_id": self.company_client.id,
                "designer_id": self.designer2.id,
            }
        )
        self.assertFalse(self.company_client.designer_id)
        lead.action_set_won()
        self.assertEqual(self.company_client.designer_id, self.designer2)
        # The first designer stays: a later document (of another designer, set
        # by a Sales Manager) does not re-attribute.
        self._order(self.client, 100.0, designer_id=self.designer2.id)
        self.assertEqual(self.client.designer_id, self.designer)

    def test_other_designer_on_document_requires_manager(self):
        self.client.designer_id = self.designer
        order = self._order(
            self.client, 100.0, confirm=False, user_id=self.salesperson.id
        )
        self.assertEqual(order.designer_id, self.designer)
        with self.assertRaisesRegex(
            UserError,
            f"Only a Sales Manager can attribute {order.name} to designer Boris "
            "Designer: client Client One is attributed to Anna Designer",
        ):
            order.with_user(self.salesperson).designer_id = self.designer2
        billing = new_test_user(
            self.env,
            "cdl_attr_billing",
            groups="base.group_user,account.group_account_invoice,"
            "crm_designer_loyalty.group_designer_user",
        )
        invoice = self._invoice(self.client, 100.0, post=False)
        with self.assertRaisesRegex(UserError, "to designer Boris Designer"):
            invoice.with_user(billing).designer_id = self.designer2
        order.with_user(self.sales_manager).designer_id = self.designer2
        self.assertEqual(order.designer_id, self.designer2)
        # the invoice of the order carries its designer, whoever invoices it
        order.write({"user_id": billing.id})
        order.action_confirm()
        bill = order.with_user(billing)._create_invoices()
        self.assertEqual(bill.designer_id, self.designer2)

    def test_removing_designer_from_document_requires_manager(self):
        self.client.designer_id = self.designer
        order = self._order(
            self.client, 100.0, confirm=False, user_id=self.salesperson.id
        )
        msg = (
            f"Only a Sales Manager can remove designer Anna Designer from "
            f"{order.name}: client Client One is attributed to them."
        )
        # assertRaises (not ...Regex) rolls the refused write back
        with self.assertRaises(UserError) as refused:
            order.with_user(self.salesperson).designer_id = False
        self.assertEqual(str(refused.exception), msg)
        with self.assertRaisesRegex(UserError, "can remove designer Anna Designer"):
            self.env["sale.order"].with_user(self.salesperson).create(
                {
                    "partner_id": self.client.id,
                    "user_id": self.salesperson.id,
                    "designer_id": False,
                }
            )
        self.assertEqual(order.designer_id, self.designer)
        order.with_user(self.sales_manager).designer_id = False
        self.assertFalse(order.designer_id)

    def test_no_first_touch_for_client_with_confirmed_sales(self):
        self._order(self.client, 400.0)
        self._order(self.client, 250.0, designer_id=self.designer.id)
        self.assertFalse(self.client.designer_id)

    def test_salesperson_refused_on_client_with_confirmed_sales(self):
        self._order(self.contact, 400.0)
        client = self.company_client.with_user(self.salesperson)
        with self.assertRaisesRegex(UserError, "Interiors Ltd.*confirmed sales"):
            client.designer_id = self.designer
        self.assertFalse(self.company_client.designer_id)
        self.company_client.with_user(self.sales_manager).designer_id = self.designer
        self.assertEqual(self.company_client.designer_id, self.designer)

    def test_salesperson_refused_on_documents_of_client_with_sales(self):
        """A client who bought without a designer: a salesperson cannot route
        the sales of new documents to a designer either."""
        self._order(self.contact, 400.0)
        with self.assertRaisesRegex(
            UserError,
            "Only a Sales Manager can attribute .* to designer Anna Designer: "
            "client Interiors Ltd already has confirmed sales without a designer",
        ):
            self.env["sale.order"].with_user(self.salesperson).create(
                {"partner_id": self.contact.id, "designer_id": self.designer.id}
            )
        order = (
            self.env["sale.order"]
            .with_user(self.sales_manager)
            .create({"partner_id": self.contact.id, "designer_id": self.designer.id})
        )
        self.assertEqual(order.designer_id, self.designer)

    def test_invoiced_client_is_not_new(self):
        """Direct invoicing (or migrated history) counts as sales too."""
        self._invoice(self.company_client, 300.0)
        with self.assertRaisesRegex(UserError, "Interiors Ltd.*confirmed sales"):
            self.company_client.with_user(self.salesperson).designer_id = self.designer
        self.assertFalse(self.company_client.designer_id)

    def test_customer_change_drops_previous_designer(self):
        self.client.designer_id = self.designer
        with Form(self.env["sale.order"].with_user(self.salesperson)) as form:
            form.partner_id = self.client
            self.assertEqual(form.designer_id, self.designer)
            form.partner_id = self.company_client
            self.assertFalse(form.designer_id)
        order = form.save()
        order.action_confirm()
        self.assertFalse(self.company_client.designer_id)
        # a quotation made from an opportunity keeps the opportunity's designer
        lead = self.env["crm.lead"].create(
            {"name": "Loft", "partner_id": self.company_client.id}
        )
        lead.designer_id = self.designer2
        with Form(
            self.env["sale.order"].with_context(
                default_opportunity_id=lead.id, default_partner_id=self.client.id
            )
        ) as form:
            self.assertEqual(form.designer_id, self.designer)
            form.partner_id = self.company_client
            self.assertEqual(form.designer_id, self.designer2)

    def test_salesperson_attaches_new_client(self):
        self.client.with_user(self.salesperson).designer_id = self.designer
        self.assertEqual(self.client.designer_id, self.designer)

    def test_reattribution_refused_for_salesperson(self):
        self.client.designer_id = self.designer
        client = self.client.with_user(self.salesperson)
        with self.assertRaisesRegex(
            UserError, "re-attribute client Client One from designer Anna Designer"
        ):
            client.designer_id = self.designer2
        with self.assertRaisesRegex(UserError, "Client One"):
            client.designer_id = False
        self.client.with_user(self.sales_manager).designer_id = self.designer2
        self.assertEqual(self.client.designer_id, self.designer2)

    def test_designer_constraints(self):
        with self.assertRaisesRegex(
            ValidationError, "Anna Designer cannot be their own"
        ):
            self.designer.designer_id = self.designer
        with self.assertRaisesRegex(ValidationError, "Client Other is not a designer"):
            self.client.designer_id = self.client_other
        self.company_client.designer_id = self.designer2
        with self.assertRaisesRegex(ValidationError, "Boris Designer still has"):
            self.designer2.is_designer = False

    def test_attribution_tracked_in_chatter(self):
        context = dict(self.env.context)
        context.pop("tracking_disable")
        context.pop("mail_notrack")
        self.env = self.env(context=context)
        client = self.client.with_env(self.env)
        self._flush_tracking()  # forget the fixtures created without tracking
        client.designer_id = self.designer
        self._flush_tracking()
        client.with_user(self.sales_manager).designer_id = self.designer2
        self._flush_tracking()
        self.assertEqual(
            self._tracked_designers(client),
            [(self.designer.id, self.designer2.id), (0, self.designer.id)],
        )
        order = self._order(client, 100.0, confirm=False).with_env(self.env)
        self.assertEqual(order.designer_id, self.designer2)
        self._flush_tracking()
        order.designer_id = self.designer
        self._flush_tracking()
        self.assertEqual(
            self._tracked_designers(order), [(self.designer2.id, self.designer.id)]
        )

    def test_posted_invoice_designer_is_locked(self):
        invoice = self._invoice(self.client, 90.0, designer_id=self.designer.id)
        with self.assertRaisesRegex(UserError, "cannot be changed: it is posted"):
            invoice.designer_id = self.designer2
        invoice.button_draft()
        invoice.designer_id = self.designer2
        self.assertEqual(invoice.designer_id, self.designer2)

    def test_orders_of_different_designers_invoiced_apart(self):
        orders = self._order(self.client, 100.0, designer_id=self.designer.id)
        orders |= self._order(self.client, 200.0, designer_id=self.designer2.id)
        invoices = orders._create_invoices()
        self.assertEqual(len(invoices), 2)
        self.assertEqual(
            {(inv.designer_id, inv.amount_untaxed) for inv in invoices},
            {(self.designer, 100.0), (self.designer2, 200.0)},
        )
        self.assertEqual(invoices.invoice_line_ids.sale_line_ids.order_id, orders)
