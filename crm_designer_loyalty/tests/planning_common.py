# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date

from odoo import Command

from .common import DesignerCrmCommon


class PlanningCommon(DesignerCrmCommon):
    """Two categories (Furniture > Chairs, Lighting), a chair (cost 400) and a
    lamp (cost 100), a new client in a region, and helpers for plans and
    invoices of a salesperson."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Category = cls.env["product.category"]
        cls.furniture = Category.create({"name": "Furniture"})
        cls.chairs = Category.create({"name": "Chairs", "parent_id": cls.furniture.id})
        cls.lighting = Category.create({"name": "Lighting"})
        cls.chair = cls._create_product(
            name="Chair", categ_id=cls.chairs.id, standard_price=400, list_price=1000
        )
        cls.lamp = cls._create_product(
            name="Lamp", categ_id=cls.lighting.id, standard_price=100, list_price=300
        )
        cls.region = cls.env["res.country.state"].search([], limit=1)
        cls.client_new = cls.env["res.partner"].create(
            {
                "name": "Client New",
                "is_company": True,
                "city": "Nizhny Novgorod",
                "state_id": cls.region.id,
                "country_id": cls.region.country_id.id,
            }
        )
        cls.instagram = cls.env["utm.medium"].create({"name": "Instagram Test"})
        # plans are the Sales Managers'
        cls.Plan = cls.env["crm.sales.plan"].with_user(cls.user_manager)
        cls.Line = cls.env["crm.sales.plan.line"].with_user(cls.user_manager)

    @classmethod
    def _sale(cls, partner, user, amount, day, product=None, **values):
        """A posted invoice of ``amount`` by salesperson ``user``."""
        return cls._invoice(
            partner,
            amount,
            date=day,
            product=product or cls.chair,
            invoice_user_id=user.id,
            **values,
        )

    @classmethod
    def _plan(cls, lines, start=date(2026, 3, 1), **values):
        """A draft monthly plan of the manager with ``lines`` (values)."""
        return cls.Plan.create(
            {
                "name": f"Plan {start}",
                "date_from": start,
                "user_id": cls.user_manager.id,
                "line_ids": [Command.create(vals) for vals in lines],
                **values,
            }
        )

    @staticmethod
    def _bands(*bands):
        """Band commands from (lower, upper, coefficient) tuples."""
        return [
            Command.create({"lower_pct": low, "upper_pct": high, "coefficient": coef})
            for low, high, coef in bands
        ]
