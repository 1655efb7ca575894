from . import analytics
from . import models
