"""Choosing a time zone: the list grouped by region, and a good first guess.

People pick a place ("Nairobi — Kenya"), not an IANA name to type. Without
JavaScript the first guess comes from a country (the account's, or the region of
the browser's language, "pt-BR"); with it, static/timezone.js picks the browser's
own zone and adds search-as-you-type.
"""

from functools import lru_cache

from babel import Locale
from babel.core import get_global
from flask import Flask, Response, current_app, request
from flask_babel import lazy_gettext as _l

from community.dates import page_locale
from community.timezones import VISITOR_ZONE_COOKIE, is_zone_name, zone_names

REGIONS = {
    "Africa": _l("Africa"),
    "America": _l("Americas"),
    "Asia": _l("Asia"),
    "Atlantic": _l("Atlantic Ocean"),
    "Australia": _l("Australia"),
    "Europe": _l("Europe"),
    "Indian": _l("Indian Ocean"),
    "Pacific": _l("Pacific Ocean"),
    "Antarctica": _l("Antarctica"),
}
# Countries spanning several zones: the one most people there live in.
MAIN_ZONES = {
    "AR": "America/Argentina/Buenos_Aires",
    "AU": "Australia/Sydney",
    "BR": "America/Sao_Paulo",
    "CA": "America/Toronto",
    "CD": "Africa/Kinshasa",
    "CL": "America/Santiago",
    "CN": "Asia/Shanghai",
    "EC": "America/Guayaquil",
    "ES": "Europe/Madrid",
    "ID": "Asia/Jakarta",
    "KZ": "Asia/Almaty",
    "MX": "America/Mexico_City",
    "PT": "Europe/Lisbon",
    "RU": "Europe/Moscow",
    "US": "America/New_York",
}


@lru_cache(maxsize=1)
def canonical_zones() -> tuple[str, ...]:
    """Region/City names this machine knows, without CLDR's old aliases."""
    aliases = get_global("zone_aliases")
    return tuple(
        sorted(
            name
            for name in zone_names()
            if name.split("/")[0] in REGIONS and name not in aliases
        )
    )


def city_name(zone: str) -> str:
    return zone.rsplit("/", 1)[-1].replace("_", " ")


@lru_cache(maxsize=16)
def _grouped(language: str) -> tuple:
    locale = Locale.parse(language)
    territories = get_global("zone_territories")
    groups: dict[str, list[tuple[str, str]]] = {}
    for zone in canonical_zones():
        country = locale.territories.get(territories.get(zone, ""), "")
        label = f"{city_name(zone)} — {country}" if country else city_name(zone)
        groups.setdefault(zone.split("/")[0], []).append((zone, label))
    return tuple(
        (region, tuple(sorted(groups[region], key=lambda item: item[1])))
        for region in REGIONS
        if region in groups
    )


def zone_choices() -> dict[str, list[tuple[str, str]]]:
    """WTForms choices with <optgroup>s: region -> [(zone, "City — Country")]."""
    choices = {
        str(REGIONS[region]): list(zones)
        for region, zones in _grouped(page_locale().language)
    }
    return {"UTC": [("UTC", "UTC")], **choices}


def zone_for_country(code: str | None) -> str | None:
    """The main zone of an ISO 3166 country, if it has one."""
    code = (code or "").upper()
    if code in MAIN_ZONES:
        return MAIN_ZONES[code]
    zones = [
        zone
        for zone in get_global("territory_zones").get(code, [])
        if is_zone_name(zone)
    ]
    return zones[0] if zones else None


def zone_for_browser(accept_languages) -> str | None:
    """A zone from the first region in Accept-Language ("fr-SN" -> Africa/Dakar)."""
    for value, _quality in accept_languages:
        parts = value.replace("_", "-").split("-")
        if len(parts) > 1 and len(parts[-1]) == 2:
            found = zone_for_country(parts[-1])
            if found:
                return found
    return None


def remember_visitor_zone(response: Response) -> Response:
    """A visitor's ?tz= choice on an event page is kept (a cookie, a year)."""
    zone = request.args.get("tz")
    if zone and is_zone_name(zone) and request.cookies.get(VISITOR_ZONE_COOKIE) != zone:
        response.set_cookie(
            VISITOR_ZONE_COOKIE,
            zone,
            max_age=365 * 24 * 3600,
            samesite="Lax",
            secure=current_app.config.get("SESSION_COOKIE_SECURE", False),
            httponly=True,
        )
    return response


def init_zones(app: Flask) -> None:
    app.after_request(remember_visitor_zone)
    app.jinja_env.globals["zone_choices"] = zone_choices
