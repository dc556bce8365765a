from . import adv_ack_override
