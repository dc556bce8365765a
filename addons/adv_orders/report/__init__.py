from . import adv_backorder_line
