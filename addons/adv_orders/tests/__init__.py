from . import test_adv_app
from . import test_adv_hold_reason
from . import test_adv_tour
from . import test_adv_translation
