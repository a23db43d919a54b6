"""Threaded discussions: questions, reply trees, accepted answers, moderation."""

from community.discussions import (  # noqa: F401 - routes, hooks
    delete_views,
    feeds,
    listing,
    moderation_views,
    moving_views,
    tag_views,
)
from community.discussions.views import bp

__all__ = ["bp"]
