# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Who is the loyalty program.

The reward ledger, the state, amounts and links of the statements and the
payout links of vendor bills are written by the program only: its hooks,
crons and buttons, which check the user's rights first, then act through
:func:`as_program`. It puts a token in the context that no client can send:
the token is a Python object, compared by identity, while a context that
comes from a client (JSON-RPC, XML-RPC, an import, a URL, an action) only
holds JSON values. A client sending ``designer_reward_system`` gets nothing
more than without it.

(The ``cdl_no_commit`` context key, in contrast, may come from a client: it
only stops the crons' batch commits, see ``ir.cron._cdl_may_commit``.)
"""

_KEY = "designer_reward_system"
_PROGRAM = object()


def as_program(records):
    """``records`` acting as the loyalty program."""
    return records.with_context(**{_KEY: _PROGRAM})


def is_program(env):
    """Whether ``env`` acts as the loyalty program (see :func:`as_program`)."""
    return env.context.get(_KEY) is _PROGRAM
