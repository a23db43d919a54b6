"""URL converters shared by every blueprint."""

from werkzeug.routing import IntegerConverter

# The largest id a row can have: primary keys are INTEGER, 32 bits on
# PostgreSQL (SQLite's are wider, but ids never reach this).
LARGEST_ID = 2**31 - 1


class DatabaseIdConverter(IntegerConverter):
    """<int:...> that no row can be beyond: a larger number does not match the
    route, so it answers 404 instead of overflowing the database driver."""

    def __init__(self, map, *args, **kwargs):
        kwargs.setdefault("max", LARGEST_ID)
        super().__init__(map, *args, **kwargs)
