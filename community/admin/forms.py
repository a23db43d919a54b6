"""Admin forms: finding people and filtering the audit log (GET, no token), and
the actions on one person and on a site page (POST, with CSRF)."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import DateField, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length, Optional, ValidationError

from community.auth.models import SITE_ROLES
from community.countries import country_choices
from community.forms import renderable_markdown, strip_filter
from community.plain_text import clean_line

ROLE_LABELS = {
    "member": _l("Member"),
    "moderator": _l("Site moderator"),
    "admin": _l("Admin"),
}
STATUS_LABELS = {
    "": _l("Any status"),
    "active": _l("Active"),
    "suspended": _l("Suspended"),
    "unconfirmed": _l("E-mail not confirmed"),
}


class GetForm(FlaskForm):
    """A search form read from the query string: no token, nothing is changed."""

    class Meta:
        csrf = False


class PeopleSearchForm(GetForm):
    q = StringField(
        _l("Name, username or e-mail"),
        filters=[strip_filter],
        validators=[Optional(), Length(max=100)],
    )
    organisation = StringField(
        _l("Organisation"),
        filters=[strip_filter],
        validators=[Optional(), Length(max=120)],
    )
    country = SelectField(
        _l("Country"), choices=country_choices(_l("Any country")), default=""
    )
    role = SelectField(
        _l("Role"),
        choices=[("", _l("Any role")), *ROLE_LABELS.items(), ("editor", _l("Editor"))],
        default="",
    )
    status = SelectField(_l("Status"), choices=list(STATUS_LABELS.items()), default="")


class AuditFilterForm(GetForm):
    actor = StringField(
        _l("Who (username)"),
        filters=[strip_filter],
        validators=[Optional(), Length(max=30)],
    )
    action = StringField(
        _l("Action"),
        filters=[strip_filter],
        validators=[Optional(), Length(max=60)],
        description=_l("All or the start of it, such as account. or membership.banned"),
    )
    target = StringField(
        _l("On"),
        filters=[strip_filter],
        validators=[Optional(), Length(max=60)],
        description=_l("A username, or a kind and number such as post 12"),
    )
    community = StringField(
        _l("Community (its address name)"),
        filters=[strip_filter],
        validators=[Optional(), Length(max=60)],
    )
    since = DateField(_l("From (day)"), validators=[Optional()])
    until = DateField(_l("Until (day)"), validators=[Optional()])

    def validate_until(self, field) -> None:
        if field.data and self.since.data and field.data < self.since.data:
            raise ValidationError(_l("The last day comes before the first."))


class RoleForm(FlaskForm):
    role = SelectField(
        _l("Site role"),
        choices=list(ROLE_LABELS.items()),
    )  # SelectField refuses anything not listed

    def validate_role(self, field) -> None:
        if field.data not in SITE_ROLES:
            raise ValidationError(_l("Choose one of the roles listed."))


class EditorForm(FlaskForm):
    editor = SelectField(
        _l("Editor of the pilot-learnings library"),
        choices=[("yes", _l("Editor")), ("no", _l("Not an editor"))],
    )


class SuspendForm(FlaskForm):
    reason = StringField(
        _l("Reason (shown to the person when they try to log in)"),
        filters=[clean_line],
        validators=[DataRequired(message=_l("Give a reason.")), Length(max=500)],
    )


class LiftForm(FlaskForm):
    note = StringField(
        _l("Note for the audit log (optional)"),
        filters=[clean_line],
        validators=[Optional(), Length(max=500)],
    )


class SitePageForm(FlaskForm):
    title = StringField(
        _l("Title"), filters=[clean_line], validators=[DataRequired(), Length(max=120)]
    )
    body = TextAreaField(
        _l("Text (Markdown)"),
        validators=[DataRequired(), Length(max=50_000), renderable_markdown],
    )
