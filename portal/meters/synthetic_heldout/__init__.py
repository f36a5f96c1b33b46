"""A second, independent generator of labelled meter data, for judging the theft screening on data it
was not tuned on. It shares no code with ``portal.meters.synthetic`` and makes other assumptions on
purpose:

| | ``synthetic`` (tuning) | ``synthetic_heldout`` (held out) |
|---|---|---|
| area sizes | log-normal around meters / areas | uniform 30–400 users |
| season | winter: heating, Spring Festival | summer: an air-conditioning peak |
| day-to-day noise | independent log-normal | AR(1) in log, each user its own persistence |
| honest falls | returnees leaving after the festival | trips away (a few days near standby) |
| technical loss | a fixed share of the load | iron (fixed kWh) plus copper (∝ load²) |
| area meter | independent error | slowly wandering error (AR(1)) |
| missing readings | spells of days | single days at random |
| thieves | 5–10 % of users, scaled to a target share | 4–15 % of users, bigger users likelier, as they are |
| theft start | one day per area (+0–7 per thief) | each thief its own day, 20–60 |

Pure numpy, seeded: ``generate_heldout(HeldoutConfig(...))`` returns the readings, the area supply
and the truth. ``export`` writes the register and reading files in the documented import formats.
"""

from portal.meters.synthetic_heldout.generator import HeldoutConfig, HeldoutData, generate_heldout

__all__ = ["HeldoutConfig", "HeldoutData", "generate_heldout"]
