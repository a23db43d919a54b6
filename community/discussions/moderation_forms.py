"""Forms of the thread moderator tools (move, merge, split) and tag synonyms."""

import re

from flask_babel import lazy_gettext as _l
from wtforms import SelectField, SelectMultipleField, StringField
from wtforms.validators import DataRequired, InputRequired, Length, Regexp
from wtforms.widgets import CheckboxInput, ListWidget

from community.discussions.forms import TAG_RE, title_field
from community.forms import HubForm, strip_filter

THREAD_ADDRESS = re.compile(r"^\s*(?:\S*?/t/)?(\d{1,12})(?:[/?#]\S*)?\s*$")


class MoveForm(HubForm):
    community = SelectField(
        _l("Move to the community"),
        coerce=int,
        validators=[InputRequired(message=_l("Choose a community."))],
    )


class MergeForm(HubForm):
    target = StringField(
        _l("Merge into the thread (its number or address)"),
        filters=[strip_filter],
        validators=[
            DataRequired(message=_l("Give the number or address of a thread.")),
            Length(max=300),
            Regexp(
                THREAD_ADDRESS,
                message=_l("Give a thread number (like 42) or its address (/t/42)."),
            ),
        ],
    )

    @property
    def thread_id(self) -> int:
        return int(THREAD_ADDRESS.match(self.target.data).group(1))


class SplitForm(HubForm):
    title = title_field()
    posts = SelectMultipleField(
        _l("Replies to move (their replies come with them)"),
        coerce=int,
        option_widget=CheckboxInput(),
        widget=ListWidget(prefix_label=False),
        validators=[InputRequired(message=_l("Choose at least one reply to move."))],
    )


class SynonymForm(HubForm):
    name = StringField(
        _l("Another name for this tag"),
        filters=[strip_filter, lambda value: (value or "").lower().lstrip("#")],
        validators=[
            DataRequired(message=_l("Give a name.")),
            Length(max=30, message=_l("Use at most 30 characters.")),
            Regexp(
                TAG_RE,
                message=_l("Use lowercase letters, digits and hyphens."),
            ),
        ],
    )
