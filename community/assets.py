"""Static files under names that carry their content hash.

`asset_url("site.css")` gives `/assets/site.1a2b3c4d5e6f.css`. That address
never changes its content, so browsers and proxies keep it for a year without
asking again (a rural link saves a round trip per page view). A new stylesheet
gets a new name. An old name (a page cached before a deploy) still answers with
today's file, briefly cached; a name that is not a static file answers 404.
The plain /static/ addresses keep working for anything that links them.
"""

import hashlib
import re
from functools import cache
from pathlib import Path

from flask import Flask, abort, current_app, send_from_directory, url_for

IMMUTABLE = "public, max-age=31536000, immutable"
STALE = "public, max-age=300"
HASHED = re.compile(r"^(?P<stem>[\w-]+)\.(?P<digest>[0-9a-f]{12})\.(?P<ext>\w+)$")


def static_root() -> Path:
    return Path(current_app.static_folder)


@cache
def _digest_of(path: Path, mtime_ns: int) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()[:12]


def digest(filename: str) -> str | None:
    """The content hash of a file directly in static/ (None for no such file)."""
    root = static_root()
    if filename not in {path.name for path in root.iterdir() if path.is_file()}:
        return None
    path = root / filename
    return _digest_of(path, path.stat().st_mtime_ns)


def asset_url(filename: str) -> str:
    found = digest(filename)
    if found is None:
        raise ValueError(f"no static file {filename!r}")
    stem, _, ext = filename.rpartition(".")
    return url_for("asset", name=f"{stem}.{found}.{ext}")


def serve_asset(name: str):
    match = HASHED.match(name)
    if match is None:
        abort(404)
    filename = f"{match['stem']}.{match['ext']}"
    current = digest(filename)
    if current is None:
        abort(404)
    response = send_from_directory(static_root(), filename, conditional=True)
    response.headers["Cache-Control"] = (
        IMMUTABLE if current == match["digest"] else STALE
    )
    return response


def init_assets(app: Flask) -> None:
    app.add_url_rule("/assets/<name>", endpoint="asset", view_func=serve_asset)
    app.jinja_env.globals["asset_url"] = asset_url
