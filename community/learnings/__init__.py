"""Pilot-learnings library: lessons, review workflow, faceted browsing, export."""

from community.learnings import (  # noqa: F401 - routes and hooks register on import
    feeds,
    indexing,
    sections,
    venue_views,
    workflow_views,
)
from community.learnings.views import bp

__all__ = ["bp"]
