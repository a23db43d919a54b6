"""Discussion forms: they check shape, never save."""

import re
import secrets

from flask import request
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import HiddenField, IntegerField, RadioField, StringField, TextAreaField
from wtforms.validators import (
    DataRequired,
    InputRequired,
    Length,
    Optional,
    ValidationError,
)

from community.discussions.models import FLAG_REASONS, KINDS
from community.discussions.posting import MAX_BODY, MAX_TAGS, tag_names
from community.dpgs.fields import dpgs_field
from community.forms import strip_filter
from community.plain_text import clean_line

TAG_RE = re.compile(r"^[a-z0-9][a-z0-9-]{0,29}$")
BODY_HELP = (
    "Markdown: **bold**, _italic_, `code`, > quote, - lists. "
    "Mention someone with @username."
)


def body_field(label: str = "Your reply") -> TextAreaField:
    """Markdown text up to MAX_BODY characters, checked by the renderer."""
    return TextAreaField(
        label,
        validators=[
            DataRequired(message="Write something before sending."),
            Length(
                max=MAX_BODY,
                message=f"This is longer than {MAX_BODY:,} characters. "
                "Shorten it (your text is kept below) or split it into several posts.",
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
            raise ValidationError(f"Use at most {MAX_TAGS} tags.")
        bad = [name for name in names if not TAG_RE.match(name)]
        if bad:
            raise ValidationError(
                f"“{bad[0][:40]}” is not a tag: use lowercase letters, digits and "
                "hyphens (up to 30 characters)."
            )


def tags_field() -> StringField:
    """Free text, split by tag_names and checked by TagsMixin."""
    return StringField(
        "Tags",
        filters=[strip_filter],
        validators=[Optional(), Length(max=200)],
        description=f"Up to {MAX_TAGS} lowercase words, separated by spaces or commas.",
    )


def title_field() -> StringField:
    """5 to 150 characters, as the issue asks."""
    return StringField(
        "Title",
        filters=[clean_line],
        validators=[
            DataRequired(message="Give your thread a title."),
            Length(min=5, max=150, message="Use 5 to 150 characters for the title."),
        ],
    )


class ThreadForm(TagsMixin, FlaskForm):
    title = title_field()
    kind = RadioField(
        "This is a",
        choices=list(KINDS.items()),
        default="question",
        validators=[InputRequired()],
    )
    body = body_field("What would you like to ask or discuss?")
    tags = tags_field()
    dpgs = dpgs_field()
    idempotency_key = HiddenField(default=new_key, validators=[Length(max=64)])


class ReplyForm(FlaskForm):
    body = body_field()
    parent_id = HiddenField(validators=[Optional()])
    idempotency_key = HiddenField(default=new_key, validators=[Length(max=64)])


class EditPostForm(FlaskForm):
    body = body_field("Text")
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


class EditThreadForm(TagsMixin, FlaskForm):
    title = title_field()
    tags = tags_field()
    dpgs = dpgs_field()


class FlagForm(FlaskForm):
    reason = RadioField(
        "Why should moderators look at this post?",
        choices=list(FLAG_REASONS.items()),
        validators=[InputRequired(message="Choose a reason.")],
    )
    text = TextAreaField(
        "Anything moderators should know",
        filters=[strip_filter],
        validators=[Optional(), Length(max=1000)],
    )


class ReasonForm(FlaskForm):
    """Hide, ban, suspend: the reason is shown to the person concerned."""

    reason = StringField(
        "Reason (shown to the author)",
        filters=[strip_filter],
        validators=[DataRequired(message="Give a reason."), Length(max=500)],
    )
