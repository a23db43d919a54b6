"""The API's HTML pages on one blueprint (create_app registers this bp):
the reference and tokens (views.py) and a community's webhooks (webhook_views.py)."""

from community.api import webhook_views  # noqa: F401 - adds its routes to bp
from community.api.views import bp

__all__ = ["bp"]
