from community.search.views import bp

__all__ = ["bp"]
