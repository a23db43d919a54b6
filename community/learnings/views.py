"""The library's reading side: listing, lesson pages, history, feed, exports.

Writing and review routes live in workflow_views.py on the same blueprint.
"""

from flask import (
    Blueprint,
    Response,
    abort,
    redirect,
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
from community.learnings import citing, diffing, export
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
    discuss_url,
    lessons_in_review,
    lessons_written_by,
    review_comments,
    visible_versions,
)
from community.learnings.related import related_lessons
from community.learnings.venues import shown_venues
from community.organisations.related import person_affiliations
from community.pagecache import versions
from community.pagecache.member_blocks import shared_block
from community.pagecache.pages import request_parts, visitor_cached
from community.pagecache.shared import shared_value
from community.pagination import paginate

bp = Blueprint("learnings", __name__, url_prefix="/learnings")


@bp.get("/")
@visitor_cached
def list_lessons():
    query = LessonQuery.from_args(request.args)
    library = shared_block(
        "learnings/_library.html",
        current_user,
        versions.current,
        request_parts(),  # the filters, sort and page are all in the address
        lambda: library_context(query),
    )
    return render_template(
        "learnings/list.html", query=query, sorts=SORTS, library=library
    )


def library_context(query: LessonQuery) -> dict:
    """The facet counts and one page of lessons the viewer may read."""
    return {
        "page": paginate(search(current_user, query), per_page=20, one_query=True),
        "query": query,
        "facets": shared_value(
            "lesson-facets",
            current_user,
            repr(sorted(query.to_args().items())),
            lambda: facet_counts(current_user, query),
        ),
        "facet_names": FACETS,
    }


def _export_records() -> list[dict]:
    lessons = export.exported_lessons(current_user, LessonQuery.from_args(request.args))
    return [
        export.lesson_record(
            lesson,
            url_for(".show_lesson", slug=lesson.slug, _external=True),
            citing.version_url(lesson, lesson.published_version),
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
        "affiliations": [] if draft else person_affiliations(lesson.author_id),
        "citation": None if draft else citing.plain_citation(lesson, version),
        "bibtex": None if draft else citing.bibtex(lesson, version),
        "csl_json": None if draft else citing.csl_json(lesson, version),
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
    number = request.args.get("version", "")
    if number:  # the older address of a version: now /v/<n>
        version = _published_version(lesson, _number(number))
        return redirect(_version_address(lesson, version), 301)
    return lesson_page(lesson, lesson.published_version, draft=False)


@bp.get("/<slug>/v/<int:number>")
def show_version(slug: str, number: int):
    """A published version's permanent address, for citations."""
    lesson = get_lesson_or_404(slug, current_user)
    return lesson_page(lesson, _published_version(lesson, number), draft=False)


CITATION_FORMATS = {
    "bib": ("application/x-bibtex", citing.bibtex),
    "json": ("application/vnd.citationstyles.csl+json", citing.csl_json),
    "txt": ("text/plain", citing.plain_citation),
}


@bp.get("/<slug>/v/<int:number>/cite.<kind>")
def download_citation(slug: str, number: int, kind: str):
    lesson = get_lesson_or_404(slug, current_user)
    version = _published_version(lesson, number)
    if kind not in CITATION_FORMATS:
        abort(404)
    mimetype, build = CITATION_FORMATS[kind]
    filename = f"{lesson.slug}-v{version.number}.{kind}"
    headers = {"Content-Disposition": f'attachment; filename="{filename}"'}
    return Response(build(lesson, version), mimetype=mimetype, headers=headers)


def _version_address(lesson: Lesson, version: LessonVersion) -> str:
    return url_for(".show_version", slug=lesson.slug, number=version.number)


def _published_version(lesson: Lesson, number: int) -> LessonVersion:
    version = db.session.scalar(
        select(LessonVersion).where(
            LessonVersion.lesson_id == lesson.id,
            LessonVersion.number == number,
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
    versions = visible_versions(current_user, lesson)
    numbers = [_optional_number(request.args.get(name)) for name in ("from", "to")]
    pair = diffing.chosen_pair(versions, *numbers)
    if pair is None:
        abort(404)
    old, new = pair
    changes = diffing.version_diff(old, new) if old is not None else []
    return render_template(
        "learnings/diff.html", lesson=lesson, old=old, new=new, changes=changes
    )


def _optional_number(raw: str | None) -> int | None:
    return None if raw in (None, "") else _number(raw)


def _number(raw: str | None) -> int:
    return int(raw) if raw and raw.isdigit() and len(raw) < 6 else -1
