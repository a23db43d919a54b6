"""Organisations, affiliations, join-the-effort applications and the roadmap."""

from community.organisations import (  # noqa: F401 - routes register on import
    join_views,
    roadmap_views,
    sections,
)
from community.organisations.views import bp

__all__ = ["bp"]
