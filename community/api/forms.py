"""The token form in settings, and the webhook form on a community's page."""

from flask_babel import lazy_gettext as _l
from wtforms import StringField
from wtforms.validators import DataRequired, Length

from community.api.models import SCOPES
from community.forms import HubForm, MultiCheckboxField, strip_filter

SCOPE_LABELS = {
    "read": _l("Read: everything you can read on the site"),
    "write": _l("Write: post, reply, edit, vote, RSVP and write lessons as you"),
}


class TokenForm(HubForm):
    name = StringField(
        _l("Name"),
        filters=[strip_filter],
        validators=[
            DataRequired(message=_l("Name the token, e.g. after the tool using it.")),
            Length(max=80),
        ],
        description=_l("So you can tell your tokens apart, e.g. “Ministry intranet”."),
    )
    scopes = MultiCheckboxField(
        _l("What it may do"),
        choices=[(scope, SCOPE_LABELS[scope]) for scope in SCOPES],
        default=["read"],
        validators=[DataRequired(message=_l("Choose at least one."))],
    )


class WebhookForm(HubForm):
    url = StringField(
        _l("Endpoint (https://)"),
        filters=[strip_filter],
        validators=[
            DataRequired(message=_l("Give the address to send to.")),
            Length(max=500),
        ],
        description=_l("Public HTTPS only: never private, loopback or our own."),
    )
    events = MultiCheckboxField(
        _l("Send"),
        choices=[],
        validators=[DataRequired(message=_l("Choose at least one."))],
    )

    def __init__(self, *args, **kwargs):
        from community.api.webhooks import EVENTS

        super().__init__(*args, **kwargs)
        self.events.choices = list(EVENTS.items())
