"""Where features show their content on other features' pages, in a fixed order.

Four registries: the home page, profile pages, a community's page (/c/<slug>)
and the community list's figures (/c/). A feature registers a provider with a
decorator and an explicit `order` (smaller first), so the page reads the same
whatever order the features happen to be imported in. The pages never import
the features: each plugs in (its `sections.py`, or the module holding the query).

Providers return only what the viewer may read (visible_communities). Community
page providers are asked only when can_see_content() allows (members-only
outsiders get the 403 page instead), and /c/ passes list_stats() only readable
communities. List figures render as "Label: value": return short strings or numbers.

A home or community-page block that is the same for everyone who may read the
same communities is registered `shared=`: True, or facts(viewer, *arguments)
-> str naming what else it depends on (a role, one's own communities). The
page then asks its renderer (community/pagecache/member_blocks.py) for the block's
HTML, which renders it once per scope, facts and content version; the other
blocks are rendered for each request.
"""

from collections.abc import Callable

# (template, provider) lists in display order; ORDERS holds each one's number.
HOME_SECTIONS: list[tuple[str, Callable]] = []  # provider(viewer) -> dict
PROFILE_SECTIONS: list[tuple[str, Callable]] = []  # provider(viewer, person)
PAGE_SECTIONS: list[tuple[str, Callable]] = []  # provider(viewer, community)
# provider(communities) -> {community_id: {"label": value}}: one query for all of /c/.
LIST_STATS: list[Callable] = []
ORDERS: dict[object, int] = {}
# (template, provider) -> facts(viewer, *arguments) -> str, for shared blocks.
SHARED: dict[tuple[str, Callable], Callable[..., str]] = {}


def same_for_every_reader(*_) -> str:
    """A shared block that depends on nothing but the readable communities."""
    return ""


def _place(registry: list, entry, order: int) -> None:
    """Insert `entry` before the first entry with a larger order (entries added
    without one, as tests do, count as last)."""
    ORDERS[entry] = order
    for index, existing in enumerate(registry):
        if ORDERS.get(existing, float("inf")) > order:
            registry.insert(index, entry)
            return
    registry.append(entry)


def _section(registry: list, template: str, order: int, shared=False) -> Callable:
    def register(function: Callable) -> Callable:
        _place(registry, (template, function), order)
        if shared:
            facts = same_for_every_reader if shared is True else shared
            SHARED[(template, function)] = facts
        return function

    return register


def home_section(template: str, order: int, shared=False) -> Callable:
    """Register provider(viewer) -> dict for a home-page partial template."""
    return _section(HOME_SECTIONS, template, order, shared)


def profile_section(template: str, order: int) -> Callable:
    """Register provider(viewer, person) -> dict for a profile partial template."""
    return _section(PROFILE_SECTIONS, template, order)


def community_section(template: str, order: int, shared=False) -> Callable:
    """Register provider(viewer, community) -> dict for a block on /c/<slug>."""
    return _section(PAGE_SECTIONS, template, order, shared)


def community_list_stat(order: int) -> Callable:
    """Register provider(communities) -> {community_id: {label: value}} for /c/."""

    def register(function: Callable) -> Callable:
        _place(LIST_STATS, function, order)
        return function

    return register


def _context(registry: list, key: str, *arguments, render_shared=None) -> dict:
    """The templates in order; a shared block's HTML from render_shared(template,
    provider, facts, *arguments) in "shared_sections" when a renderer is given."""
    context: dict = {key: [], "shared_sections": {}}
    for entry in registry:
        template, provider = entry
        if render_shared is not None and entry in SHARED:
            html = render_shared(template, provider, SHARED[entry], *arguments)
            context["shared_sections"][template] = html
        else:
            context.update(provider(*arguments))
        context[key].append(template)
    return context


def home_context(viewer, render_shared=None) -> dict:
    return _context(HOME_SECTIONS, "home_sections", viewer, render_shared=render_shared)


def profile_context(viewer, person) -> dict:
    return _context(PROFILE_SECTIONS, "profile_sections", viewer, person)


def page_context(viewer, community, render_shared=None) -> dict:
    return _context(
        PAGE_SECTIONS,
        "community_sections",
        viewer,
        community,
        render_shared=render_shared,
    )


def list_stats(communities: list) -> dict[int, dict[str, object]]:
    stats: dict[int, dict[str, object]] = {
        community.id: {} for community in communities
    }
    for provider in LIST_STATS:
        for community_id, values in provider(communities).items():
            stats.setdefault(community_id, {}).update(values)
    return stats
