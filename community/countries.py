"""ISO 3166 countries (from pycountry) for profiles, directories and lessons."""

from functools import cache

import pycountry


@cache
def countries() -> dict[str, str]:
    """Alpha-2 code -> common name, sorted by name."""
    names = {
        country.alpha_2: getattr(country, "common_name", None) or country.name
        for country in pycountry.countries
    }
    return dict(sorted(names.items(), key=lambda item: item[1]))


def country_name(code: str | None) -> str:
    return countries().get((code or "").upper(), "")


def country_choices(blank: str = "Not given") -> list[tuple[str, str]]:
    return [("", blank), *countries().items()]
