from . import test_attribution
from . import test_loyalty_ledger
from . import test_loyalty_tier
from . import test_loyalty_statement
from . import test_loyalty_access
from . import test_loyalty_concurrency
