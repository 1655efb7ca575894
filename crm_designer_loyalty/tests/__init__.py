from . import test_attribution
from . import test_segmentation
