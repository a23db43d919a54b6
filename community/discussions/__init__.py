"""Threaded discussions: questions, reply trees, accepted answers, moderation."""

from community.discussions import feeds, listing, moderation_views  # noqa: F401 - routes, hooks
from community.discussions.views import bp

__all__ = ["bp"]
