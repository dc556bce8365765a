from . import test_adv_claims_install
from . import test_claim_full_path
from . import test_claim_credit_note
from . import test_claim_documents
from . import test_claim_return_replacement
from . import test_claim_hold
from . import test_claim_recurrence
from . import test_claim_sla
