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
"""

from collections.abc import Callable

# (template, provider) lists in display order; ORDERS holds each one's number.
HOME_SECTIONS: list[tuple[str, Callable]] = []  # provider(viewer) -> dict
PROFILE_SECTIONS: list[tuple[str, Callable]] = []  # provider(viewer, person)
PAGE_SECTIONS: list[tuple[str, Callable]] = []  # provider(viewer, community)
# provider(communities) -> {community_id: {"label": value}}: one query for all of /c/.
LIST_STATS: list[Callable] = []
ORDERS: dict[object, int] = {}


def _place(registry: list, entry, order: int) -> None:
    """Insert `entry` before the first entry with a larger order (entries added
    without one, as tests do, count as last)."""
    ORDERS[entry] = order
    for index, existing in enumerate(registry):
        if ORDERS.get(existing, float("inf")) > order:
            registry.insert(index, entry)
            return
    registry.append(entry)


def _section(registry: list, template: str, order: int) -> Callable:
    def register(function: Callable) -> Callable:
        _place(registry, (template, function), order)
        return function

    return register


def home_section(template: str, order: int) -> Callable:
    """Register provider(viewer) -> dict for a home-page partial template."""
    return _section(HOME_SECTIONS, template, order)


def profile_section(template: str, order: int) -> Callable:
    """Register provider(viewer, person) -> dict for a profile partial template."""
    return _section(PROFILE_SECTIONS, template, order)


def community_section(template: str, order: int) -> Callable:
    """Register provider(viewer, community) -> dict for a block on /c/<slug>."""
    return _section(PAGE_SECTIONS, template, order)


def community_list_stat(order: int) -> Callable:
    """Register provider(communities) -> {community_id: {label: value}} for /c/."""

    def register(function: Callable) -> Callable:
        _place(LIST_STATS, function, order)
        return function

    return register


def _context(registry: list, key: str, *arguments) -> dict:
    context: dict = {key: []}
    for template, provider in registry:
        context.update(provider(*arguments))
        context[key].append(template)
    return context


def home_context(viewer) -> dict:
    return _context(HOME_SECTIONS, "home_sections", viewer)


def profile_context(viewer, person) -> dict:
    return _context(PROFILE_SECTIONS, "profile_sections", viewer, person)


def page_context(viewer, community) -> dict:
    return _context(PAGE_SECTIONS, "community_sections", viewer, community)


def list_stats(communities: list) -> dict[int, dict[str, object]]:
    stats: dict[int, dict[str, object]] = {
        community.id: {} for community in communities
    }
    for provider in LIST_STATS:
        for community_id, values in provider(communities).items():
            stats.setdefault(community_id, {}).update(values)
    return stats
