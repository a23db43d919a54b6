"""Blocks of members' pages rendered once and shared: the home page's newest
threads, upcoming events, newest lessons and communities, and a community
page's events, lessons, roadmap activities and leaders.

Signed-in pages are never cached whole (pages.py); the blocks registered
`shared=` in community.sections are the same for everyone who may read the
same communities, so their HTML is stored under a key holding:

- the content version: the site-wide lists' for the home page, the
  community's for its page, so every write that changes a block renews it;
- the reading scope (shared.py: public communities plus one's own, or all for
  site admins), so a non-member never gets a members-only thread or event;
- the block's own facts (a role that adds links, one's own communities);
- the language, the time zone and whether someone is signed in, which change
  the words and times.

A shared block holds no form: a CSRF token is personal (tests check).

The rest of the page (your events, drafts, unread replies, reading marks) is
rendered for each request. "3 hours ago" may be PAGE_CACHE_SECONDS stale, as
on visitors' pages. With PAGE_CACHE_ENABLED off every block is rendered.
"""

from collections.abc import Callable

from flask import render_template
from flask_babel import get_locale
from markupsafe import Markup

from community.pagecache import fragments, versions
from community.pagecache.expiry import built_with_expiry
from community.timezones import viewer_zone_name


def rendered(template: str, context: dict) -> Markup:
    return Markup(render_template(template, **context))  # noqa: S704 - autoescaped


def shared_block(
    template: str,
    viewer,
    version: Callable[[], str],
    facts: str,
    context: Callable[[], dict],
) -> Markup:
    """The template rendered with context(), or the copy rendered for the same
    scope, facts, language, zone and version() (fragments.py keeps it)."""
    signed_in = "in" if viewer.is_authenticated else "out"
    parts = f"{template}|{facts}|{get_locale()}|{viewer_zone_name()}|{signed_in}"
    return fragments.shared_fragment(
        template,
        viewer,
        parts,
        lambda: built_with_expiry(lambda: rendered(template, context())),
        version,
    )


def home_fragment(template: str, provider: Callable, facts: Callable, viewer):
    """A home block (community.sections' render_shared for home_context)."""
    return shared_block(
        template, viewer, versions.current, facts(viewer), lambda: provider(viewer)
    )


def community_fragment(
    template: str, provider: Callable, facts: Callable, viewer, community
):
    """A block of a community's page (render_shared for page_context)."""
    return shared_block(
        template,
        viewer,
        lambda: versions.current_for(community.id),
        facts(viewer, community),
        lambda: {"community": community, **provider(viewer, community)},
    )
