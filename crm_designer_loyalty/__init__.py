from . import analytics
from . import models
from . import report
from . import wizard
