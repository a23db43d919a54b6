from community.main.views import bp

__all__ = ["bp"]
