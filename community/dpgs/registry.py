"""Reading the DPG Registry's format: one object, a JSON array, or a folder of
*.json files (the registry's API serves one object per URL), from a path or an
http(s) URL. Each record becomes plain normalised facts, the same shape that
`facts_of(dpg)` builds from a stored record, so comparing the two says exactly
what an import would change.

Contact names and e-mail addresses of organisations are left out on purpose:
the hub shows organisation names, not people's addresses.
"""

import hashlib
import json
import urllib.request
from pathlib import Path

from community.dpgs.country_names import resolve_country
from community.dpgs.models import FACETS, sorted_values

MAX_DOWNLOAD = 50 * 1024 * 1024
LIST_FIELDS = ("license", "SDGs", "sectors", "type", "organizations")


class RegistryFormatError(ValueError):
    """The input is not in the registry's format; the message names the record."""


def load_records(source: str) -> list[dict]:
    """Every record in a file, folder or URL, checked to be the registry's format."""
    if source.startswith(("http://", "https://")):
        records = _as_records(_download(source), source)
    else:
        path = Path(source)
        if path.is_dir():
            files = sorted(path.glob("*.json"))
            if not files:
                raise RegistryFormatError(f"{source}: no *.json files in this folder")
            records = []
            for file in files:
                records.extend(_as_records(_read(file), str(file)))
        elif path.is_file():
            records = _as_records(_read(path), source)
        else:
            raise RegistryFormatError(f"{source}: no such file or folder")
    for number, record in enumerate(records, start=1):
        problem = record_problem(record)
        if problem:
            label = record.get("id") if isinstance(record, dict) else None
            named = f" (id {label!r})" if isinstance(label, str) else ""
            raise RegistryFormatError(f"record {number}{named}: {problem}")
    return records


def _read(path: Path) -> str:
    return path.read_text(encoding="utf-8-sig")


def _download(url: str) -> str:
    # Only http(s) reaches here (load_records checks the scheme).
    headers = {"Accept": "application/json"}
    request = urllib.request.Request(url, headers=headers)  # noqa: S310
    with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310
        body = response.read(MAX_DOWNLOAD + 1)
    if len(body) > MAX_DOWNLOAD:
        raise RegistryFormatError(f"{url}: larger than {MAX_DOWNLOAD} bytes")
    return body.decode("utf-8-sig")


def _as_records(text: str, where: str) -> list:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise RegistryFormatError(f"{where}: not JSON ({error})") from None
    if isinstance(data, dict):
        return [data]
    if isinstance(data, list):
        return data
    raise RegistryFormatError(f"{where}: expected an object or an array of objects")


def record_problem(record: object) -> str:
    """What makes this not a registry record ("" when it is one)."""
    if not isinstance(record, dict):
        return "not an object"
    for field in ("id", "name"):
        if not isinstance(record.get(field), str) or not record[field].strip():
            return f"{field!r} is missing or not a text"
    for field in LIST_FIELDS:
        if not isinstance(record.get(field), list):
            return f"{field!r} is missing or not a list"
    for field in ("aliases", "repositories"):
        if record.get(field) is not None and not isinstance(record[field], list):
            return f"{field!r} is not a list"
    locations = record.get("locations")
    if locations is not None and not isinstance(locations, dict):
        return "'locations' is not an object"
    return ""


def _texts(values: object) -> list[str]:
    """Non-empty stripped strings, first occurrence kept, order kept."""
    seen: dict[str, None] = {}
    for value in values if isinstance(values, list) else []:
        if isinstance(value, str | int) and str(value).strip():
            seen.setdefault(str(value).strip(), None)
    return list(seen)


def _field(items: list, key: str) -> list[str]:
    return _texts([item.get(key) for item in items if isinstance(item, dict)])


def _text(value: object, limit: int) -> str:
    return value.strip()[:limit] if isinstance(value, str) else ""


def facts_from_record(record: dict) -> tuple[dict, list[str]]:
    """Normalised facts of one registry record, and the country names it could
    not resolve."""
    locations = record.get("locations") or {}
    unresolved: list[str] = []
    countries = {}
    for kind, field in (
        ("deployment", "deploymentCountries"),
        ("development", "developmentCountries"),
    ):
        codes = set()
        for name in _texts(locations.get(field)):
            code = resolve_country(name)
            if code:
                codes.add(code)
            else:
                unresolved.append(name)
        countries[kind] = sorted(codes)
    facts = {
        "name": _text(record["name"], 150),
        "aliases": [a[:150] for a in _texts(record.get("aliases"))],
        "description": _text(record.get("description"), 20000),
        "website": _text(record.get("website"), 500),
        "stage": _text(record.get("stage"), 40),
        "licence": [v[:150] for v in _field(record["license"], "spdx")],
        "sdg": _field(record["SDGs"], "SDGNumber"),
        "sector": [v[:150] for v in _texts(record["sectors"])],
        "type": [v[:150] for v in _texts(record["type"])],
        "repositories": _links(record.get("repositories") or [], "url"),
        "organisations": _organisations(record["organizations"]),
        "countries": countries,
    }
    for facet in FACETS:
        facts[facet] = sorted_values(facet, facts[facet])
    return facts, unresolved


def _links(items: list, url_key: str) -> list[dict]:
    links = []
    for item in items:
        if isinstance(item, dict) and _text(item.get(url_key), 500):
            links.append(
                {"name": _text(item.get("name"), 150), "url": _text(item[url_key], 500)}
            )
    return links


def _organisations(items: list) -> list[dict]:
    organisations = []
    for item in items:
        if isinstance(item, dict) and _text(item.get("name"), 200):
            organisations.append(
                {
                    "name": _text(item["name"], 200),
                    "role": _text(item.get("org_type"), 40),
                    "website": _text(item.get("website"), 500),
                }
            )
    return organisations


def digest(facts: dict) -> str:
    encoded = json.dumps(facts, sort_keys=True, ensure_ascii=False).encode()
    return hashlib.sha256(encoded).hexdigest()
