"""What the home page and profiles show: each feature adds a section.

A section is a template plus a provider function returning its context, so the
home page grows with features without this module importing their views.
Providers must only return what the viewer may read (use visible_communities).
"""

from collections.abc import Callable

HOME_SECTIONS: list[tuple[str, Callable]] = []
PROFILE_SECTIONS: list[tuple[str, Callable]] = []


def home_section(template: str) -> Callable:
    """Register provider(viewer) -> dict for a home-page partial template."""

    def register(function: Callable) -> Callable:
        HOME_SECTIONS.append((template, function))
        return function

    return register


def profile_section(template: str) -> Callable:
    """Register provider(viewer, person) -> dict for a profile partial template."""

    def register(function: Callable) -> Callable:
        PROFILE_SECTIONS.append((template, function))
        return function

    return register


def home_context(viewer) -> dict:
    context: dict = {"home_sections": []}
    for template, provider in HOME_SECTIONS:
        context.update(provider(viewer))
        context["home_sections"].append(template)
    return context


def profile_context(viewer, person) -> dict:
    context: dict = {"profile_sections": []}
    for template, provider in PROFILE_SECTIONS:
        context.update(provider(viewer, person))
        context["profile_sections"].append(template)
    return context
