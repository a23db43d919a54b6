"""Placeholder renderer (escapes everything); the real one replaces it."""

import html

from markupsafe import Markup


class TextRefused(ValueError):
    """User text we will not render."""


def render_markdown(source: str, mentions=()) -> Markup:
    return Markup("<p>" + html.escape(source) + "</p>")  # noqa: S704


def find_mentions(source: str) -> list[str]:
    return []


def plain_text(source: str, limit: int | None = None) -> str:
    return source
