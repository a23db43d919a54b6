"""Event forms: they check shape; scheduling.py checks time-zone and series rules."""

from flask_babel import lazy_gettext as _l
from flask_wtf.file import FileField, FileRequired
from wtforms import (
    BooleanField,
    DateField,
    DateTimeLocalField,
    HiddenField,
    IntegerField,
    RadioField,
    SelectField,
    SelectMultipleField,
    StringField,
    TextAreaField,
)
from wtforms.validators import AnyOf, DataRequired, Length, NumberRange, Optional
from wtforms.widgets import CheckboxInput, ListWidget

from community.content_languages import content_language_field
from community.dates import weekday_names
from community.dpgs.fields import dpgs_field
from community.events.models import EVENT_TYPES, FREQUENCIES, MONTHLY_MODES
from community.events.recurrence import WEEKDAY_CODES
from community.events.scheduling import EventData
from community.forms import (
    HubForm,
    ZoneChoiceMixin,
    http_url,
    renderable_markdown,
    strip_filter,
    zone_field,
)

LOCAL_FORMAT = ["%Y-%m-%dT%H:%M", "%Y-%m-%dT%H:%M:%S"]


def weekday_choices() -> list[tuple[str, str]]:
    """Monday to Sunday in the page's language, for the weekly checkboxes."""
    return list(zip(WEEKDAY_CODES, weekday_names(), strict=True))


class MultiCheckboxField(SelectMultipleField):
    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


class EventForm(ZoneChoiceMixin, HubForm):
    title = StringField(
        _l("Title"),
        validators=[DataRequired(), Length(max=200)],
        filters=[strip_filter],
    )
    event_type = SelectField(
        _l("Type"), choices=list(EVENT_TYPES.items()), default="forum"
    )
    description = TextAreaField(
        _l("Description"),
        validators=[Length(max=20000), renderable_markdown],
        description=_l("Markdown: **bold**, *italic*, [links](https://example.org)."),
    )
    language = content_language_field()
    timezone = zone_field(_l("The zone of the times below: where the event happens."))
    all_day = BooleanField(_l("All-day event (one or more whole days)"))
    start_local = DateTimeLocalField(
        _l("Starts"),
        format=LOCAL_FORMAT,
        validators=[Optional()],
        description=_l("Wall-clock time in the time zone above."),
    )
    end_local = DateTimeLocalField(
        _l("Ends"), format=LOCAL_FORMAT, validators=[Optional()]
    )
    start_on = DateField(_l("First day (all-day events)"), validators=[Optional()])
    end_on = DateField(_l("Last day (all-day events)"), validators=[Optional()])
    location = StringField(
        _l("Place"),
        validators=[Length(max=300)],
        filters=[strip_filter],
        description=_l("A physical address, if people meet in person."),
    )
    online_url = StringField(
        _l("Online link"),
        validators=[Length(max=500), http_url],
        filters=[strip_filter],
        description=_l("The meeting link, starting with https://"),
    )
    dpgs = dpgs_field()
    capacity = IntegerField(
        _l("Seats"),
        validators=[Optional(), NumberRange(min=1, max=100000)],
        description=_l("Leave empty for no limit. People beyond it join a wait list."),
    )
    rsvp_deadline_local = DateTimeLocalField(
        _l("RSVP deadline (in the event's time zone)"),
        format=LOCAL_FORMAT,
        validators=[Optional()],
    )
    repeat_frequency = SelectField(
        _l("Repeats"), choices=list(FREQUENCIES.items()), default=""
    )
    repeat_interval = IntegerField(
        _l("Every"),
        default=1,
        validators=[Optional(), NumberRange(min=1, max=99)],
        description=_l("1 for every day/week/month, 2 for every other one ..."),
    )
    repeat_weekdays = MultiCheckboxField(_l("On (weekly)"), choices=weekday_choices)
    repeat_monthly = RadioField(
        _l("Monthly"), choices=list(MONTHLY_MODES.items()), default="day"
    )
    repeat_count = IntegerField(
        _l("Ends after this many times"), validators=[Optional(), NumberRange(min=1)]
    )
    repeat_until_on = DateField(_l("Or ends on"), validators=[Optional()])

    def to_data(self) -> EventData:
        return EventData(
            title=self.title.data or "",
            timezone=self.timezone.data or "UTC",
            start_local=self.start_local.data,
            end_local=self.end_local.data,
            all_day=bool(self.all_day.data),
            start_on=self.start_on.data,
            end_on=self.end_on.data,
            event_type=self.event_type.data or "other",
            description=self.description.data or "",
            location=self.location.data or "",
            online_url=self.online_url.data or "",
            capacity=self.capacity.data,
            rsvp_deadline_local=self.rsvp_deadline_local.data,
            frequency=self.repeat_frequency.data or "",
            interval=self.repeat_interval.data or 1,
            weekdays=list(self.repeat_weekdays.data or []),
            monthly=self.repeat_monthly.data or "day",
            count=self.repeat_count.data,
            until_on=self.repeat_until_on.data,
            language=self.language.data or "",
        )


class OccurrenceForm(HubForm):
    start_local = DateTimeLocalField(
        _l("New start"), format=LOCAL_FORMAT, validators=[DataRequired()]
    )
    end_local = DateTimeLocalField(
        _l("New end"), format=LOCAL_FORMAT, validators=[DataRequired()]
    )
    location = StringField(
        _l("Place for this occurrence"),
        validators=[Length(max=300)],
        filters=[strip_filter],
    )


class RsvpForm(HubForm):
    answer = HiddenField(validators=[AnyOf(("going", "maybe", "not_going"))])
    # A date's key (20300318T090000Z), "all" for every date to come, or empty
    # for the next date.
    date = HiddenField(validators=[Optional(), Length(max=20)])


class ImportForm(HubForm):
    file = FileField(
        _l("iCalendar file (.ics, at most 4 MB)"), validators=[FileRequired()]
    )


class ConfirmImportForm(HubForm):
    payload = HiddenField(validators=[DataRequired()])
