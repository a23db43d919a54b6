"""Dates, times and numbers in the page's language, through Babel (CLDR).

Templates and messages keep writing strftime-style formats ("%A %-d %B %Y, %H:%M");
``format_local_value`` turns one into the page locale's way of writing it:
"Wednesday 2 December 2026, 10:00" in English, "mercredi 2 décembre 2026, 10:00",
"miércoles, 2 de diciembre de 2026, 10:00", "quarta-feira, 2 de dezembro de 2026,
10:00". English keeps the exact pattern asked for; other languages take CLDR's
pattern for the same fields (the order and the "de" a language needs).
"""

import re
from datetime import date, datetime, time

from babel import Locale
from babel.dates import format_date, format_datetime, get_day_names, match_skeleton
from babel.numbers import format_decimal
from flask_babel import get_locale

# strftime directive -> CLDR pattern letters.
DATE_FIELDS = {
    "%A": "EEEE",
    "%a": "EEE",
    "%d": "dd",
    "%-d": "d",
    "%B": "MMMM",
    "%b": "MMM",
    "%Y": "y",
    "%m": "MM",
    "%-m": "M",
}
TIME_FIELDS = {"%H": "HH", "%-H": "H", "%M": "mm", "%S": "ss"}
TOKEN = re.compile(r"%-?[a-zA-Z]|%%|[^%]+")
WORDY = {"%A", "%a", "%B", "%b"}
SOURCE_LANGUAGE = "en"


def page_locale() -> Locale:
    """The locale of the page (or e-mail) being written; English outside a request."""
    return get_locale() or Locale.parse(SOURCE_LANGUAGE)


def _quoted(text: str) -> str:
    return "'" + text.replace("'", "''") + "'" if text else ""


def _english_pattern(tokens: list[str], zone_name: str) -> str:
    parts, literal = [], ""
    for piece in tokens:
        if piece in DATE_FIELDS or piece in TIME_FIELDS:
            parts += [_quoted(literal), DATE_FIELDS.get(piece) or TIME_FIELDS[piece]]
            literal = ""
        elif piece == "%Z":
            literal += zone_name
        else:
            literal += piece.replace("%%", "%")
    return "".join([*parts, _quoted(literal)])


def _skeleton_pattern(date_tokens: list[str], locale: Locale) -> str:
    """CLDR's pattern for the date fields asked for, widths kept (EEEE, MMMM)."""
    letters = [DATE_FIELDS[token] for token in date_tokens if token in DATE_FIELDS]
    skeleton = "".join(sorted(letters, key=lambda field: "yMdE".index(field[0])))
    skeleton = skeleton.replace("dd", "d")
    skeletons = locale.datetime_skeletons
    pattern = str(skeletons[match_skeleton(skeleton, skeletons) or "yMMMd"])
    for letter, wide in (("E", "EEEE" in letters), ("M", "MMMM" in letters)):
        if wide:
            pattern = re.sub(rf"{letter}+", letter * 4, pattern)
    if "EEEE" not in letters and "EEE" not in letters:
        pattern = re.sub(r"E+[,.]?\s*", "", pattern)
    return pattern


def format_local_value(value: datetime | date, fmt: str) -> str:
    """A wall-clock datetime or a date, written as `fmt` asks in the page's language."""
    locale = page_locale()
    tokens = TOKEN.findall(fmt)
    zone_name = value.strftime("%Z") if isinstance(value, datetime) else ""
    if locale.language == SOURCE_LANGUAGE or not WORDY.intersection(tokens):
        pattern = _english_pattern(tokens, zone_name)
        return _format(value, pattern, locale)
    date_positions = [i for i, token in enumerate(tokens) if token in DATE_FIELDS]
    first, last = date_positions[0], date_positions[-1]
    date_part = _format(
        value, _skeleton_pattern(tokens[first : last + 1], locale), locale
    )
    rest = _english_pattern(tokens[last + 1 :], zone_name)
    before = _english_pattern(tokens[:first], zone_name)
    return (
        (_format(value, before, locale) if before else "")
        + date_part
        + (_format(value, rest, locale) if rest else "")
    )


def _format(value: datetime | date, pattern: str, locale: Locale) -> str:
    if isinstance(value, datetime):
        # Babel would move an aware value to its own zone; the wall clock is kept.
        return format_datetime(value.replace(tzinfo=None), pattern, locale=locale)
    if re.search(r"[Hhms]", re.sub(r"'[^']*'", "", pattern)):
        return format_datetime(datetime.combine(value, time()), pattern, locale=locale)
    return format_date(value, pattern, locale=locale)


def weekday_names(width: str = "wide") -> list[str]:
    """Monday first, in the page's language ("lundi", "segunda-feira")."""
    names = get_day_names(width, locale=page_locale())
    return [names[index] for index in range(7)]


def format_count(number: int | float) -> str:
    """A number with the page locale's grouping: 1,234 · 1 234 · 1.234."""
    return format_decimal(number, locale=page_locale())


def relative_past(count: int, unit: str) -> str:
    """ "3 days ago" / "il y a 3 jours", from CLDR's relative-time patterns."""
    locale = page_locale()
    fields = locale._data["date_fields"]
    patterns = (fields.get(unit) or fields[f"{unit}-short"])["past"]
    plural = locale.plural_form(count)
    pattern = patterns.get(plural) or patterns["other"]
    return pattern.replace("{0}", format_count(count))
