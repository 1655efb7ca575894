from . import test_attribution
from . import test_demo_data
