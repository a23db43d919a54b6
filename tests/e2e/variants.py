"""Which combinations of JavaScript and viewport this run of the folder takes.

CI runs the browser tests twice, on SQLite and on PostgreSQL, side by side on
two cores, so the combinations are split between the two runs: each run
takes every journey twice, with and without JavaScript and on both
viewports, and checks every page at one viewport; together the two runs take
all four combinations and both viewports. E2E_ALL_VARIANTS=1 takes them all
in one run.
"""

import os

from config import TestConfig

ALL = bool(os.environ.get("E2E_ALL_VARIANTS"))
ON_POSTGRESQL = TestConfig.SQLALCHEMY_DATABASE_URI.startswith("postgresql")

# (JavaScript on, viewport) per database.
_JOURNEYS = {
    False: [(False, "phone"), (True, "desktop")],  # SQLite
    True: [(True, "phone"), (False, "desktop")],  # PostgreSQL
}
_EVERY = [(js, viewport) for viewport in ("phone", "desktop") for js in (True, False)]
JOURNEYS = _EVERY if ALL else _JOURNEYS[ON_POSTGRESQL]

# The viewports of the page checks (weight, axe, layout) and keyboard walks.
PAGE_VIEWPORTS = ["phone", "desktop"] if ALL else [("phone", "desktop")[ON_POSTGRESQL]]
