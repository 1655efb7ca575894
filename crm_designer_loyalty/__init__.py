from . import analytics
from . import models
from . import wizard
