from . import test_attribution
