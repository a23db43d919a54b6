"""The library's Atom feed (RFC 4287): newly published lessons the viewer may read."""

from flask import current_app, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from community.dpgs.linking import linked_ids
from community.dpgs.permissions import get_dpg_named_or_404
from community.feeds import AtomEntry, atom_feed, atom_response
from community.learnings.facets import newest_lessons
from community.learnings.models import Lesson
from community.learnings.views import bp


@bp.get("/feed.atom")
def feed():
    dpg = get_dpg_named_or_404(request.args["dpg"]) if request.args.get("dpg") else None
    versions = linked_ids("lesson_version", dpg.id) if dpg else None
    lessons = newest_lessons(current_user, versions=versions)
    updated = max((lesson.published_at for lesson in lessons), default=None)
    viewer = current_user.get_id() if current_user.is_authenticated else "anyone"
    version = "|".join(
        [f"lessons-{viewer}-{dpg.id if dpg else 'all'}"]
        + [_entry_version(lesson) for lesson in lessons]
    )
    # Signed-in readers may see members-only lessons: keep theirs private.
    public = not current_user.is_authenticated
    return atom_response(version, lambda: lessons_atom(lessons, dpg), public, updated)


def _entry_version(lesson: Lesson) -> str:
    """What an entry shows that can change without a new publication: the
    authors' names, which community/privacy anonymises when a person leaves."""
    return f"{lesson.id}:{lesson.published_at}:{lesson.published_version.authors}"


def lessons_atom(lessons: list[Lesson], dpg=None) -> bytes:
    site_name = current_app.config["SITE_NAME"]
    entries = []
    for lesson in lessons:
        version = lesson.published_version
        url = url_for(".show_lesson", slug=lesson.slug, _external=True)
        entries.append(
            AtomEntry(
                id=url,
                title=version.title,
                url=url,
                updated=lesson.published_at,
                published=lesson.first_published_at,
                author=version.authors,
                summary=version.summary,
                categories=[dpg.name for dpg in version.dpgs],
            )
        )
    args = {"dpg": dpg.slug} if dpg else {}
    title = _("%(site_name)s: pilot lessons", site_name=site_name)
    if dpg:
        title = _(
            "%(site_name)s: pilot lessons about %(dpg)s",
            site_name=site_name,
            dpg=dpg.name,
        )
    return atom_feed(
        feed_id=url_for(".feed", _external=True, **args),
        title=title,
        self_url=url_for(".feed", _external=True, **args),
        page_url=url_for(".list_lessons", _external=True),
        author=site_name,
        entries=entries,
    )
