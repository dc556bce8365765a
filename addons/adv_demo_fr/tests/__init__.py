from . import test_demo_fr
