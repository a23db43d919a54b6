# These modules add routes to bp and a section to profile pages.
from community.communities import admin_views, member_views, profile  # noqa: F401
from community.communities.views import bp

__all__ = ["bp"]
