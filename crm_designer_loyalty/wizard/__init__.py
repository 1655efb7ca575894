from . import designer_reward_statement_generate
from . import account_move_reversal
