"""Hooks through which other features show their content on community pages.

discussions, events and learnings register here; this package never imports
them, so communities works on its own and each feature plugs in.

Providers are only asked about communities the viewer may read: /c/ passes
list_stats() just those, and /c/<slug> calls page sections only when
can_see_content() allows (members-only outsiders get the 403 page instead).
Values are rendered as "Label: value", so return short display strings or numbers.
"""

from collections.abc import Callable

# (template, provider(viewer, community) -> dict): blocks on /c/<slug>.
PAGE_SECTIONS: list[tuple[str, Callable]] = []
# provider(communities) -> {community_id: {"label": value}}: one query per provider
# for the whole list on /c/ (for example "active threads" or "next event").
LIST_STATS: list[Callable] = []


def community_section(template: str) -> Callable:
    """Register provider(viewer, community) -> dict for a block on /c/<slug>."""

    def register(function: Callable) -> Callable:
        PAGE_SECTIONS.append((template, function))
        return function

    return register


def community_list_stat(function: Callable) -> Callable:
    """Register provider(communities) -> {community_id: {label: value}} for /c/."""
    LIST_STATS.append(function)
    return function


def page_context(viewer, community) -> dict:
    context: dict = {"community_sections": []}
    for template, provider in PAGE_SECTIONS:
        context.update(provider(viewer, community))
        context["community_sections"].append(template)
    return context


def list_stats(communities: list) -> dict[int, dict[str, object]]:
    stats: dict[int, dict[str, object]] = {
        community.id: {} for community in communities
    }
    for provider in LIST_STATS:
        for community_id, values in provider(communities).items():
            stats.setdefault(community_id, {}).update(values)
    return stats
