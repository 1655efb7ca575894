from . import designer_reward_statement_generate
from . import res_partner_group_action
