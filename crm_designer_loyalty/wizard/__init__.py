from . import designer_reward_statement_generate
from . import res_partner_group_action
from . import res_partner_auto_selection
from . import res_partner_label_wizard
from . import crm_factor_influence
from . import crm_external_factor_import
from . import crm_sales_plan_import
from . import crm_sales_plan_copy
