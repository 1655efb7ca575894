from . import segmentation
from . import invoice_cost
from . import loyalty
from . import dossier
from . import planning
from . import forecast
from . import scorecard
from . import client_finance
