from . import designer_reward_statement_generate
from . import crm_factor_influence
from . import crm_external_factor_import
