"""Discussion forms: they check shape, never save."""

import re
import secrets

from flask import request
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_babel.speaklater import LazyString
from wtforms import HiddenField, IntegerField, RadioField, StringField, TextAreaField
from wtforms.validators import (
    DataRequired,
    InputRequired,
    Length,
    Optional,
    ValidationError,
)

from community.content_languages import content_language_field
from community.dates import format_count
from community.discussions.models import FLAG_REASONS, KINDS
from community.discussions.posting import MAX_BODY, MAX_TAGS, tag_names
from community.dpgs.fields import dpgs_field
from community.forms import HubForm, strip_filter
from community.plain_text import clean_line

TAG_RE = re.compile(r"^[a-z0-9][a-z0-9-]{0,29}$")
BODY_HELP = _l(
    "Markdown: **bold**, _italic_, `code`, > quote, - lists. "
    "Mention someone with @username."
)


def body_field(label: str | None = None) -> TextAreaField:
    """Markdown text up to MAX_BODY characters, checked by the renderer."""
    return TextAreaField(
        label or _l("Your reply"),
        validators=[
            DataRequired(message=_l("Write something before sending.")),
            Length(
                max=MAX_BODY,
                message=_l(
                    "This is longer than %(max_body)s characters. Shorten it "
                    "(your text is kept below) or split it into several posts.",
                    max_body=LazyString(format_count, MAX_BODY),
                ),
            ),
            # Rendering is checked where the post is saved (posting.render_body),
            # so a reply takes one Markdown pass; refusals come back to this field.
        ],
        description=BODY_HELP,
        # No maxlength attribute: browsers would silently cut a long paste; the
        # server refuses it with a message instead, and keeps the text.
        render_kw={"maxlength": False},
    )


def new_key() -> str:
    """A fresh idempotency key for each rendered form."""
    return secrets.token_urlsafe(16)


class TagsMixin:
    def validate_tags(self, field) -> None:
        names = tag_names(field.data or "")
        if len(names) > MAX_TAGS:
            raise ValidationError(
                _("Use at most %(max_tags)s tags.", max_tags=MAX_TAGS)
            )
        bad = [name for name in names if not TAG_RE.match(name)]
        if bad:
            raise ValidationError(
                _(
                    "“%(bad)s” is not a tag: use lowercase letters, digits and "
                    "hyphens (up to 30 characters).",
                    bad=bad[0][:40],
                )
            )


def tags_field() -> StringField:
    """Free text, split by tag_names and checked by TagsMixin."""
    return StringField(
        _l("Tags"),
        filters=[strip_filter],
        validators=[Optional(), Length(max=200)],
        description=_l(
            "Up to %(max_tags)s lowercase words, separated by spaces or commas.",
            max_tags=MAX_TAGS,
        ),
    )


def title_field() -> StringField:
    """5 to 150 characters, as the issue asks."""
    return StringField(
        _l("Title"),
        filters=[clean_line],
        validators=[
            DataRequired(message=_l("Give your thread a title.")),
            Length(
                min=5, max=150, message=_l("Use 5 to 150 characters for the title.")
            ),
        ],
    )


class ThreadForm(TagsMixin, HubForm):
    title = title_field()
    kind = RadioField(
        _l("This is a"),
        choices=list(KINDS.items()),
        default="question",
        validators=[InputRequired()],
    )
    body = body_field(_l("What would you like to ask or discuss?"))
    language = content_language_field()
    tags = tags_field()
    dpgs = dpgs_field()
    idempotency_key = HiddenField(default=new_key, validators=[Length(max=64)])


class ReplyForm(HubForm):
    body = body_field()
    language = content_language_field()
    parent_id = HiddenField(validators=[Optional()])
    idempotency_key = HiddenField(default=new_key, validators=[Length(max=64)])


class EditPostForm(HubForm):
    body = body_field(_l("Text"))
    version = IntegerField(widget=HiddenField.widget)

    def validate_version(self, field) -> None:
        # Required to save (the edit applies to this version only); a preview
        # saves nothing.
        if field.data is None and request.form.get("preview") != "1":
            raise ValidationError(
                _l(
                    "This form is missing the version of the post you opened: "
                    "reload the page and edit again."
                )
            )


class EditThreadForm(TagsMixin, HubForm):
    title = title_field()
    tags = tags_field()
    dpgs = dpgs_field()


class FlagForm(HubForm):
    reason = RadioField(
        _l("Why should moderators look at this post?"),
        choices=list(FLAG_REASONS.items()),
        validators=[InputRequired(message=_l("Choose a reason."))],
    )
    text = TextAreaField(
        _l("Anything moderators should know"),
        filters=[strip_filter],
        validators=[Optional(), Length(max=1000)],
    )


class ReasonForm(HubForm):
    """Hide, ban, suspend: the reason is shown to the person concerned."""

    reason = StringField(
        _l("Reason (shown to the author)"),
        filters=[strip_filter],
        validators=[DataRequired(message=_l("Give a reason.")), Length(max=500)],
    )
