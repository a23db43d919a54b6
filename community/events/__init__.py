from community.events.views import bp

__all__ = ["bp"]
