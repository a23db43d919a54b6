"""Community Hub: the application factory."""

import logging

from flask import Flask

from config import DEFAULT_SECRET_KEY, config_for_environment


def create_app(config: type | None = None) -> Flask:
    app = Flask(
        __name__,
        template_folder="../templates",  # templates/ and static/ sit beside the package
        static_folder="../static",
        instance_relative_config=True,
    )
    from community.routing import DatabaseIdConverter

    app.url_map.converters["int"] = DatabaseIdConverter  # before any route
    app.config.from_object(config or config_for_environment())
    refuse_unsafe_production_config(app)
    logging.basicConfig(level=logging.INFO)
    register_extensions(app)
    register_blueprints(app)
    register_template_helpers(app)
    register_error_pages(app)
    register_security_headers(app)
    register_commands(app)
    return app


def refuse_unsafe_production_config(app: Flask) -> None:
    if app.config.get("ENV_NAME") != "production":
        return
    key = app.config.get("SECRET_KEY") or ""
    if key == DEFAULT_SECRET_KEY or len(key) < 32:
        raise RuntimeError(
            "SECRET_KEY must be set to a long random value in production "
            '(python -c "import secrets; print(secrets.token_hex(32))")'
        )


def register_extensions(app: Flask) -> None:
    import community.models  # noqa: F401 - every table registered
    from community.extensions import compress, csrf, db, limiter, login_manager, migrate

    db.init_app(app)
    migrate.init_app(app, db, render_as_batch=True, compare_type=True)
    csrf.init_app(app)
    limiter.init_app(app)
    compress.init_app(app)
    from community.i18n import init_i18n

    init_i18n(app)
    from community.auth.session import init_login

    init_login(app, login_manager)
    from community.auth.staff import init_staff_guard

    init_staff_guard(app)
    from community.pagecache import init_page_cache

    init_page_cache(app)


def register_blueprints(app: Flask) -> None:
    from community import (
        admin,
        api,
        auth,
        communities,
        discussions,
        dpgs,
        events,
        learnings,
        main,
        notifications,
        organisations,
        privacy,
        search,
        trust,
    )
    from community.api import pages as api_pages
    from community.main import readiness

    blueprints = [
        main,
        readiness,
        auth,
        notifications,
        communities,
        discussions,
        events,
        search,
        learnings,
        dpgs,
        organisations,
        trust,
        admin,
        privacy,
        api_pages,
    ]
    for package in blueprints:
        app.register_blueprint(package.bp)
    app.register_blueprint(admin.pages_bp)
    api.init_api(app)


def register_template_helpers(app: Flask) -> None:
    from community.templating import init_templating

    init_templating(app)


def register_error_pages(app: Flask) -> None:
    from community.main.errors import init_error_pages

    init_error_pages(app)


def register_security_headers(app: Flask) -> None:
    from community.main.guards import init_guards
    from community.main.headers import init_security_headers
    from community.main.requestlog import init_request_log

    init_security_headers(app)
    init_request_log(app)
    init_guards(app)


def register_commands(app: Flask) -> None:
    from community.commands import init_commands

    init_commands(app)
