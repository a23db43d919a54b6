"""The pilot-learnings library: published lessons, your drafts, writing, submitting."""

from flask import request
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from flask_smorest import Blueprint
from marshmallow import Schema, fields, validate
from sqlalchemy import select

from community.api.access import (
    allow,
    form_from_json,
    refuse,
    require_read_token,
    require_write,
)
from community.api.auth import api_limited
from community.api.pagination import PageArgs, keyset_page, page_schema
from community.extensions import db, limiter
from community.forms import posting_limit
from community.learnings import authoring, review
from community.learnings.facets import LessonQuery, search
from community.learnings.forms import LessonForm
from community.learnings.models import SECTIONS, SECTORS, STAGES, STATUSES, Lesson
from community.learnings.permissions import (
    can_draft_lesson,
    can_edit_lesson,
    can_see_working_version,
    get_lesson_or_404,
    is_lesson_author,
)

blp = Blueprint("api_learnings", __name__, description=_l("Lessons from pilots."))
api_limited(blp)


class VersionSchema(Schema):
    number = fields.Integer(required=True)
    title = fields.String(required=True)
    summary = fields.String(required=True)
    pilot_name = fields.String(required=True)
    sector = fields.String(required=True)
    stage = fields.String(required=True)
    year = fields.Integer(required=True)
    authors = fields.String(required=True)
    organisation = fields.String(required=True)
    evidence_links = fields.Function(lambda v: v.evidence_links.split(), required=True)
    change_note = fields.String(required=True)
    countries = fields.Function(lambda v: [c.code for c in v.countries], required=True)
    dpg_tags = fields.Function(lambda v: [t.name for t in v.dpg_tags], required=True)
    sections_html = fields.Function(
        lambda v: {prefix: str(v.section_html(prefix)) for prefix, _ in SECTIONS},
        required=True,
    )
    published_at = fields.DateTime(allow_none=True, required=True)


class LessonSchema(Schema):
    """`published` is what everybody reads; `draft` only its author and editors."""

    id = fields.Integer(required=True)
    slug = fields.String(required=True)
    status = fields.String(required=True, metadata={"enum": list(STATUSES)})
    community = fields.Function(
        lambda lesson: lesson.community.slug if lesson.community else None,
        allow_none=True,
    )
    published_at = fields.DateTime(allow_none=True, required=True)
    published = fields.Nested(
        VersionSchema, attribute="published_version", allow_none=True, required=True
    )
    draft = fields.Method("working_version", allow_none=True, required=True)
    url = fields.Function(lambda lesson: f"/learnings/{lesson.slug}")

    def working_version(self, lesson: Lesson):
        if not can_see_working_version(current_user, lesson):
            return None
        return VersionSchema().dump(lesson.working_version)


class LessonListArgs(PageArgs):
    q = fields.String(validate=validate.Length(max=200))
    region = fields.List(fields.String())
    country = fields.List(fields.String())
    sector = fields.List(fields.String(validate=validate.OneOf(list(SECTORS))))
    dpg = fields.List(fields.String())
    stage = fields.List(fields.String(validate=validate.OneOf(list(STAGES))))
    year = fields.List(fields.Integer())


class LessonInputSchema(Schema):
    """The lesson form's fields; its rules (required, lengths, known values) apply."""

    title = fields.String(required=True)
    summary = fields.String(required=True)
    pilot_name = fields.String(required=True)
    countries = fields.List(fields.String(), required=True)
    sector = fields.String(required=True, validate=validate.OneOf(list(SECTORS)))
    stage = fields.String(required=True, validate=validate.OneOf(list(STAGES)))
    year = fields.Integer(required=True, strict=True)
    authors = fields.String(required=True)
    organisation = fields.String(required=True)
    dpg_tags = fields.List(fields.String(), load_default=list)
    evidence_links = fields.List(fields.String(), load_default=list)
    community_id = fields.Integer(allow_none=True, load_default=None, strict=True)
    context = fields.String(load_default="")
    done = fields.String(load_default="")
    learned = fields.String(required=True)
    recommendations = fields.String(load_default="")
    change_note = fields.String(load_default="")


def lesson_form(data: dict) -> LessonForm:
    values = {
        **data,
        "dpg_tags": ", ".join(data["dpg_tags"]),
        "evidence_links": "\n".join(data["evidence_links"]),
        "community_id": data["community_id"] or "",
    }
    return form_from_json(LessonForm, values, current_user)


@blp.get("/lessons")
@blp.arguments(LessonListArgs, location="query")
@blp.response(200, page_schema(LessonSchema, "LessonPage"))
def list_lessons(args):
    """Published lessons you may read, newest first, with the library's filters."""
    query = search(current_user, LessonQuery.from_args(request.args))
    return keyset_page(query, Lesson.id, args)


@blp.get("/me/lessons")
@blp.arguments(PageArgs, location="query")
@blp.response(200, page_schema(LessonSchema, "MyLessonPage"))
def list_my_lessons(args):
    """Your lessons in every state, drafts included."""
    require_read_token()
    query = select(Lesson).where(Lesson.author_id == current_user.id)
    return keyset_page(query, Lesson.id, args)


@blp.get("/lessons/<slug>")
@blp.etag
@blp.response(200, LessonSchema)
def show_lesson(slug: str):
    """One lesson (a draft only for its author and editors)."""
    return get_lesson_or_404(slug, current_user)


@blp.post("/lessons")
@limiter.limit(posting_limit, methods=["POST"])
@blp.arguments(LessonInputSchema)
@blp.response(201, LessonSchema)
def draft_lesson(data):
    """Start a draft; submit it when it is ready."""
    require_write()
    allow(can_draft_lesson(current_user))
    lesson = authoring.create_lesson(current_user, lesson_form(data).to_fields())
    db.session.commit()
    return lesson


@blp.patch("/lessons/<slug>")
@blp.etag
@blp.arguments(LessonInputSchema)
@blp.response(200, LessonSchema)
def edit_lesson(data, slug: str):
    """Replace the draft's content (send the lesson's ETag in If-Match)."""
    require_write()
    lesson = get_lesson_or_404(slug, current_user)
    allow(can_edit_lesson(current_user, lesson))
    blp.check_etag(lesson, LessonSchema)
    try:
        authoring.update_draft(current_user, lesson, lesson_form(data).to_fields())
    except authoring.AuthoringError as error:
        db.session.rollback()
        refuse(error)
    db.session.commit()
    return lesson


@blp.post("/lessons/<slug>/submit")
@blp.response(200, LessonSchema)
def submit_lesson(slug: str):
    """Hand the draft to the editors."""
    require_write()
    lesson = get_lesson_or_404(slug, current_user)
    allow(is_lesson_author(current_user, lesson))
    try:
        review.submit(current_user, lesson)
    except review.ReviewError as error:
        refuse(error)
    db.session.commit()
    return lesson
