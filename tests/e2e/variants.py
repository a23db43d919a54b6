"""Which combinations of JavaScript and viewport this run of the folder takes.

CI runs the browser tests twice, on SQLite and on PostgreSQL, side by side on
two cores, so the combinations are split between the two runs: each run
takes every journey once (SQLite with JavaScript on a phone, PostgreSQL
without it on a desktop), so that together they take each journey with and
without JavaScript and at both viewports; the SQLite run checks every page at
both viewports. On this 2-core machine CI did
not fit 20 minutes with two journeys a run. E2E_ALL_VARIANTS=1 takes all four
combinations in one run.
"""

import os

from config import TestConfig

ALL = bool(os.environ.get("E2E_ALL_VARIANTS"))
ON_POSTGRESQL = TestConfig.SQLALCHEMY_DATABASE_URI.startswith("postgresql")

# (JavaScript on, viewport) per database: one each, so that together the two
# runs take each journey with and without JavaScript and at both viewports.
_JOURNEYS = {
    False: [(True, "phone")],  # SQLite
    True: [(False, "desktop")],  # PostgreSQL
}
_EVERY = [(js, viewport) for viewport in ("phone", "desktop") for js in (True, False)]
JOURNEYS = _EVERY if ALL else _JOURNEYS[ON_POSTGRESQL]

# The viewports of the page checks (weight, axe, layout, HTML validity) and
# keyboard walks: both on the SQLite run, none on PostgreSQL's, which was
# CI's longer run (the pages' markup and weight do not depend on the database;
# a second viewport costs one more axe run per page, not a second load).
PAGE_VIEWPORTS = ["phone", "desktop"] if ALL or not ON_POSTGRESQL else []
PAGE_CHECKS = bool(PAGE_VIEWPORTS)
