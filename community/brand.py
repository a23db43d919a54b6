"""The operator's identity: site name and brand colour (config), the avatar colours.

BRAND_COLOUR (a hex colour such as #0b5cad) replaces the stylesheet's --brand and
--brand-dark through a tiny stylesheet of its own at a hashed address
(/brand.<hash>.css, cached for a year), because the CSP allows no inline styles.
A colour too light for white text (or as link text on white) is darkened until it
reaches WCAG AA (4.5:1), so no operator can make the site unreadable.
"""

import hashlib
import re

from flask import Flask, Response, abort, url_for

DEFAULT_BRAND = "#0b5cad"
HEX = re.compile(r"^#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})$")
AA = 4.5
IMMUTABLE = "public, max-age=31536000, immutable"

# Avatar discs (static/site.css .avatar-N): white initials on each reach 4.5:1.
AVATAR_COLOURS = (
    "#0b5cad",
    "#17663a",
    "#a4161a",
    "#6a3d9a",
    "#8a4b08",
    "#00616b",
    "#b0266b",
    "#3d4a5c",
)


def parse_hex(value: str) -> tuple[int, int, int]:
    if not isinstance(value, str) or not HEX.match(value.strip()):
        raise ValueError(
            f"BRAND_COLOUR must be a hex colour such as #0b5cad, not {value!r}"
        )
    digits = value.strip()[1:]
    if len(digits) == 3:
        digits = "".join(ch * 2 for ch in digits)
    return tuple(int(digits[i : i + 2], 16) for i in (0, 2, 4))


def to_hex(rgb) -> str:
    return "#" + "".join(f"{round(c):02x}" for c in rgb)


def luminance(rgb) -> float:
    def channel(c: float) -> float:
        c = c / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(c) for c in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast_with_white(rgb) -> float:
    return 1.05 / (luminance(rgb) + 0.05)


def darken(rgb, factor: float):
    return tuple(c * factor for c in rgb)


def readable(rgb, target: float = AA):
    """The colour, darkened just enough for white text on it (and it on white)."""
    while contrast_with_white(rgb) < target:
        rgb = darken(rgb, 0.95)
    return rgb


def brand_palette(value: str) -> dict[str, str]:
    rgb = readable(parse_hex(value))
    return {"brand": to_hex(rgb), "brand-dark": to_hex(darken(rgb, 0.78))}


def avatar_colour(user_id: int | None) -> int:
    """A stable colour for a person (an index into AVATAR_COLOURS, the stylesheet's
    .avatar-0 ... .avatar-7), from a hash of their id: it survives a change of name,
    and neighbouring ids still get unrelated colours."""
    digest = hashlib.sha256(str(user_id or 0).encode()).digest()
    return digest[0] % len(AVATAR_COLOURS)


def initials(name: str) -> str:
    words = [w for w in (name or "").replace("_", " ").split() if w]
    if not words:
        return "?"
    letters = words[0][0] + (words[-1][0] if len(words) > 1 else "")
    return letters.upper()


def brand_css(palette: dict[str, str]) -> str:
    body = "; ".join(f"--{name}: {colour}" for name, colour in palette.items())
    return ":root { " + body + "; }\n"


def init_brand(app: Flask) -> None:
    """Check BRAND_COLOUR at start-up (a bad value stops the app, saying why)."""
    configured = app.config.get("BRAND_COLOUR") or DEFAULT_BRAND
    palette = brand_palette(configured)
    css = brand_css(palette)
    version = hashlib.sha256(css.encode()).hexdigest()[:12]
    custom = parse_hex(configured) != parse_hex(DEFAULT_BRAND)

    def serve_brand_css(digest: str):
        if digest != version:
            abort(404)
        response = Response(css, mimetype="text/css")
        response.headers["Cache-Control"] = IMMUTABLE
        return response

    app.add_url_rule(
        "/brand.<digest>.css", endpoint="brand_css", view_func=serve_brand_css
    )

    def brand_stylesheet() -> str | None:
        return url_for("brand_css", digest=version) if custom else None

    app.jinja_env.globals["brand_stylesheet"] = brand_stylesheet
    app.jinja_env.globals["avatar_colour"] = avatar_colour
    app.jinja_env.globals["initials"] = initials
