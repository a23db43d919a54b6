from community.communities import admin_views, member_views  # noqa: F401 - add routes
from community.communities.views import bp

__all__ = ["bp"]
