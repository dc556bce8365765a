from . import adv_dunning_letter
