from community.auth import two_factor_views  # noqa: F401 - adds its routes to bp
from community.auth.views import bp

__all__ = ["bp"]
