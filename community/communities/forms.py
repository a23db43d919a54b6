"""Community forms: they check shape (and slug availability), and never save."""

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from sqlalchemy import select
from wtforms import (
    BooleanField,
    Form,
    RadioField,
    SelectField,
    StringField,
    TextAreaField,
)
from wtforms.validators import DataRequired, Length, Optional, ValidationError

from community.auth.models import KINDS, User
from community.communities.admin import CommunityValues, slug_problem
from community.communities.models import JOIN_POLICIES, ROLES, VISIBILITIES
from community.countries import countries, country_name
from community.extensions import db
from community.forms import renderable_markdown, slug_shape, strip_filter
from community.plain_text import clean_line


class JoinForm(FlaskForm):
    message = TextAreaField(
        _l("Message to the moderators (optional)"),
        filters=[strip_filter],
        validators=[Optional(), Length(max=1000)],
        description=_l("Who you are and why you want to join: it helps them decide."),
    )


class RoleForm(FlaskForm):
    role = SelectField(_l("Role"), choices=list(ROLES.items()))


class DirectoryFilterForm(Form):
    """The member directory's filters, read from the query string."""

    kind = SelectField(
        _l("Works for"),
        choices=[("", _l("Anyone")), *KINDS.items()],
        validators=[Optional()],
    )
    country = SelectField(_l("Country"), choices=[], validators=[Optional()])

    def offer_countries(self, codes: list[str]) -> None:
        """Offer the members' countries (and a known one asked for in the URL)."""
        wanted = self.country.data or ""
        if wanted in countries() and wanted not in codes:
            codes = [*codes, wanted]
        named = sorted(
            ((code, country_name(code)) for code in codes), key=lambda pair: pair[1]
        )
        self.country.choices = [("", _("Any country")), *named]


def find_user(username: str) -> User | None:
    return db.session.scalar(
        select(User).where(User.username_key == username.lower()[:30])
    )


class CommunityForm(FlaskForm):
    """Edit a community; NewCommunityForm adds the slug and a first moderator."""

    name = StringField(
        _l("Name"), filters=[clean_line], validators=[DataRequired(), Length(max=100)]
    )
    purpose = StringField(
        _l("Purpose"),
        filters=[strip_filter],
        validators=[DataRequired(), Length(max=200)],
        description=_l("One line, shown in the list of communities."),
    )
    description = TextAreaField(
        _l("Description"),
        validators=[Optional(), Length(max=20000), renderable_markdown],
        description=_l("Markdown. Who it is for, what happens here, house rules."),
    )
    visibility = RadioField(
        _l("Who can read"), choices=list(VISIBILITIES.items()), default="public"
    )
    join_policy = RadioField(
        _l("Joining"), choices=list(JOIN_POLICIES.items()), default="open"
    )
    allows_post_removal = BooleanField(
        _l("Members who delete their account may remove their posts' text"),
        default=True,
        description=_l(
            "Untick to keep every post whole (shown as by “deleted member”), "
            "for communities whose discussions are a record."
        ),
    )

    def values(self) -> CommunityValues:
        return CommunityValues(
            name=self.name.data,
            purpose=self.purpose.data,
            description=self.description.data or "",
            visibility=self.visibility.data,
            join_policy=self.join_policy.data,
            allows_post_removal=bool(self.allows_post_removal.data),
        )


class NewCommunityForm(CommunityForm):
    slug = StringField(
        _l("Address (slug)"),
        filters=[strip_filter],
        validators=[DataRequired(), Length(max=60), slug_shape],
        description=_l(
            "Lowercase letters, digits and hyphens; it is the /c/ "
            "address and cannot change later."
        ),
    )
    first_moderator = StringField(
        _l("First moderator (username, optional)"),
        filters=[strip_filter],
        validators=[Optional(), Length(max=30)],
        description=_l(
            "They join as moderator and can approve members and assign roles."
        ),
    )

    def validate_slug(self, field) -> None:
        if field.errors:  # badly shaped: that message is enough
            return
        problem = slug_problem(field.data or "")
        if problem:
            raise ValidationError(problem)

    def validate_first_moderator(self, field) -> None:
        person = find_user(field.data or "")
        if person is None:
            raise ValidationError(
                _("Nobody has the username “%(data)s”.", data=field.data[:30])
            )
        if person.is_suspended:
            raise ValidationError(
                _(
                    "%(display_name)s's account is suspended.",
                    display_name=person.display_name,
                )
            )
        self.moderator_user = person
