"""Account forms: they check shape and uniqueness, and never save."""

import re

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
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
from community.forms import renderable_markdown, strip_filter, timezone_name
from community.plain_text import clean_line

USERNAME_RE = re.compile(r"^[A-Za-z0-9_-]{3,30}$")


def username_taken(username: str) -> bool:
    query = select(User.id).where(User.username_key == username.lower())
    return db.session.scalar(query) is not None


class RegisterForm(FlaskForm):
    email = EmailField(
        "E-mail address",
        filters=[strip_filter],
        validators=[DataRequired(), Length(max=254), Email(check_deliverability=False)],
    )
    username = StringField(
        "Username",
        filters=[strip_filter],
        validators=[DataRequired(), Length(min=3, max=30)],
        description="3 to 30 letters, digits, _ or -. Others mention you as @username.",
    )
    display_name = StringField(
        "Display name",
        filters=[clean_line],
        validators=[DataRequired(), Length(max=80)],
    )
    organisation = StringField(
        "Organisation", filters=[clean_line], validators=[Optional(), Length(max=120)]
    )
    kind = SelectField("I work for", choices=list(KINDS.items()), default="other")
    password = PasswordField(
        "Password",
        validators=[DataRequired(), Length(max=200)],
        description="At least 10 characters; not a common password.",
    )

    def validate_username(self, field) -> None:
        if not USERNAME_RE.match(field.data or ""):
            raise ValidationError("Use 3 to 30 letters, digits, _ or - (no spaces).")
        if is_reserved_username(field.data):
            raise ValidationError(
                _l("That username is reserved for the site. Choose another one.")
            )
        if username_taken(field.data):
            raise ValidationError("That username is taken. Choose another one.")

    # No check that the e-mail address is free: saying so would tell anyone
    # which addresses have accounts. registration.start_registration tells the owner.

    def validate_password(self, field) -> None:
        problem = password_problem(
            field.data or "", self.username.data or "", self.email.data or ""
        )
        if problem:
            raise ValidationError(problem)


class LoginForm(FlaskForm):
    login = StringField(
        "E-mail or username",
        filters=[strip_filter],
        validators=[DataRequired(), Length(max=254)],
    )
    password = PasswordField("Password", validators=[DataRequired(), Length(max=200)])
    remember = BooleanField("Keep me logged in on this device")


class ResetRequestForm(FlaskForm):
    email = EmailField(
        "E-mail address",
        filters=[strip_filter],
        validators=[DataRequired(), Length(max=254), Email(check_deliverability=False)],
    )


class NewPasswordForm(FlaskForm):
    password = PasswordField(
        "New password",
        validators=[DataRequired(), Length(max=200)],
        description="At least 10 characters; not a common password.",
    )

    def validate_password(self, field) -> None:
        user = getattr(self, "user", None)
        problem = password_problem(
            field.data or "", getattr(user, "username", ""), getattr(user, "email", "")
        )
        if problem:
            raise ValidationError(problem)


class ChangePasswordForm(NewPasswordForm):
    current_password = PasswordField("Current password", validators=[DataRequired()])

    def validate_current_password(self, field) -> None:
        if not self.user.check_password(field.data or ""):
            raise ValidationError("That is not your current password.")


class ProfileForm(FlaskForm):
    display_name = StringField(
        "Display name",
        filters=[clean_line],
        validators=[DataRequired(), Length(max=80)],
    )
    organisation = StringField(
        "Organisation", filters=[clean_line], validators=[Optional(), Length(max=120)]
    )
    country = SelectField("Country", choices=country_choices(), default="")
    kind = SelectField("I work for", choices=list(KINDS.items()))
    timezone = StringField(
        "Time zone",
        filters=[strip_filter],
        validators=[DataRequired(), Length(max=64), timezone_name],
        description="An IANA name such as Africa/Nairobi; times are shown in it.",
    )
    email_frequency = SelectField(
        "E-mail me about notifications", choices=list(EMAIL_FREQUENCIES.items())
    )
    bio = TextAreaField(
        "About you",
        validators=[Optional(), Length(max=5000), renderable_markdown],
        description="Markdown. What you work on and what you can help with.",
    )


class ChangeEmailForm(FlaskForm):
    email = EmailField(
        "New e-mail address",
        filters=[strip_filter],
        validators=[DataRequired(), Length(max=254), Email(check_deliverability=False)],
    )
    password = PasswordField("Current password", validators=[DataRequired()])

    # Whether another account uses the address is not said here either:
    # accounts.request_email_change mails that address's owner instead.

    def validate_password(self, field) -> None:
        if not self.user.check_password(field.data or ""):
            raise ValidationError("That is not your current password.")


class TwoFactorCodeForm(FlaskForm):
    code = StringField(
        "Code",
        filters=[strip_filter],
        validators=[DataRequired(), Length(max=20)],
        description="The 6 digits from your authenticator app, or a recovery code.",
    )


class TwoFactorDisableForm(TwoFactorCodeForm):
    password = PasswordField("Current password", validators=[DataRequired()])

    def validate_password(self, field) -> None:
        if not self.user.check_password(field.data or ""):
            raise ValidationError("That is not your current password.")
