"""The library's reading side: listing, lesson pages, history, feed, exports.

Writing and review routes live in workflow_views.py on the same blueprint.
"""

from flask import (
    Blueprint,
    Response,
    abort,
    render_template,
    request,
    url_for,
)
from flask_babel import gettext as _
from flask_login import current_user, login_required
from sqlalchemy import select

from community.extensions import db
from community.forms import (
    ButtonForm,
    require,
)
from community.learnings import diffing, export
from community.learnings.facets import (
    FACETS,
    SORTS,
    LessonQuery,
    facet_counts,
    search,
)
from community.learnings.forms import DecisionForm, SendBackForm
from community.learnings.models import Lesson, LessonVersion
from community.learnings.permissions import (
    can_see_working_version,
    get_lesson_or_404,
    is_editor,
)
from community.learnings.presenting import (
    citation,
    discuss_url,
    lessons_in_review,
    lessons_written_by,
    review_comments,
    visible_versions,
)
from community.learnings.related import related_lessons
from community.learnings.venues import shown_venues
from community.pagecache.pages import visitor_cached
from community.pagecache.shared import shared_value
from community.pagination import paginate

bp = Blueprint("learnings", __name__, url_prefix="/learnings")


@bp.get("/")
@visitor_cached
def list_lessons():
    query = LessonQuery.from_args(request.args)
    page = paginate(search(current_user, query), per_page=20, one_query=True)
    return render_template(
        "learnings/list.html",
        page=page,
        query=query,
        facets=shared_value(
            "lesson-facets",
            current_user,
            repr(sorted(query.to_args().items())),
            lambda: facet_counts(current_user, query),
        ),
        facet_names=FACETS,
        sorts=SORTS,
    )


def _export_records() -> list[dict]:
    lessons = export.exported_lessons(current_user, LessonQuery.from_args(request.args))
    return [
        export.lesson_record(
            lesson, url_for(".show_lesson", slug=lesson.slug, _external=True)
        )
        for lesson in lessons
    ]


@bp.get("/export.json")
def export_json():
    body = export.to_json(_export_records())
    return Response(body, mimetype="application/json")


@bp.get("/export.csv")
def export_csv():
    headers = {"Content-Disposition": 'attachment; filename="lessons.csv"'}
    body = export.to_csv(_export_records())
    return Response(body, mimetype="text/csv", headers=headers)


@bp.get("/mine")
@login_required
def my_drafts():
    lessons = lessons_written_by(current_user)
    return render_template("learnings/mine.html", lessons=lessons)


@bp.get("/review")
@login_required
def review_queue():
    require(is_editor(current_user), _("Only editors review lessons."))
    lessons = lessons_in_review(current_user)
    return render_template("learnings/review.html", lessons=lessons)


def lesson_page(
    lesson: Lesson, version: LessonVersion, draft: bool, status=200, **forms
):
    """The lesson page for one version, with whatever actions the viewer has."""
    context = {
        "lesson": lesson,
        "version": version,
        "draft": draft,
        "comments": review_comments(current_user, lesson),
        "related": related_lessons(current_user, lesson) if not draft else [],
        "citation": citation(lesson, version),
        "discuss_url": discuss_url(current_user, lesson, version),
        "button_form": ButtonForm(),
        "decision_form": forms.get("decision_form") or DecisionForm(),
        "send_back_form": forms.get("send_back_form") or SendBackForm(),
        "error": forms.get("error"),
        **shown_venues(current_user, lesson),
    }
    return render_template("learnings/show.html", **context), status


@bp.get("/<slug>")
def show_lesson(slug: str):
    lesson = get_lesson_or_404(slug, current_user)
    if not lesson.is_public:
        return lesson_page(lesson, lesson.working_version, draft=True)
    version = lesson.published_version
    number = request.args.get("version", "")
    if number:
        version = _published_version(lesson, number)
    return lesson_page(lesson, version, draft=False)


def _published_version(lesson: Lesson, number: str) -> LessonVersion:
    version = db.session.scalar(
        select(LessonVersion).where(
            LessonVersion.lesson_id == lesson.id,
            LessonVersion.number == (int(number) if number.isdigit() else -1),
            LessonVersion.published_at.is_not(None),
        )
    )
    if version is None:
        abort(404)
    return version


@bp.get("/<slug>/draft")
def show_draft(slug: str):
    lesson = get_lesson_or_404(slug, current_user)
    if not can_see_working_version(current_user, lesson):
        abort(404)
    return lesson_page(lesson, lesson.working_version, draft=True)


@bp.get("/<slug>/history")
def show_history(slug: str):
    lesson = get_lesson_or_404(slug, current_user)
    versions = visible_versions(current_user, lesson)
    return render_template("learnings/history.html", lesson=lesson, versions=versions)


@bp.get("/<slug>/diff")
def show_diff(slug: str):
    lesson = get_lesson_or_404(slug, current_user)
    versions = {
        version.number: version for version in visible_versions(current_user, lesson)
    }
    old = versions.get(_number(request.args.get("from")))
    new = versions.get(_number(request.args.get("to")))
    if old is None or new is None:
        abort(404)
    changes = diffing.version_diff(old, new)
    return render_template(
        "learnings/diff.html", lesson=lesson, old=old, new=new, changes=changes
    )


def _number(raw: str | None) -> int:
    return int(raw) if raw and raw.isdigit() and len(raw) < 6 else -1
