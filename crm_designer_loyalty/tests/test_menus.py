# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date

from lxml import etree

from odoo.tests import tagged
from odoo.tools.safe_eval import safe_eval

from .loyalty_common import LoyaltyCommon


@tagged("post_install", "-at_install")
class TestMenus(LoyaltyCommon):
    """Every menu of the addon that a role sees opens for that role: its
    window action's views load, and the records load with the fields of those
    views (what the web client does), without an access error."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # a row in most registers: ledger, statement, tier change, dossier rows,
        # segmentation run and snapshots
        invoice = cls._paid_invoice(100_000, date(2026, 3, 10))
        cls._refund(invoice, 10_000, date(2026, 3, 20))
        cls.env["designer.reward.statement"]._generate(date(2026, 3, 1), cls.designer)
        cls.env["designer.loyalty.tier"]._tier_review(
            review_date=date(2026, 4, 1), designer_ids=cls.designer.ids
        )
        for model in ("res.partner.equipment", "res.partner.document"):
            cls.env[model].create({"partner_id": cls.client.id, "name": "Row"})
        cls.env["res.partner.significant.date"].create(
            {"partner_id": cls.client.id, "date": date(1980, 5, 17)}
        )
        cls.env["crm.segmentation.run"]._run_company(cls.company, date(2026, 4, 2))

    def _window_action(self, user, action):
        """The window action (a dict) that the menu's ``action`` opens for
        ``user``: itself, or what its server action returns."""
        if action._name == "ir.actions.server":
            return (
                action.with_user(user)
                .with_context(allowed_company_ids=user.company_ids.ids)
                .run()
            )
        return action.read()[0]

    def _open(self, user, action):
        # the companies of the user's session, as in the web client
        Model = (
            self.env[action["res_model"]]
            .with_user(user)
            .with_context(allowed_company_ids=user.company_ids.ids)
        )
        eval_context = {"uid": user.id, "active_id": False, "context_today": None}
        context = action.get("context") or "{}"
        if isinstance(context, str):
            context = safe_eval(context, eval_context)
        Model = Model.with_context(**context)
        view_types = [
            view_type
            for view_type in (
                action.get("view_mode")
                or ",".join(view_type for _id, view_type in action["views"])
            ).split(",")
            if view_type in ("list", "kanban", "form", "pivot", "graph")
        ]
        views = Model.get_views([(False, view_type) for view_type in view_types])
        domain = action.get("domain") or "[]"
        if isinstance(domain, str):
            domain = safe_eval(domain, eval_context)
        listed = self._view_fields(Model, views, "list") | self._view_fields(
            Model, views, "kanban"
        )
        records = Model.web_search_read(domain, self._spec(listed), limit=80)["records"]
        # the form of a record of the user's companies (a company's own partner
        # is visible to all, but not its company-specific fields)
        own = Model.browse([r["id"] for r in records]).filtered(
            lambda r: (
                "company_id" not in r._fields
                or not r.company_id
                or r.company_id in Model.env.companies
            )
        )
        if own and "form" in view_types:
            own[:1].web_read(self._spec(self._view_fields(Model, views, "form")))
            self.forms_read += 1
        if "pivot" in view_types or "graph" in view_types:
            Model.read_group(domain, [], [])

    def _spec(self, names):
        return {name: {} for name in names}

    def _view_fields(self, Model, views, view_type):
        if view_type not in views["views"]:
            return set()
        arch = etree.fromstring(views["views"][view_type]["arch"])
        # top-level fields only: the fields of x2many subviews are of other models
        return {
            node.get("name")
            for node in arch.iter("field")
            if not any(parent.tag == "field" for parent in node.iterancestors())
        }

    def test_every_menu_opens_for_every_role(self):
        root = self.env.ref("crm_designer_loyalty.crm_designer_root_menu")
        users = {
            "salesperson": self.user_sales,
            "sales manager": self.user_manager,
            "loyalty manager": self.user_loyalty,
            "configuration": self.user_config,
        }
        opened = {}
        self.forms_read = 0
        for role, user in users.items():
            menus = (
                self.env["ir.ui.menu"]
                .with_user(user)
                .search([("id", "child_of", root.id)])
            )
            self.assertIn(root, menus.sudo(), role)
            for menu in menus.sudo().filtered(
                lambda m: (
                    m.action
                    and m.action._name in ("ir.actions.act_window", "ir.actions.server")
                )
            ):
                with self.subTest(role=role, menu=menu.complete_name):
                    action = self._window_action(user, menu.action)
                    # the dashboard's blocks: test_workspace
                    if (
                        action.get("type") != "ir.actions.act_window"
                        or action["res_model"] == "board.board"
                    ):
                        continue
                    self._open(user, action)
                    opened.setdefault(role, set()).add(action["res_model"])
        # the roles see what they are for
        self.assertGreater(self.forms_read, 20)
        self.assertIn("designer.loyalty.tier", opened["loyalty manager"])
        self.assertNotIn("designer.loyalty.tier", opened["salesperson"])
        self.assertIn("res.partner.segment.snapshot", opened["salesperson"])
        self.assertIn("crm.rfm.segment", opened["configuration"])
