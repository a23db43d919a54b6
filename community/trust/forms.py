"""The held-post queue's two decisions."""

from flask_babel import lazy_gettext as _l
from wtforms import StringField
from wtforms.validators import DataRequired, Length

from community.forms import HubForm, strip_filter


class ApproveForm(HubForm):
    """Nothing but the CSRF token."""


class RejectForm(HubForm):
    reason = StringField(
        _l("Why it stays hidden (shown to the author)"),
        filters=[strip_filter],
        validators=[DataRequired(message=_l("Give a reason.")), Length(max=500)],
    )
