"""The attendee list and wait list as CSV for organisers.

Spreadsheets run cells that start with = + - @ (and tab or CR) as formulas, so a
display name like "=HYPERLINK(...)" could act on the organiser's machine
(CSV injection). Such cells get a leading apostrophe and are read as text.
"""

import csv
import io

from flask_babel import lazy_gettext as _l

from community.events import rsvps
from community.events.models import EventOccurrence

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
HEADER = [
    "date (UTC)",
    "status",
    _l("wait-list position"),
    "name",
    "username",
    "organisation",
    _l("answered (UTC)"),
]


def spreadsheet_safe(value: str) -> str:
    """A cell a spreadsheet reads as text, never as a formula."""
    return "'" + value if value.startswith(FORMULA_STARTS) else value


def attendees_csv(row: EventOccurrence) -> str:
    """One date: going first (in order of answer), then the wait list in order."""
    going, waiting = rsvps.attendees(row)
    listed = [(rsvp, "") for rsvp in going]
    listed += [(rsvp, str(number)) for number, rsvp in enumerate(waiting, start=1)]
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(HEADER)
    for rsvp, rank in listed:
        cells = [
            row.start_at.strftime("%Y-%m-%d %H:%M"),
            rsvp.status,
            rank,
            rsvp.user.display_name,
            rsvp.user.username,
            rsvp.user.organisation,
            rsvp.updated_at.strftime("%Y-%m-%d %H:%M"),
        ]
        writer.writerow([spreadsheet_safe(cell) for cell in cells])
    return out.getvalue()
