"""The language a post, lesson or event is written in (not the page's language).

User text is not translated. It says which language it is in, so pages mark it
with `lang` (and `dir` for right-to-left scripts), screen readers pick the right
voice, and lists can be filtered by it with `?language=` (`?lang=` chooses the
page's own language, community/i18n.py). The choices are the hub's languages,
then a short list of others common among its people (ISO 639-1), then "another
language" (`und`, BCP 47's "undetermined"). An empty value is a row written
before content languages existed: it says nothing, so pages add no attribute.
"""

from functools import lru_cache

from babel import Locale, UnknownLocaleError
from flask_babel import gettext
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from markupsafe import Markup
from wtforms import SelectField

from community.dates import page_locale
from community.i18n import current_language, language_name, supported_languages

# Spoken by many of the hub's people (West, Central and East Africa, Asia, Europe).
COMMON_LANGUAGES = (
    "ar",
    "sw",
    "am",
    "ha",
    "yo",
    "wo",
    "ln",
    "rw",
    "so",
    "mg",
    "ff",
    "de",
    "it",
    "ru",
    "zh",
    "hi",
)
OTHER = "und"
FILTER_PARAMETER = "language"  # docs/translations.md: ?lang= is the page's language


def content_language_codes() -> list[str]:
    """Every value a content language may take, in the order forms list them."""
    hub = supported_languages()
    return [*hub, *(code for code in COMMON_LANGUAGES if code not in hub), OTHER]


def is_content_language(code: str | None) -> bool:
    return bool(code) and code in content_language_codes()


@lru_cache(maxsize=256)
def _label(code: str, page_language: str) -> str:
    own = language_name(code)
    try:
        local = Locale.parse(page_language).languages.get(code, "")
    except (UnknownLocaleError, ValueError):
        local = ""
    if local and local.lower() != own.lower():
        return f"{own} ({local})"  # "Kiswahili (swahili)" on a French page
    return own


def content_language_label(code: str | None) -> str:
    """A language as pickers and filters show it: its own name, then the page's."""
    if not code:
        return ""
    if code == OTHER:
        return gettext("Another language")
    return _label(code, page_locale().language)


def content_language_choices() -> list[tuple[str, str]]:
    return [(code, content_language_label(code)) for code in content_language_codes()]


def default_content_language() -> str:
    """The author's language setting, else the page's language."""
    own = getattr(current_user, "language", "") if current_user else ""
    return own if is_content_language(own) else current_language()


def content_language_field() -> SelectField:
    """ "Written in": validated against the choices (anything else is a 400)."""
    return SelectField(
        _l("Written in"),
        choices=content_language_choices,
        default=default_content_language,
        # A row from before content languages ("") starts on the default too,
        # so no Required validator: its HTML `required` would want an empty
        # first option. validate_choice refuses anything not in the list.
        filters=[lambda code: code or default_content_language()],
        description=_l("The language of your text, so readers and lists know it."),
    )


def text_direction(code: str) -> str:
    """ "rtl" for right-to-left scripts (Arabic), else "ltr"."""
    try:
        order = Locale.parse(code).character_order
    except (UnknownLocaleError, ValueError):
        return "ltr"
    return "rtl" if order == "right-to-left" else "ltr"


def content_lang(code: str | None) -> Markup:
    """Jinja global: ` lang="fr"` (with ` dir="rtl"` when needed) for an element."""
    if not code:
        return Markup("")
    attributes = Markup(' lang="{}"').format(code)  # format() escapes the code
    if text_direction(code) == "rtl":
        attributes += Markup(' dir="rtl"')
    return attributes


def chosen_filter_language(args) -> str:
    """The list filter's ?language=, when it is one we know (else no filter)."""
    code = args.get(FILTER_PARAMETER, "")[:8]
    return code if is_content_language(code) else ""


def init_content_languages(app) -> None:
    app.jinja_env.globals["content_lang"] = content_lang
    app.jinja_env.globals["content_language_label"] = content_language_label
    app.jinja_env.globals["content_language_choices"] = content_language_choices
