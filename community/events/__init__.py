# These modules add routes to bp and sections to pages.
from community.events import (  # noqa: F401
    feed_views,
    import_views,
    organiser_views,
    sections,
)
from community.events.views import bp

__all__ = ["bp"]
