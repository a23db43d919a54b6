"""Deleting an account asks for the password again, and what to do with posts."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import PasswordField, RadioField
from wtforms.validators import DataRequired, Length, ValidationError


class DeleteAccountForm(FlaskForm):
    posts = RadioField(
        _l("Your posts"),
        choices=[
            ("keep", _l('Keep them, shown as by "deleted member"')),
            ("remove", _l("Remove their text, where the community allows it")),
        ],
        default="keep",
        validators=[DataRequired(message=_l("Choose what happens to your posts."))],
    )
    password = PasswordField(
        _l("Your password"),
        validators=[DataRequired(message=_l("Enter your password.")), Length(max=200)],
    )

    def validate_password(self, field) -> None:
        user = getattr(self, "user", None)
        if user is not None and not user.check_password(field.data or ""):
            raise ValidationError(_l("That is not your password."))
