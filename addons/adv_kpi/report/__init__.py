from . import adv_kpi_order_report
from . import adv_kpi_invoice_report
from . import adv_kpi_dunning_report
from . import adv_kpi_claim_report
from . import report_adv_kpi_dashboard
from . import adv_kpi_rating_report
