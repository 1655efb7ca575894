from . import designer_reward_statement_xlsx
from . import crm_segmentation_xlsx
from . import crm_segment_transition_report
from . import crm_sales_dynamics_report
from . import crm_failure_report
from . import crm_conversion_report
from . import res_partner_label_report
