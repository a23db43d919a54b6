"""Languages: which locale a request is served in, and Flask-Babel's setup.

Order of choice: ``?lang=`` (a link search engines can follow), the ``lang``
cookie set by the footer switch, the person's own setting, the browser's
``Accept-Language``, then English (the source language).
"""

from collections.abc import Iterator
from contextlib import contextmanager
from urllib.parse import urlencode

from babel import Locale
from flask import Flask, Response, current_app, has_request_context, request
from flask_babel import Babel, force_locale, get_locale, gettext
from flask_login import current_user

babel = Babel()

LANGUAGE_COOKIE = "lang"
LANGUAGE_COOKIE_AGE = 365 * 24 * 3600


def supported_languages() -> list[str]:
    return list(current_app.config["LANGUAGES"])


def chosen_language() -> str | None:
    """An explicit choice (query, cookie, account setting), if it is supported."""
    languages = supported_languages()
    candidates = [request.args.get("lang"), request.cookies.get(LANGUAGE_COOKIE)]
    if current_user and current_user.is_authenticated:
        candidates.append(getattr(current_user, "language", None))
    for value in candidates:
        if value and value in languages:
            return value
    return None


def select_locale() -> str:
    languages = supported_languages()
    if not has_request_context():
        # CLI commands and queued jobs: English unless force_locale() says otherwise.
        return languages[0]
    return (
        chosen_language()
        or request.accept_languages.best_match(languages)
        or languages[0]
    )


def current_language() -> str:
    """The page's language code, for <html lang> and hreflang."""
    return str(get_locale() or "en")


def language_url(code: str | None) -> str:
    """This page in another language: the same path and arguments, ?lang= replaced."""
    args = [(key, value) for key, value in request.args.items(multi=True)]
    args = [(key, value) for key, value in args if key != "lang"]
    if code:
        args.append(("lang", code))
    query = urlencode(args)
    return request.path + (f"?{query}" if query else "")


def language_links() -> list[dict]:
    """The footer switch and the hreflang alternates: one entry a language."""
    here = current_language()
    site = current_app.config["SITE_URL"].rstrip("/")
    return [
        {
            "code": code,
            "name": name,
            "url": language_url(code),
            "absolute_url": site + language_url(code),
            "current": code == here,
        }
        for code, name in language_options()
    ]


def remember_language(response: Response) -> Response:
    """A ?lang= link followed becomes the visitor's choice (a cookie, a year)."""
    if not has_request_context():
        return response
    code = request.args.get("lang")
    if code in supported_languages() and request.cookies.get(LANGUAGE_COOKIE) != code:
        response.set_cookie(
            LANGUAGE_COOKIE,
            code,
            max_age=LANGUAGE_COOKIE_AGE,
            samesite="Lax",
            secure=current_app.config.get("SESSION_COOKIE_SECURE", False),
            httponly=True,
        )
    # Pages differ by language: shared caches must keep one copy per choice.
    response.vary.add("Accept-Language")
    return response


def init_i18n(app: Flask) -> None:
    babel.init_app(app, locale_selector=select_locale)
    app.jinja_env.globals["current_language"] = current_language
    app.jinja_env.globals["language_links"] = language_links
    app.jinja_env.globals["language_url"] = language_url
    app.after_request(remember_language)
    from community.zones import init_zones

    init_zones(app)


def language_name(code: str) -> str:
    """A language's name in that language (Français, Español), as switches show it."""
    name = Locale.parse(code).get_display_name(code) or code
    return name[:1].upper() + name[1:]


def language_choices() -> list[tuple[str, str]]:
    """The account setting: the browser's choice, then each supported language."""
    return [("", gettext("The browser's choice")), *language_options()]


def language_options() -> list[tuple[str, str]]:
    return [(code, language_name(code)) for code in supported_languages()]


def recipient_language(person) -> str:
    """The language to write to this person in: their setting, else English."""
    code = getattr(person, "language", "") or ""
    return code if code in supported_languages() else supported_languages()[0]


@contextmanager
def written_for(person) -> Iterator[None]:
    """Messages built inside (e-mails, notifications) speak the person's language
    and give times in the person's zone."""
    from community.timezones import zone_written_for

    language, zone = recipient_language(person), getattr(person, "timezone", None)
    with force_locale(language), zone_written_for(zone):
        yield
