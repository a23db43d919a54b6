"""Redirect targets chosen by the request: only paths on this site."""

from urllib.parse import urlsplit


def safe_next(target: str | None, default: str = "/") -> str:
    """The target if it is a local path, else the default (no open redirects)."""
    if not target or len(target) > 2000:
        return default
    # Browsers treat "\" like "/" and ignore tabs/newlines: "/\evil" is "//evil".
    cleaned = target.replace("\\", "/")
    if any(ch in cleaned for ch in "\t\r\n") or any(ord(ch) < 32 for ch in cleaned):
        return default
    parts = urlsplit(cleaned)
    if (
        parts.scheme
        or parts.netloc
        or not cleaned.startswith("/")
        or cleaned.startswith("//")
    ):
        return default
    return target
