from . import account_move
from . import adv_kpi_definition
from . import adv_kpi_engine
from . import adv_kpi_engine_dunning_claims
from . import adv_kpi_value
from . import adv_kpi_dashboard
from . import sale_order
from . import res_users
