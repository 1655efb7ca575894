# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from lxml import etree

from odoo import Command, fields
from odoo.tests import new_test_user

from odoo.addons.account.tests.common import AccountTestInvoicingCommon


def render_report_text(env, xmlid, records, user):
    """Render the QWeb PDF report ``xmlid`` of ``records`` as ``user``: check
    that the PDF renders and return the text of its first page (from the HTML
    rendering), whitespace collapsed."""
    # wkhtmltopdf must not fetch the assets from the test server: it would
    # wait for the locks of this uncommitted transaction (Odoo's runner)
    env["ir.config_parameter"].sudo().set_param("report.url", "http://127.0.0.1:9")
    Report = env["ir.actions.report"].with_user(user)
    html = Report._render_qweb_html(xmlid, records.ids)[0]
    pdf, kind = Report.with_context(force_report_rendering=True)._render_qweb_pdf(
        xmlid, records.ids
    )
    assert (kind, pdf[:4]) == ("pdf", b"%PDF"), (kind, pdf[:4])
    page = etree.fromstring(html, etree.HTMLParser()).xpath("//div[@class='page']")
    return " ".join(" ".join(page[0].itertext()).split())


class DesignerCrmCommon(AccountTestInvoicingCommon):
    """Shared fixtures: a company with a chart of accounts, one user per role,
    designers, clients, and helpers to create orders and invoices."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # Emails are queued, not sent: sending depends on the runner (Odoo's
        # fakes the SMTP server, then deletes the sent mail; pytest-odoo does
        # not, and the sending fails), a queued mail is the same under both.
        cls.env = cls.env(
            context=dict(
                cls.env.context, tracking_disable=True, mail_notify_force_send=False
            )
        )
        cls.company = cls.env.company
        cls.team = cls.env["crm.team"].create({"name": "Designer Team"})
        cls.other_team = cls.env["crm.team"].create({"name": "Other Team"})
        cls.user_sales = cls._create_user(
            "cdl_sales", "crm_designer_loyalty.group_designer_user"
        )
        cls.user_sales2 = cls._create_user(
            "cdl_sales2", "crm_designer_loyalty.group_designer_user"
        )
        cls.user_manager = cls._create_user(
            "cdl_manager", "crm_designer_loyalty.group_designer_manager"
        )
        cls.user_loyalty = cls._create_user(
            "cdl_loyalty", "crm_designer_loyalty.group_loyalty_manager"
        )
        cls.user_config = cls._create_user(
            "cdl_config", "crm_designer_loyalty.group_designer_config"
        )
        cls.team.member_ids = cls.user_sales
        cls.other_team.member_ids = cls.user_sales2
        Partner = cls.env["res.partner"]
        cls.designer = Partner.create(
            {"name": "Anna Designer", "is_designer": True, "user_id": cls.user_sales.id}
        )
        cls.designer2 = Partner.create(
            {
                "name": "Boris Designer",
                "is_designer": True,
                "user_id": cls.user_sales2.id,
            }
        )
        cls.client = Partner.create(
            {"name": "Client One", "user_id": cls.user_sales.id, "team_id": cls.team.id}
        )
        cls.client_other = Partner.create(
            {
                "name": "Client Other",
                "user_id": cls.user_sales2.id,
                "team_id": cls.other_team.id,
            }
        )

    @classmethod
    def _load_russian(cls):
        """Activate Russian with the module's translations (ru.po)."""
        cls.env["res.lang"]._activate_lang("ru_RU")
        cls.env["ir.module.module"]._load_module_terms(
            ["crm_designer_loyalty"], ["ru_RU"]
        )

    @classmethod
    def _create_user(cls, login, *groups):
        """An internal user of the test company only, with the given groups
        (XML ids)."""
        return new_test_user(
            cls.env,
            login,
            groups=",".join(("base.group_user", *groups)),
            company_id=cls.company.id,
            company_ids=cls.company.ids,
        )

    @classmethod
    def _invoice(
        cls,
        partner,
        amount,
        date=None,
        move_type="out_invoice",
        post=True,
        product=None,
        **values,
    ):
        """Create a customer invoice (or refund) of one line without taxes."""
        move = cls.env["account.move"].create(
            {
                "move_type": move_type,
                "partner_id": partner.id,
                "invoice_date": date or fields.Date.today(),
                "invoice_line_ids": [
                    Command.create(
                        {
                            "product_id": (product or cls.product_a).id,
                            "quantity": 1,
                            "price_unit": amount,
                            "tax_ids": [Command.clear()],
                        }
                    )
                ],
                **values,
            }
        )
        if post:
            move.action_post()
        return move

    @classmethod
    def _refund(cls, invoice, amount, date):
        """Post a credit note of ``amount`` on ``invoice`` (same client and
        designer)."""
        return cls._invoice(
            invoice.partner_id,
            amount,
            date=date,
            move_type="out_refund",
            designer_id=invoice.designer_id.id,
            reversed_entry_id=invoice.id,
        )

    @classmethod
    def _pay(cls, invoice, amount=None, date=None):
        """Register a payment for the invoice (fully by default) and reconcile it."""
        wizard = (
            cls.env["account.payment.register"]
            .with_context(active_model="account.move", active_ids=invoice.ids)
            .create(
                {
                    "amount": amount if amount is not None else invoice.amount_residual,
                    "payment_date": date or invoice.invoice_date,
                }
            )
        )
        return wizard._create_payments()

    @classmethod
    def _order(cls, partner, amount, confirm=True, **values):
        order = cls.env["sale.order"].create(
            {
                "partner_id": partner.id,
                "order_line": [
                    Command.create(
                        {
                            "product_id": cls.product_a.id,
                            "product_uom_qty": 1,
                            "price_unit": amount,
                            "tax_id": [Command.clear()],
                        }
                    )
                ],
                **values,
            }
        )
        if confirm:
            order.action_confirm()
        return order

    @classmethod
    def _sale_in_dozens(cls, partner, invoice_date, refund_date, **values):
        """A product managed in Units (cost 10, sales price 30) sold in Dozens:
        2 Dozens at 360 (revenue 720, cost 24 x 10 = 240), then 6 Units credited
        at 30 on that invoice (revenue -180, cost -60): net revenue 540, cost
        180, margin 360. ``values`` go to both documents. Returns the invoice and
        the credit note."""
        product = cls._create_product(
            name="Vase", list_price=30, standard_price=10, taxes_id=[Command.clear()]
        )

        def line(quantity, uom, price):
            return Command.create(
                {
                    "product_id": product.id,
                    "product_uom_id": cls.env.ref(uom).id,
                    "quantity": quantity,
                    "price_unit": price,
                    "tax_ids": [Command.clear()],
                }
            )

        invoice = cls._invoice(
            partner,
            720,
            date=invoice_date,
            invoice_line_ids=[line(2, "uom.product_uom_dozen", 360)],
            **values,
        )
        refund = cls._invoice(
            partner,
            180,
            date=refund_date,
            move_type="out_refund",
            reversed_entry_id=invoice.id,
            invoice_line_ids=[line(6, "uom.product_uom_unit", 30)],
            **values,
        )
        return invoice, refund
