from . import designer_reward_statement_generate
from . import crm_sales_plan_import
from . import crm_sales_plan_copy
