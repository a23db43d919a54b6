# These modules add routes to bp and sections to the home and profile pages.
from community.communities import admin_views, home, member_views, profile  # noqa: F401
from community.communities.views import bp

__all__ = ["bp"]
