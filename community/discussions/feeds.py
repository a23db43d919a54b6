"""The Atom feed and the tag list of a community."""

from flask import abort, make_response, render_template, request
from flask_login import current_user

from community.communities.permissions import get_community_or_404
from community.discussions.listing import community_tags, newest_threads
from community.discussions.permissions import get_readable_community_or_404
from community.discussions.views import bp
from community.timezones import utcnow


@bp.get("/c/<slug>/feed.atom")
def community_feed(slug: str):
    """Atom 1.0: the newest threads of a public community."""
    community = get_community_or_404(slug)
    # Feed readers never log in: members-only communities have no feed at all.
    if not community.is_public:
        abort(404)
    entries = newest_threads(community)
    updated = max((thread.last_activity_at for thread, _ in entries), default=None)
    body = render_template(
        "discussions/feed.xml",
        community=community,
        entries=entries,
        updated=updated or community.created_at or utcnow(),
    )
    response = make_response(body)
    response.headers["Content-Type"] = "application/atom+xml; charset=utf-8"
    # Feed readers poll: let them ask "anything new?" and get 304 when not.
    response.last_modified = updated
    response.add_etag()
    return response.make_conditional(request)


@bp.get("/c/<slug>/tags")
def list_tags(slug: str):
    """The community's tags, most used first."""
    community = get_readable_community_or_404(slug, current_user)
    tags = community_tags(community)
    return render_template("discussions/tags.html", community=community, tags=tags)
