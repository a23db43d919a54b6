"""The Atom feed and the tag list of a community."""

from flask import abort, current_app, render_template, request, url_for
from flask_login import current_user

from community.communities.permissions import get_community_or_404
from community.discussions.listing import newest_threads
from community.discussions.permissions import get_readable_community_or_404
from community.discussions.tags import tag_counts
from community.discussions.views import bp
from community.dpgs.linking import linked_ids
from community.dpgs.permissions import get_dpg_named_or_404
from community.feeds import AtomEntry, atom_feed, atom_response


@bp.get("/c/<slug>/feed.atom")
def community_feed(slug: str):
    """Atom 1.0: the newest threads of a public community."""
    community = get_community_or_404(slug)
    # Feed readers never log in: members-only communities have no feed at all.
    if not community.is_public:
        abort(404)
    dpg = get_dpg_named_or_404(request.args["dpg"]) if request.args.get("dpg") else None
    about = linked_ids("thread", dpg.id) if dpg else None
    entries = newest_threads(community, thread_ids=about)
    updated = max((thread.last_activity_at for thread, _ in entries), default=None)
    updated = updated or community.created_at
    version = "|".join(
        [f"community-{community.id}-{dpg.id if dpg else 'all'}", community.name]
        + [str(updated)]
        + [
            f"{thread.id}:{thread.last_activity_at}:{thread.author_name}"
            for thread, _ in entries
        ]
    )
    return atom_response(
        version, lambda: community_atom(community, entries), True, updated
    )


def community_atom(community, entries) -> bytes:
    site_name = current_app.config["SITE_NAME"]
    page_url = url_for(
        "communities.show_community", slug=community.slug, _external=True
    )
    return atom_feed(
        feed_id=page_url,
        title=f"{community.name} · {site_name}",
        subtitle=community.purpose,
        self_url=url_for(
            "discussions.community_feed", slug=community.slug, _external=True
        ),
        page_url=page_url,
        author=site_name,
        entries=[
            AtomEntry(
                id=url_for(
                    "discussions.show_thread", thread_id=thread.id, _external=True
                ),
                title=thread.title,
                url=url_for(
                    "discussions.show_thread",
                    thread_id=thread.id,
                    slug=thread.slug,
                    _external=True,
                ),
                updated=thread.last_activity_at,
                published=thread.created_at,
                author=thread.author_name,
                categories=[tag.name for tag in thread.tags],
                content_html="[removed]" if opening.is_gone else opening.body_html,
            )
            for thread, opening in entries
        ],
    )


@bp.get("/c/<slug>/tags")
def list_tags(slug: str):
    """The community's tags on threads readers see, most used first."""
    community = get_readable_community_or_404(slug, current_user)
    tags = tag_counts(community)
    return render_template("discussions/tags.html", community=community, tags=tags)
