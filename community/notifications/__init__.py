from community.notifications.views import bp

__all__ = ["bp"]
