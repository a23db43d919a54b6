from community.communities.views import bp

__all__ = ["bp"]
