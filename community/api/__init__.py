"""JSON API v1 (/api/v1/): tokens, resources, the OpenAPI description, webhooks.

Resources live in one module each with a flask-smorest Blueprint named `blp`,
listed in RESOURCE_MODULES. A feature that lands later (DPGs, countries,
organisations) adds community/api/<feature>.py and one line here; its schemas
join the same description, the reference page and the contract tests with no
other change. The HTML pages (reference, tokens, webhooks) are in views.py.

Nothing is imported here at module level: services import
community.api.webhooks, and must not pull the views (and their forms) along.
"""

from importlib import import_module

from flask import Flask

API_PREFIX = "/api/v1"
RESOURCE_MODULES = [
    "community.api.me",
    "community.api.communities",
    "community.api.discussions",
    "community.api.events",
    "community.api.learnings",
    "community.api.dpgs",
    "community.api.organisations",
    "community.api.search",
]


def init_api(app: Flask) -> None:
    """Token authentication, the OpenAPI description and every resource."""
    auth = import_module("community.api.auth")
    spec = import_module("community.api.spec")
    auth.init_api_auth(app)
    api = spec.make_api()
    api.init_app(app)
    api.spec.components.security_scheme(
        "bearerAuth", {"type": "http", "scheme": "bearer"}
    )
    for name in RESOURCE_MODULES:
        api.register_blueprint(import_module(name).blp, url_prefix=API_PREFIX)
