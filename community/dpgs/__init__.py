"""Digital public goods from the DPG Registry, countries, and the map."""

from community.dpgs import country_views, map_views  # noqa: F401 - routes register
from community.dpgs.views import bp

__all__ = ["bp"]
