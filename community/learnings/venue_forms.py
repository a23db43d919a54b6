"""The form naming where a lesson is discussed and where it was presented."""

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_babel import pgettext
from wtforms import SelectField

from community.dates import format_local_value
from community.forms import HubForm
from community.timezones import zone


def optional_id(value) -> int | None:
    """ "" (none) or a row id; anything else fails the field's coercion."""
    if value in (None, ""):
        return None
    return int(value)


class VenuesForm(HubForm):
    # The lists are what the person may see; venues.set_venues checks the
    # submitted id again, so a hand-made value is refused with a message.
    discussion_thread_id = SelectField(
        _l("Discussed in"),
        coerce=optional_id,
        validate_choice=False,
        description=_l("A discussion you can read, most recently active first."),
    )
    presented_event_id = SelectField(
        _l("Presented at"),
        coerce=optional_id,
        validate_choice=False,
        description=_l("An event you can see, newest first."),
    )

    def offer(self, lesson, threads: list, events: list) -> None:
        """Fill the two lists; the links the lesson has now stay chosen."""
        self.discussion_thread_id.choices = _choices(
            [
                (thread.id, f"{thread.title} ({thread.community.name})")
                for thread in threads
            ],
            lesson.discussion_thread_id,
            pgettext("no discussion chosen", "None"),
            _("The discussion linked now"),
        )
        self.presented_event_id.choices = _choices(
            [(event.id, _event_label(event)) for event in events],
            lesson.presented_event_id,
            pgettext("no event chosen", "None"),
            _("The event linked now"),
        )


def _thread_label(thread) -> str:
    return f"{thread.title} ({thread.community.name})"


def _event_label(event) -> str:
    day = event.start_at.astimezone(zone(event.timezone)).date()
    return f"{event.title} ({format_local_value(day, '%-d %B %Y')})"


def _choices(rows: list, current: int | None, blank: str, kept: str) -> list:
    if current is not None and all(row_id != current for row_id, _label in rows):
        rows = [(current, kept), *rows]
    return [("", blank), *rows]
