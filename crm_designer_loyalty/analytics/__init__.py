from . import segmentation
from . import invoice_cost
