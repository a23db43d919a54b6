"""Digital public goods from the DPG Registry, countries, and the map.

`bp` is looked up lazily: lessons, threads and events import this package's
models and linking service, and its views import theirs back, so importing the
views here eagerly would run in the middle of importing those features.
"""


def __getattr__(name: str):
    if name == "bp":
        from community.dpgs import country_views, map_views  # noqa: F401 - routes
        from community.dpgs.views import bp

        return bp
    raise AttributeError(name)
