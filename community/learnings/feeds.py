"""The library's Atom feed (RFC 4287): newly published lessons the viewer may read."""

from flask import current_app, url_for
from flask_babel import gettext as _
from flask_login import current_user

from community.feeds import AtomEntry, atom_feed, atom_response
from community.learnings.facets import newest_lessons
from community.learnings.models import Lesson
from community.learnings.views import bp


@bp.get("/feed.atom")
def feed():
    lessons = newest_lessons(current_user)
    updated = max((lesson.published_at for lesson in lessons), default=None)
    viewer = current_user.get_id() if current_user.is_authenticated else "anyone"
    version = "|".join(
        [f"lessons-{viewer}"]
        + [f"{lesson.id}:{lesson.published_at}" for lesson in lessons]
    )
    # Signed-in readers may see members-only lessons: keep theirs private.
    public = not current_user.is_authenticated
    return atom_response(version, lambda: lessons_atom(lessons), public, updated)


def lessons_atom(lessons: list[Lesson]) -> bytes:
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
                categories=[tag.name for tag in version.dpg_tags],
            )
        )
    return atom_feed(
        feed_id=url_for(".feed", _external=True),
        title=_("%(site_name)s: pilot lessons", site_name=site_name),
        self_url=url_for(".feed", _external=True),
        page_url=url_for(".list_lessons", _external=True),
        author=site_name,
        entries=entries,
    )
