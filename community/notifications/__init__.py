# home adds a section to the home page.
from community.notifications import home  # noqa: F401
from community.notifications.views import bp

__all__ = ["bp"]
