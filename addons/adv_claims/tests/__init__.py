from . import test_adv_claims_install
