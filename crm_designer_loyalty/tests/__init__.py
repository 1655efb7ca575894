from . import test_attribution
from . import test_significant_date
from . import test_dossier
from . import test_dossier_access
