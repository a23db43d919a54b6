"""JSON API v1 (/api/v1/): tokens, resources, the OpenAPI description, webhooks.

Resources live in one module each with a flask-smorest Blueprint named `blp`,
listed in RESOURCE_MODULES. A feature that lands later (DPGs, countries,
organisations) adds community/api/<feature>.py and one line here; its schemas
join the same description and the contract tests pick it up with no change.
"""

from importlib import import_module

from flask import Flask

from community.api.views import bp  # the reference page and token settings

API_PREFIX = "/api/v1"
RESOURCE_MODULES = [
    "community.api.me",
    "community.api.communities",
    "community.api.discussions",
    "community.api.events",
    "community.api.learnings",
    "community.api.search",
]

__all__ = ["bp", "init_api"]


def init_api(app: Flask) -> None:
    from community.api.auth import init_api_auth
    from community.api.spec import make_api

    init_api_auth(app)
    api = make_api()
    api.init_app(app)
    api.spec.components.security_scheme(
        "bearerAuth", {"type": "http", "scheme": "bearer"}
    )
    for name in RESOURCE_MODULES:
        api.register_blueprint(import_module(name).blp, url_prefix=API_PREFIX)
