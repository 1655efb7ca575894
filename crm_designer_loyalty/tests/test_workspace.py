# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The daily workspace (issue 15): the wrong figures and behaviours found by
trying the screens as a consultant and as a salesperson, one test each."""

import json
from datetime import date

from dateutil.relativedelta import relativedelta
from lxml import etree

from odoo import fields
from odoo.tests import tagged
from odoo.tools import format_date
from odoo.tools.safe_eval import safe_eval

from ..report.plural import count_label
from .common import render_report_text
from .loyalty_common import LoyaltyCommon


@tagged("post_install", "-at_install")
class TestWorkspaceRegressions(LoyaltyCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("ru_RU")
        cls.env["ir.module.module"]._load_module_terms(
            ["crm_designer_loyalty"], ["ru_RU"]
        )

    def test_01_designer_created_with_program_date_is_active(self):
        """Item 1: a designer created with In the Program Since filled in gets
        the Active status too (Designers > Active in Program)."""
        designer = self.env["res.partner"].create(
            {
                "name": "Vera Designer",
                "is_designer": True,
                "designer_since": date(2024, 5, 1),
            }
        )
        self.assertEqual(
            (designer.designer_program_state, designer.designer_since),
            ("active", date(2024, 5, 1)),
        )
        candidate = self.env["res.partner"].create(
            {
                "name": "Gleb Designer",
                "is_designer": True,
                "designer_program_state": "candidate",
            }
        )
        self.assertEqual(candidate.designer_program_state, "candidate")
        self.assertTrue(candidate.designer_since)
        active = self.env["res.partner"].search(
            [
                ("is_designer", "=", True),
                ("designer_program_state", "=", "active"),
                ("id", "in", (designer | candidate).ids),
            ]
        )
        self.assertEqual(active, designer)

    def test_02_unpaid_rewards_button(self):
        """Item 2: Unpaid Rewards opens the entries that make up the unpaid
        amount (not the paid history), and shows the amount in its currency."""
        paid = self._paid_statement()
        self._paid_invoice(60_000, date(2026, 4, 10))
        self._paid_invoice(20_000, date(2026, 4, 12))
        designer = self.designer.with_user(self.user_loyalty)
        self.assertEqual(designer.loyalty_unpaid_amount, 4_000.0)
        action = designer.action_open_loyalty_rewards()
        unpaid = self.Reward.search(action["domain"])
        self.assertEqual(sorted(unpaid.mapped("amount")), [1_000.0, 3_000.0])
        self.assertFalse(unpaid & paid.reward_ids)
        self.assertEqual(sum(unpaid.mapped("amount")), designer.loyalty_unpaid_amount)
        arch = etree.fromstring(
            self.env["res.partner"].get_view(view_type="form")["arch"]
        )
        [button] = arch.xpath("//button[@name='action_open_loyalty_rewards']")
        [amount] = button.xpath(".//field[@name='loyalty_unpaid_amount']")
        self.assertEqual(amount.get("widget"), "monetary")
        self.assertTrue(button.xpath(".//field[@name='loyalty_currency_id']"))

    def test_07_first_tier_is_no_upgrade(self):
        """Item 7: the first tier of a designer (at 0 sales) is a First Tier,
        not an Upgrade; the next change is."""
        Tier = self.env["designer.loyalty.tier"]
        Tier._tier_review(review_date=date(2026, 1, 1), designer_ids=self.designer.ids)
        first = self.designer.loyalty_tier_change_ids
        self.assertEqual(
            (
                first.old_tier_id,
                first.new_tier_id,
                first.direction,
                first.rolling_sales,
            ),
            (Tier, self.tier_base, "first", 0.0),
        )
        self._paid_invoice(1_200_000, date(2026, 2, 10))
        Tier._tier_review(review_date=date(2026, 3, 1), designer_ids=self.designer.ids)
        self.designer.invalidate_recordset(["loyalty_tier_change_ids"])
        self.assertEqual(
            self.designer.loyalty_tier_change_ids.mapped("direction"), ["up", "first"]
        )
        self.assertEqual(
            self.env["designer.tier.change"].search_count(
                [("designer_id", "=", self.designer.id), ("direction", "=", "up")]
            ),
            1,
        )

    def test_08_chatter_in_the_designers_language(self):
        """Item 8: the messages posted on a Russian designer's records are
        stored in Russian, whoever (an English user) triggered them."""
        self.designer.lang = "ru_RU"
        self.assertNotEqual(self.env.lang, "ru_RU")
        Tier = self.env["designer.loyalty.tier"]
        Tier._tier_review(review_date=date(2026, 1, 1), designer_ids=self.designer.ids)
        tier_message = self.designer.message_ids.filtered(
            lambda m: (
                m.subject
                and "loyalty" in m.subject.lower()
                or m.subject
                and "уровень" in m.subject
            )
        )
        self.assertEqual(len(tier_message), 1)
        self.assertIn("Ваш уровень лояльности", tier_message.subject)
        self.assertIn("Здравствуйте", str(tier_message.body))
        self._paid_invoice(100_000, date(2026, 3, 10))
        self.Statement = self.Statement.with_context(
            tracking_disable=False, mail_create_nolog=False
        )
        statement = self._statement(2026, 3)
        created = statement.message_ids.filtered(
            lambda m: m.message_type == "notification"
        )
        self.assertEqual(len(created), 1)
        self.assertIn("создан", str(created.body))
        self.assertNotIn("created", str(created.body))


# the tabs of a designer's form (a person), for a loyalty manager
EXPECTED_TABS = [
    "Contacts & Addresses",
    "Designer",
    "Personal",
    "Significant Dates",
    "Documents",
    "Attributes",
    "Sales & Purchase",
    "Internal Notes",
    "Events",
]


@tagged("post_install", "-at_install")
class TestWorkspaceScreens(LoyaltyCommon):
    """The designer's form, the Clients and Designers menus, the client's
    class timeline."""

    def _arch(self, user=None):
        Partner = self.env["res.partner"].with_user(user or self.env.user)
        return etree.fromstring(Partner.get_view(view_type="form")["arch"])

    def test_designer_form_loyalty_block(self):
        """On top of the designer's form: tier, rolling sales, next tier (or
        "Top tier"), progress, unpaid rewards; buttons to the referred
        clients, their sales by month and the statements; Meetings, Sales
        and Invoiced hidden for designers, and the B2C and Equipment tabs."""
        arch = self._arch(self.user_loyalty)
        [block] = arch.xpath(
            "//div[@name='designer_workspace'][@invisible='not is_designer']"
            "//div[@name='designer_loyalty_summary']"
        )
        names = {field.get("name") for field in block.iter("field")}
        self.assertLessEqual(
            {
                "loyalty_tier_id",
                "loyalty_rolling_sales",
                "loyalty_next_tier_id",
                "loyalty_progress",
                "loyalty_unpaid_amount",
            },
            names,
        )
        [top] = block.xpath(".//span[@name='top_tier']")
        self.assertEqual(
            top.get("invisible"), "loyalty_next_tier_id or not loyalty_tier_id"
        )
        for button in ("schedule_meeting", "action_view_sale_order"):
            [node] = arch.xpath(f"//button[@name='{button}']")
            self.assertEqual(node.get("invisible"), "is_designer", button)
        # Purchases too (for the purchase users who see it)
        combined = self.env.ref("base.view_partner_form")._get_combined_arch()
        for count in ("purchase_order_count", "on_time_rate"):
            [node] = combined.xpath(f"//button[.//field[@name='{count}']]")
            self.assertEqual(node.get("invisible"), "is_designer", count)
        for page in ("dossier_b2c", "dossier_equipment"):
            [node] = arch.xpath(f"//page[@name='{page}']")
            self.assertIn("is_designer", node.get("invisible"), page)
        # the top tier: no next tier, progress 100 %
        self.env["designer.tier.change"].search([]).unlink()
        self._paid_invoice(3_200_000, date(2026, 2, 10))
        Tier = self.env["designer.loyalty.tier"]
        Tier._tier_review(review_date=date(2026, 3, 1), designer_ids=self.designer.ids)
        self.assertEqual(self.designer.loyalty_tier_id, self.tier_gold)
        self.assertFalse(self.designer.loyalty_next_tier_id)
        # the buttons
        clients = self.designer.action_open_designer_clients()
        self.assertEqual(
            self.env["res.partner"].search(clients["domain"]),
            self.designer.designer_client_ids,
        )
        sales = self.designer.with_user(self.user_loyalty).action_open_referred_sales()
        [(_month, amount)] = [
            (group["invoice_date:month"], group["amount_untaxed_signed"])
            for group in self.env["account.move"].read_group(
                sales["domain"], ["amount_untaxed_signed:sum"], ["invoice_date:month"]
            )
        ]
        self.assertEqual(amount, 3_200_000)
        statements = self.designer.action_open_designer_statements()
        self.assertEqual(statements["domain"], [("designer_id", "=", self.designer.id)])

    def test_designer_form_top(self):
        """On top of the designer's form (no tab to open): the loyalty block,
        the referred clients and the graph of their sales by month; the
        referred clients tab is gone (one tab fewer)."""
        arch = self._arch(self.user_loyalty)
        [top] = arch.xpath("//div[@name='designer_workspace']")
        self.assertEqual(top.getparent().tag, "sheet")
        self.assertTrue(top.xpath(".//div[@name='designer_loyalty_summary']"))
        self.assertTrue(top.xpath(".//field[@name='designer_client_ids']"))
        [graph] = top.xpath(".//field[@name='designer_sales_graph']")
        self.assertEqual(graph.get("widget"), "dashboard_graph")
        self.assertFalse(arch.xpath("//page[@name='designer_clients']"))

    def _designer_tabs(self, lang):
        """The labels of the tabs shown on a designer's form (a person)."""
        Partner = self.env["res.partner"].with_user(self.user_loyalty)
        arch = etree.fromstring(
            Partner.with_context(lang=lang).get_view(view_type="form")["arch"]
        )
        designer = {
            "is_designer": True,
            "is_company": False,
            "parent_id": False,
            "segment_snapshot_id": False,
            "cdl_supplier_order_count": 0,
            "cdl_supplier_receipt_count": 0,
        }
        return [
            page.get("string")
            for page in arch.xpath("//sheet/notebook/page")
            if not safe_eval(page.get("invisible") or "False", designer)
        ]

    def test_designer_tabs_fit(self):
        """Only the tabs that mean something for a designer, short enough to
        fit at 1440 px in English and Russian (the tour measures the English
        ones in Chromium): the profile, the tier history and the review in
        one Designer tab; no B2C, Equipment, Finance and Next Purchase."""
        self._load_russian()
        english = self._designer_tabs("en_US")
        self.assertEqual(english, EXPECTED_TABS)
        russian = self._designer_tabs("ru_RU")
        self.assertEqual(len(russian), len(english))
        # about 7.5 px a character and 32 px of padding a tab in a tab bar of
        # 1 360 px
        for labels in (english, russian):
            self.assertLessEqual(7.5 * len("".join(labels)) + 32 * len(labels), 1360)

    def test_designer_sales_graph(self):
        """The bars of the last 12 months, the current one last: untaxed
        referred sales less credit notes, all of them (as the rolling sales of
        the loyalty block), whoever reads them."""
        today = fields.Date.today()
        self._paid_invoice(10_000, today + relativedelta(months=-1, day=5))
        self._paid_invoice(2_000, today + relativedelta(months=-1, day=6))
        self._paid_invoice(500, today + relativedelta(months=-12, day=6))
        graph = json.loads(
            self.designer.with_user(self.user_loyalty).designer_sales_graph
        )
        values = graph[0]["values"]
        self.assertEqual(
            [value["value"] for value in values], [0.0] * 10 + [12_000.0, 0.0]
        )
        self.assertEqual(
            values[-1]["label"], format_date(self.env, today, date_format="LLL yy")
        )
        self.assertFalse(self.client.designer_sales_graph)

    def test_menus_open_on_my_partners_for_salespeople(self):
        for xmlid, menu in (
            ("res_partner_client_menu", "Clients"),
            ("res_partner_designer_menu", "Designers"),
        ):
            action = self.env.ref(f"crm_designer_loyalty.{xmlid}").action
            mine = action.with_user(self.user_sales).run()
            self.assertEqual(mine["context"].get("search_default_my"), 1, menu)
            everyone = action.with_user(self.user_manager).run()
            self.assertNotIn("search_default_my", everyone["context"], menu)
        list_arch = etree.fromstring(
            self.env["res.partner"].get_view(view_type="list")["arch"]
        )
        self.assertTrue(list_arch.xpath("//field[@name='designer_id']"))
        search = etree.fromstring(
            self.env["res.partner"].get_view(view_type="search")["arch"]
        )
        self.assertTrue(search.xpath("//filter[@name='my']"))
        self.assertTrue(search.xpath("//filter[@name='group_designer']"))
        # the salesperson on the client's main form (not only in a tab)
        form = self._arch(self.user_sales)
        self.assertTrue(form.xpath("//sheet/group//field[@name='user_id']"))

    def test_class_timeline(self):
        """The client's classes over the runs, latest first, for their
        salesperson; none for another salesperson."""
        Run = self.env["crm.segmentation.run"]
        self._paid_invoice(100_000, date(2026, 1, 10))
        Run._run_company(self.company, date(2026, 2, 2))
        self._paid_invoice(100_000, date(2026, 2, 10))
        Run._run_company(self.company, date(2026, 3, 2))
        timeline = self.client.with_user(self.user_sales).segment_history_ids
        self.assertEqual(
            [(s.date, s.abc_class) for s in timeline],
            [(date(2026, 3, 2), "A"), (date(2026, 2, 2), "A")],
        )
        self.assertFalse(self.client.with_user(self.user_sales2).segment_history_ids)

    def test_matrix_opens_on_client_counts(self):
        """The ABC x XYZ matrix counts clients first, revenue second; shares
        and CV at two decimals."""
        Snapshot = self.env["res.partner.segment.snapshot"]
        pivot = etree.fromstring(Snapshot.get_view(view_type="pivot")["arch"])
        # display_quantity: the count first, then the measures
        self.assertEqual(pivot.get("display_quantity"), "1")
        self.assertEqual(
            [f.get("name") for f in pivot.xpath("//field[@type='measure']")],
            ["revenue"],
        )
        form = etree.fromstring(Snapshot.get_view(view_type="form")["arch"])
        for fname in ("share", "cum_share", "cv"):
            [node] = form.xpath(f"//field[@name='{fname}']")
            self.assertEqual(node.get("digits"), "[16, 2]", fname)

    def test_dashboard_blocks_open_for_every_role(self):
        """Every block of the dashboard loads for a salesperson and a manager,
        through their record rules: the salesperson's unpaid rewards are their
        own designers'; designers near their next tier are found."""
        self._paid_invoice(900_000, date(2026, 2, 10))
        self._paid_invoice(100_000, date(2026, 2, 11), designer=self.designer2)
        Tier = self.env["designer.loyalty.tier"]
        Tier._tier_review(review_date=date(2026, 3, 1))
        self.env["crm.segmentation.run"]._run_company(self.company, date(2026, 3, 2))
        board = self.env.ref("crm_designer_loyalty.crm_designer_dashboard_view_form")
        arch = etree.fromstring(
            self.env["board.board"].get_view(board.id, "form")["arch"]
        )
        blocks = arch.xpath("//action")
        self.assertEqual(len(blocks), 6)
        seen = {}
        for user in (self.user_sales, self.user_manager):
            for block in blocks:
                action = self.env["ir.actions.act_window"].browse(
                    int(block.get("name"))
                )
                Model = self.env[action.res_model].with_user(user)
                domain = safe_eval(block.get("domain") or "[]")
                records = Model.search(domain)
                seen[user, block.get("string")] = records
                Model.get_views([(False, block.get("view_mode"))])
        near = seen[self.user_manager, "Designers near Their Next Tier"]
        self.assertEqual(near, self.designer)  # 900 000 of Silver's 1 000 000
        self.assertEqual(self.designer.loyalty_progress, 90.0)
        unpaid = seen[self.user_manager, "Unpaid Rewards"]
        self.assertEqual(unpaid.designer_id, self.designer | self.designer2)
        self.assertEqual(
            seen[self.user_sales, "Unpaid Rewards"].designer_id, self.designer
        )


@tagged("post_install", "-at_install")
class TestWorkspacePdf(LoyaltyCommon):
    """The three PDFs: rendered as PDF bytes, their text checked through the
    HTML rendering."""

    def _render(self, xmlid, records, user=None):
        return render_report_text(self.env, xmlid, records, user or self.env.user)

    def test_reward_statement_pdf(self):
        """A statement the designer can read alone: the tier of each entry,
        the current tier, progress to the next tier, the payout bill and its
        reference; no Points column on a money program."""
        statement = self._paid_statement()
        self.env["designer.loyalty.tier"]._tier_review(
            review_date=date(2026, 4, 1), designer_ids=self.designer.ids
        )
        text = self._render(
            "crm_designer_loyalty.designer_reward_statement_report_action", statement
        )
        self.assertIn("Your current tier: Base", text)
        self.assertIn("Progress to the next tier: Silver from", text)
        self.assertIn(f"Paid by vendor bill {statement.move_id.name}", text)
        self.assertNotIn("Points", text)
        self.assertIn("Tier of the entries: Base", text)
        # a Russian designer's statement is in Russian, printed by an English
        # user: labels and tier names alike (the tier names were Russian in an
        # English statement)
        self._load_russian()
        self.tier_base.update_field_translations("name", {"ru_RU": "Базовый"})
        self.designer.lang = "ru_RU"
        text = self._render(
            "crm_designer_loyalty.designer_reward_statement_report_action", statement
        )
        self.assertIn("Базовый", text)
        self.assertNotIn("Your current tier", text)

    def test_client_dossier_pdf(self):
        today = fields.Date.today()
        month = today + relativedelta(months=-1, day=5)
        self.env["res.partner"].create(
            {
                "name": "Pavel Buyer",
                "parent_id": self.client.id,
                "type": "contact",
                "function": "Director",
                "decision_role": "decision_maker",
            }
        )
        self.env["res.partner.significant.date"].create(
            {
                "partner_id": self.client.id,
                "date": date(1980, 5, 17),
                "date_type": "birthday",
            }
        )
        self.env["res.partner.equipment"].create(
            {"partner_id": self.client.id, "name": "Fireplace", "location": "Hall"}
        )
        self._paid_invoice(10_000, month)
        self.env["crm.segmentation.run"]._run_company(self.company, today)
        text = self._render(
            "crm_designer_loyalty.res_partner_dossier_report_action",
            self.client,
            user=self.user_sales,
        )
        self.assertIn("Client Dossier: Client One", text)
        self.assertIn("Pavel Buyer", text)
        self.assertIn("Decision Maker", text)
        self.assertIn("Fireplace", text)
        self.assertIn("Birthday", text)
        self.assertIn("Classes: ABC A", text)
        # the type of the date in the language of the report
        self._load_russian()
        russian = render_report_text(
            self.env(context=dict(self.env.context, lang="ru_RU")),
            "crm_designer_loyalty.res_partner_dossier_report_action",
            self.client,
            self.user_sales,
        )
        self.assertIn("День рождения", russian)
        self.assertNotIn("Birthday", russian)
        self.assertIn("Sales of the Last 12 Months", text)
        self.assertIn(f"{month:%B %Y} 1 $ 10,000.00 $ 9,200.00", text)

    def test_matrix_summary_pdf(self):
        self._paid_invoice(10_000, date(2026, 1, 10))
        self._paid_invoice(1_000, date(2026, 1, 10), partner=self.client_other)
        run = self.env["crm.segmentation.run"]._run_company(
            self.company, date(2026, 3, 2)
        )
        text = self._render(
            "crm_designer_loyalty.crm_segmentation_matrix_report_action",
            run,
            user=self.user_manager,
        )
        self.assertIn("ABC/XYZ Matrix Summary", text)
        self.assertIn("A up to 80.0 %, B up to 95.0 %", text)
        self.assertIn(
            "A 0 clients $ 0.00 0 clients $ 0.00 0 clients $ 0.00 1 client $ 10,000.00",
            text,
        )
        self.assertIn(
            "Top Clients of Class A Client XYZ Status Revenue Share "
            "Client One N One-time $ 10,000.00 90.91 %",
            text,
        )

    def test_matrix_summary_pdf_russian(self):
        """The counts of the cells agree with their noun in Russian."""
        self._load_russian()
        self._paid_invoice(10_000, date(2026, 1, 10))
        run = self.env["crm.segmentation.run"]._run_company(
            self.company, date(2026, 3, 2)
        )
        text = render_report_text(
            self.env(context=dict(self.env.context, lang="ru_RU")),
            "crm_designer_loyalty.crm_segmentation_matrix_report_action",
            run,
            self.user_manager,
        )
        self.assertIn("A 0 клиентов", text)
        self.assertIn("1 клиент ", text)

    def test_plural_forms(self):
        """English: one, other; Russian: one (1, 21), few (2-4, 22), many (5-20,
        25), whatever the forms a translation gives."""
        counts = (1, 2, 5, 11, 21, 22, 25, 1000)
        english = self.env(context=dict(self.env.context, lang="en_US"))
        self.assertEqual(
            [count_label(english, n, "client|clients") for n in counts],
            [
                "1 client",
                "2 clients",
                "5 clients",
                "11 clients",
                "21 clients",
                "22 clients",
                "25 clients",
                "1,000 clients",
            ],
        )
        self._load_russian()
        russian = self.env(context=dict(self.env.context, lang="ru_RU"))
        forms = "клиент|клиента|клиентов"
        self.assertEqual(
            [count_label(russian, n, forms) for n in counts],
            [
                "1 клиент",
                "2 клиента",
                "5 клиентов",
                "11 клиентов",
                "21 клиент",
                "22 клиента",
                "25 клиентов",
                "1\N{NO-BREAK SPACE}000 клиентов",
            ],
        )
