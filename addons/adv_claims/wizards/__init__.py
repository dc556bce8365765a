from . import adv_claim_credit_note
