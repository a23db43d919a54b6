"""Account forms: they check shape and uniqueness, and never save."""

import re

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from wtforms import (
    BooleanField,
    EmailField,
    PasswordField,
    SelectField,
    StringField,
    TextAreaField,
)
from wtforms.validators import DataRequired, Email, Length, Optional, ValidationError

from community.auth.models import EMAIL_FREQUENCIES, KINDS, User
from community.auth.names import is_reserved_username
from community.auth.passwords import password_problem
from community.countries import country_choices
from community.extensions import db
from community.forms import (
    HubForm,
    ZoneChoiceMixin,
    renderable_markdown,
    strip_filter,
    zone_field,
)
from community.i18n import language_choices
from community.plain_text import clean_line

USERNAME_RE = re.compile(r"^[A-Za-z0-9_-]{3,30}$")


def blank_if_none(value):
    return "" if value is None else value


def username_taken(username: str) -> bool:
    query = select(User.id).where(User.username_key == username.lower())
    return db.session.scalar(query) is not None


class RegisterForm(ZoneChoiceMixin, HubForm):
    email = EmailField(
        _l("E-mail address"),
        filters=[strip_filter],
        validators=[DataRequired(), Length(max=254), Email(check_deliverability=False)],
    )
    username = StringField(
        _l("Username"),
        filters=[strip_filter],
        validators=[DataRequired(), Length(min=3, max=30)],
        description=_l(
            "3 to 30 letters, digits, _ or -. Others mention you as @username."
        ),
    )
    display_name = StringField(
        _l("Display name"),
        filters=[clean_line],
        validators=[DataRequired(), Length(max=80)],
    )
    organisation = StringField(
        _l("Organisation"),
        filters=[clean_line],
        validators=[Optional(), Length(max=120)],
    )
    kind = SelectField(_l("I work for"), choices=list(KINDS.items()), default="other")
    # Optional: a form sent without it (an old page) takes the guessed zone.
    timezone = zone_field(
        _l("Where you are: we show every time in its time zone."), required=False
    )
    password = PasswordField(
        _l("Password"),
        validators=[DataRequired(), Length(max=200)],
        description=_l("At least 10 characters; not a common password."),
    )

    def validate_username(self, field) -> None:
        if not USERNAME_RE.match(field.data or ""):
            raise ValidationError(_("Use 3 to 30 letters, digits, _ or - (no spaces)."))
        if is_reserved_username(field.data):
            raise ValidationError(
                _l("That username is reserved for the site. Choose another one.")
            )
        if username_taken(field.data):
            raise ValidationError(_("That username is taken. Choose another one."))

    # No check that the e-mail address is free: saying so would tell anyone
    # which addresses have accounts. registration.start_registration tells the owner.

    def validate_password(self, field) -> None:
        problem = password_problem(
            field.data or "", self.username.data or "", self.email.data or ""
        )
        if problem:
            raise ValidationError(problem)


class LoginForm(HubForm):
    login = StringField(
        _l("E-mail or username"),
        filters=[strip_filter],
        validators=[DataRequired(), Length(max=254)],
    )
    password = PasswordField(
        _l("Password"), validators=[DataRequired(), Length(max=200)]
    )
    remember = BooleanField(_l("Keep me logged in on this device"))


class ResetRequestForm(HubForm):
    email = EmailField(
        _l("E-mail address"),
        filters=[strip_filter],
        validators=[DataRequired(), Length(max=254), Email(check_deliverability=False)],
    )


class NewPasswordForm(HubForm):
    password = PasswordField(
        _l("New password"),
        validators=[DataRequired(), Length(max=200)],
        description=_l("At least 10 characters; not a common password."),
    )

    def validate_password(self, field) -> None:
        user = getattr(self, "user", None)
        problem = password_problem(
            field.data or "", getattr(user, "username", ""), getattr(user, "email", "")
        )
        if problem:
            raise ValidationError(problem)


class ChangePasswordForm(NewPasswordForm):
    current_password = PasswordField(
        _l("Current password"), validators=[DataRequired()]
    )

    def validate_current_password(self, field) -> None:
        if not self.user.check_password(field.data or ""):
            raise ValidationError(_("That is not your current password."))


class ProfileForm(ZoneChoiceMixin, HubForm):
    display_name = StringField(
        _l("Display name"),
        filters=[clean_line],
        validators=[DataRequired(), Length(max=80)],
    )
    organisation = StringField(
        _l("Organisation"),
        filters=[clean_line],
        validators=[Optional(), Length(max=120)],
    )
    # A profile without a country stores None; the list's blank choice is "".
    country = SelectField(
        _l("Country"), choices=country_choices, default="", filters=[blank_if_none]
    )
    kind = SelectField(_l("I work for"), choices=list(KINDS.items()))
    timezone = zone_field(_l("Times are shown in this time zone."))
    email_frequency = SelectField(
        _l("E-mail me about notifications"),
        choices=list(EMAIL_FREQUENCIES.items()),
        description=_l(
            "A digest comes in the morning of your time zone (weekly: on Mondays) "
            "when there is something new. Event reminders come whatever you choose."
        ),
    )
    language = SelectField(
        _l("Language"),
        choices=language_choices,
        description=_l("Pages and the e-mails we send you use this language."),
    )
    spoken_languages = StringField(
        _l("Languages you speak"),
        filters=[clean_line],
        validators=[Optional(), Length(max=200)],
        description=_l("Separate them with commas, e.g. English, Kiswahili."),
    )
    expertise = StringField(
        _l("Expertise"),
        filters=[clean_line],
        validators=[Optional(), Length(max=300)],
        description=_l(
            "What you know well, separated by commas, e.g. digital identity, payments."
        ),
    )
    bio = TextAreaField(
        _l("About you"),
        validators=[Optional(), Length(max=5000), renderable_markdown],
        description=_l("Markdown. What you work on and what you can help with."),
    )


class ChangeEmailForm(HubForm):
    email = EmailField(
        _l("New e-mail address"),
        filters=[strip_filter],
        validators=[DataRequired(), Length(max=254), Email(check_deliverability=False)],
    )
    password = PasswordField(_l("Current password"), validators=[DataRequired()])

    # Whether another account uses the address is not said here either:
    # accounts.request_email_change mails that address's owner instead.

    def validate_password(self, field) -> None:
        if not self.user.check_password(field.data or ""):
            raise ValidationError(_("That is not your current password."))


class TwoFactorCodeForm(HubForm):
    code = StringField(
        _l("Code"),
        filters=[strip_filter],
        validators=[DataRequired(), Length(max=20)],
        description=_l("The 6 digits from your authenticator app, or a recovery code."),
    )


class TwoFactorDisableForm(TwoFactorCodeForm):
    password = PasswordField(_l("Current password"), validators=[DataRequired()])

    def validate_password(self, field) -> None:
        if not self.user.check_password(field.data or ""):
            raise ValidationError(_("That is not your current password."))


class CalendarFeedForm(HubForm):
    only_going = BooleanField(
        _l("Only the events I plan to attend"),
        description=_l(
            "Leave it unticked to also get the events of your communities. "
            "Your feed's address stays the same either way, so calendars "
            "already subscribed to it keep working."
        ),
    )
