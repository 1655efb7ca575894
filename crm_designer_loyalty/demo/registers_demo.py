# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Demo data of the registers (complaints, competitors, external factors and
events), generated on the clients, products and invoices of
:class:`.crm_designer_demo.CrmDesignerDemo` (called at the end of its
``load()``). Deterministic: its own random generator, seeded."""

import random
from datetime import datetime, time, timedelta

from odoo import fields

from ..models.crm_claim import DEMANDS

CLAIM_SUBJECTS = {
    "crm_claim_type_quality": ["Scratched surface", "Fabric pilling", "Loose joint"],
    "crm_claim_type_delivery": ["Delivered late", "Damaged in transit"],
    "crm_claim_type_installation": ["Crooked installation", "Missing fittings"],
    "crm_claim_type_documents": ["Wrong invoice details", "Missing certificate"],
    "crm_claim_type_other": ["Rude courier"],
}


class RegistersDemo:
    """``RegistersDemo(env).load()``: every register filled."""

    def __init__(self, env):
        self.env = env(
            context=dict(
                env.context,
                tracking_disable=True,
                mail_create_nolog=True,
                mail_notrack=True,
            )
        )
        self.rng = random.Random(13)
        self.today = fields.Date.context_today(self.env.user)
        invoices = self.env["account.move"].search(
            [
                ("move_type", "=", "out_invoice"),
                ("state", "=", "posted"),
                ("company_id", "=", self.env.company.id),
            ],
            order="id",
        )
        self.invoices = invoices
        self.clients = invoices.commercial_partner_id.sorted("id")

    def load(self):
        return {"claims": self.claims()}

    def claims(self, count=60):
        """Complaints over the last 24 months on invoiced products: several
        types, directions and demands; the recent ones open, some overdue."""
        rng = self.rng
        stages = [self.env.ref(f"crm_claim.stage_claim{n}") for n in (1, 5, 2, 3)]
        demands = [key for key, _label in DEMANDS]
        values = []
        for invoice in rng.sample(list(self.invoices), min(count, len(self.invoices))):
            line = rng.choice(invoice.invoice_line_ids.filtered("product_id"))
            type_xmlid = rng.choice(list(CLAIM_SUBJECTS))
            day = invoice.invoice_date + timedelta(days=rng.randint(3, 40))
            day = min(day, self.today)
            age = (self.today - day).days
            stage = stages[rng.randrange(2)] if age < 45 else rng.choice(stages[2:])
            claimed = round(line.price_subtotal * rng.uniform(0.1, 0.6), 2)
            values.append(
                {
                    "name": rng.choice(CLAIM_SUBJECTS[type_xmlid]),
                    "partner_id": invoice.commercial_partner_id.id,
                    "user_id": invoice.commercial_partner_id.user_id.id
                    or self.env.user.id,
                    "date": datetime.combine(day, time(10)),
                    "type_id": self.env.ref(f"crm_designer_loyalty.{type_xmlid}").id,
                    "product_id": line.product_id.id,
                    "invoice_id": invoice.id,
                    "sale_order_id": invoice.line_ids.sale_line_ids.order_id[:1].id,
                    "demand": rng.choice(demands),
                    "amount_claimed": claimed,
                    "amount_granted": round(claimed * rng.choice((0, 0.5, 1)), 2)
                    if stage.is_closed
                    else 0,
                    "stage_id": stage.id,
                    "cause": "Supplier batch defect" if rng.random() < 0.3 else False,
                }
            )
        claims = self.env["crm.claim"].create(values)
        for claim in claims.filtered("is_closed"):
            claim.date_closed = claim.date + timedelta(
                days=rng.randint(1, 20), hours=rng.randint(0, 8)
            )
        return claims
