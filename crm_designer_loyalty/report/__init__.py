from . import designer_reward_statement_xlsx
from . import crm_segmentation_xlsx
