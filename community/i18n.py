"""Languages: which locale a request is served in, and Flask-Babel's setup.

Order of choice: ``?lang=`` (a link search engines can follow), the ``lang``
cookie set by the footer switch, the person's own setting, the browser's
``Accept-Language``, then English (the source language).
"""

from flask import Flask, request
from flask_babel import Babel, get_locale
from flask_login import current_user

babel = Babel()

LANGUAGE_COOKIE = "lang"


def supported_languages() -> list[str]:
    from flask import current_app

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
    return (
        chosen_language()
        or request.accept_languages.best_match(languages)
        or languages[0]
    )


def current_language() -> str:
    """The page's language code, for <html lang> and hreflang."""
    return str(get_locale() or "en")


def init_i18n(app: Flask) -> None:
    babel.init_app(app, locale_selector=select_locale)
    app.jinja_env.globals["current_language"] = current_language
