from . import designer_reward_statement_xlsx
from . import crm_segmentation_xlsx
from . import crm_segment_transition_report
from . import crm_sales_dynamics_report
from . import crm_activity_volume_report
from . import crm_next_purchase_report
