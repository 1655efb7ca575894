# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The demo company works in roubles.

Odoo refuses to change the currency of a company that has journal items, and
``account``'s own demo data (``account/demo/account_demo.xml``, loaded before
this addon's) posts invoices, bills, miscellaneous entries and bank statement
lines in the main company, in US dollars. Those entries, and only those (found
by their ``account`` XML ids), are deleted before the currency changes; a
company with any other journal item keeps its currency (real accounting, where
*Load demo data* is run).

The company gets its own currency rates, per rouble (the shared ones stay those
of the other companies; the cross rates are kept), and the pricelists of the
company in the former currency switch to roubles.
"""

import logging

from odoo import fields

_logger = logging.getLogger(__name__)


def _core_demo_moves(env, company):
    """The journal entries of ``account``'s demo data in ``company``: the moves
    with an ``account`` XML id and those of its bank statements (lines)."""
    ids = {}
    for row in env["ir.model.data"].search(
        [
            ("module", "=", "account"),
            (
                "model",
                "in",
                [
                    "account.move",
                    "account.bank.statement.line",
                    "account.bank.statement",
                ],
            ),
        ]
    ):
        ids.setdefault(row.model, []).append(row.res_id)
    Move = env["account.move"]
    lines = (
        env["account.bank.statement.line"]
        .browse(ids.get("account.bank.statement.line", []))
        .exists()
        | env["account.bank.statement"]
        .browse(ids.get("account.bank.statement", []))
        .exists()
        .line_ids
    )
    moves = Move.browse(ids.get("account.move", [])).exists() | lines.move_id
    return moves.filtered(lambda move: move.company_id == company)


def company_in_roubles(env):
    """Switch the current company to roubles (see the module docstring).

    :return: whether the company works in roubles
    """
    company = env.company
    rub = env.ref("base.RUB")
    former = company.currency_id
    if former == rub:
        return True
    moves = _core_demo_moves(env, company)
    if env["account.move.line"].search_count(
        [("company_id", "child_of", company.id), ("move_id", "not in", moves.ids)],
        limit=1,
    ):
        _logger.info(
            "Company %s has journal items of its own: the demo keeps its currency %s",
            company.name,
            former.name,
        )
        return False
    moves = moves.with_context(force_delete=True)
    statement_lines = moves.statement_line_id
    statements = statement_lines.statement_id
    moves.filtered(lambda move: move.state != "draft").button_draft()
    statement_lines.unlink()
    statements.exists().unlink()
    moves.exists().unlink()
    rub.active = True
    _rebase_rates(env, company, former, rub)
    company.currency_id = rub
    env["product.pricelist"].with_context(active_test=False).search(
        [("currency_id", "=", former.id), ("company_id", "=", company.id)]
    ).currency_id = rub
    return True


def _rebase_rates(env, company, former, rub):
    """Rates of ``company`` per rouble instead of per unit of ``former``, as
    rates of the company (the shared rates stay those of the other companies),
    the cross rates kept: the rouble at 1, every shared rate divided by the
    latest shared rate of the rouble."""
    Rate = env["res.currency.rate"]
    shared = Rate.search([("company_id", "=", False)], order="name")
    factor = shared.filtered(lambda rate: rate.currency_id == rub)[-1:].rate or 1.0
    first = shared[:1].name or fields.Date.to_date("2010-01-01")
    values = [
        {
            "currency_id": rate.currency_id.id,
            "name": rate.name,
            "rate": rate.rate / factor,
        }
        for rate in shared
        if rate.currency_id != rub
    ]
    if former not in shared.currency_id:
        values.append({"currency_id": former.id, "name": first, "rate": 1 / factor})
    values.append({"currency_id": rub.id, "name": first, "rate": 1.0})
    # rates the company already has are its own: kept
    own = Rate.search([("company_id", "=", company.id)]).currency_id
    Rate.create(
        [
            {**vals, "company_id": company.id}
            for vals in values
            if vals["currency_id"] not in own.ids
        ]
    )
