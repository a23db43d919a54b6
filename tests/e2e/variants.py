"""Which combinations of JavaScript and viewport this run of the folder takes.

CI runs the browser tests twice, on SQLite and on PostgreSQL, side by side on
two cores, so the combinations are split between the two runs: each run
takes every journey twice, with and without JavaScript and on both
viewports; together the two runs take all four combinations. The page
checks run on SQLite at both viewports (PAGE_VIEWPORTS). E2E_ALL_VARIANTS=1
takes them all in one run.
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

# The viewports of the page checks (axe, layout) and keyboard walks: both on
# SQLite, none on PostgreSQL, whose run is the longer one (its first loads
# are still measured against the 60 KB budget). The pages render the same
# on both databases; the journeys cover what differs.
PAGE_VIEWPORTS = [] if ON_POSTGRESQL and not ALL else ["phone", "desktop"]
