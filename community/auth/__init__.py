from community.auth.views import bp

__all__ = ["bp"]
