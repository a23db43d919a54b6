"""Pilot-learnings library: lessons, review workflow, faceted browsing, export."""

from community.learnings import sections, workflow_views  # noqa: F401 - routes, hooks
from community.learnings.views import bp

__all__ = ["bp"]
