"""Jinja filters and globals shared by every template."""

from flask import Flask, request, url_for
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from sqlalchemy.exc import SQLAlchemyError

from community.admin import permissions as admin_rules
from community.api import permissions as api_rules
from community.assets import init_assets
from community.brand import init_brand
from community.communities import permissions as community_rules
from community.content_languages import init_content_languages
from community.dates import format_count, weekday_names
from community.discussions import permissions as discussion_rules
from community.discussions import undoing
from community.dpgs import permissions as dpg_rules
from community.events import permissions as event_rules
from community.extensions import db
from community.learnings import permissions as lesson_rules
from community.organisations import permissions as organisation_rules
from community.pagecache.slots import slot
from community.privacy import permissions as privacy_rules
from community.text import excerpt
from community.timezones import (
    dateformat_filter,
    localtime_filter,
    machine_time_filter,
    timeago_filter,
    utcnow,
)


def page_url(page: int) -> str:
    """The current URL with another ?page= value, other arguments kept."""
    args = request.args.to_dict(flat=False)
    args["page"] = [str(page)]
    return url_for(request.endpoint, **(request.view_args or {}), **args)


def header_context() -> dict:
    unread = 0
    if current_user.is_authenticated:
        from community.notifications.sending import unread_count

        try:
            unread = unread_count(current_user)
        except SQLAlchemyError:
            # The 503 page itself must render while the database is away.
            db.session.rollback()
    return {"unread_notifications": unread}


# Header links appear once their feature's blueprint is registered.
NAV_LINKS = [
    ("events.list_events", _l("Events")),
    ("learnings.list_lessons", _l("Learnings")),
    ("dpgs.list_dpgs", _l("DPGs")),
    ("dpgs.show_map", _l("Map")),
    ("search.search", _l("Search")),
]


def navigation_context(app: Flask) -> dict:
    links = [
        (endpoint, label)
        for endpoint, label in NAV_LINKS
        if endpoint in app.view_functions
    ]
    search = "search.search" if "search.search" in app.view_functions else None
    return {"nav_links": links, "search_endpoint": search}


# Every feature's permission predicates are template globals, registered here
# and only here, so a page hides a button by the same rule the view enforces.
PREDICATE_MODULES = (
    community_rules,
    discussion_rules,
    event_rules,
    lesson_rules,
    dpg_rules,
    organisation_rules,
    api_rules,
    admin_rules,
    privacy_rules,
)


def register_template_globals(app: Flask) -> None:
    for module in PREDICATE_MODULES:
        predicates = module.TEMPLATE_PREDICATES
        if isinstance(predicates, dict):
            predicates = predicates.values()
        for predicate in predicates:
            app.jinja_env.globals[predicate.__name__] = predicate
    app.jinja_env.globals["banned_message"] = community_rules.banned_message
    app.jinja_env.globals["undo_offer"] = undoing.undo_offer  # "Post deleted — Undo"
    app.jinja_env.globals["undo_minutes"] = undoing.UNDO_MINUTES
    app.jinja_env.globals["slot"] = slot  # a reader's bit in a shared fragment


def init_templating(app: Flask) -> None:
    app.jinja_env.add_extension("jinja2.ext.do")
    app.jinja_env.globals.update(navigation_context(app))
    app.jinja_env.filters["localtime"] = localtime_filter
    app.jinja_env.filters["timeago"] = timeago_filter
    app.jinja_env.filters["dateformat"] = dateformat_filter
    app.jinja_env.filters["count"] = format_count
    app.jinja_env.filters["excerpt"] = excerpt
    app.jinja_env.globals["weekday_names"] = weekday_names
    app.jinja_env.filters["machine_time"] = machine_time_filter
    register_template_globals(app)
    app.jinja_env.globals["page_url"] = page_url
    app.jinja_env.globals["utcnow"] = utcnow
    app.jinja_env.globals["site_name"] = app.config["SITE_NAME"]
    init_assets(app)
    init_brand(app)
    init_content_languages(app)
    app.context_processor(header_context)
