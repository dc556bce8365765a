from . import adv_credit_hold_override
from . import adv_invoice_hold
from . import adv_dunning_letter_cancel
