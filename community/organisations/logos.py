"""Uploaded logos: decoded and re-encoded server-side as a small PNG, or refused.

Re-encoding drops whatever else the file carried (scripts in SVG are refused by
not accepting SVG at all, metadata and trailing bytes are not copied), and the
size limits bound both the work and what every visitor downloads.
"""

import io
import warnings

from flask_babel import gettext as _
from PIL import Image, UnidentifiedImageError

MAX_UPLOAD_BYTES = 1_000_000
MAX_SOURCE_PIXELS = 4000 * 4000  # larger images are refused before decoding
MAX_SIDE = 256  # the stored logo fits in 256 x 256
MAX_STORED_BYTES = 60_000
ACCEPTED_FORMATS = {"PNG", "JPEG", "GIF", "WEBP"}


class LogoRefused(ValueError):
    """The upload is not an image we accept; str() says why."""


def reencode(data: bytes) -> bytes:
    """A PNG of at most MAX_SIDE pixels a side made from the uploaded bytes."""
    if not data:
        raise LogoRefused(_("The file was empty."))
    if len(data) > MAX_UPLOAD_BYTES:
        raise LogoRefused(_("The logo must be smaller than 1 MB."))
    image = decode(data).convert("RGBA")
    image.thumbnail((MAX_SIDE, MAX_SIDE))
    png = encode(image)
    if len(png) > MAX_STORED_BYTES:  # photographs: fewer colours
        png = encode(image.convert("P", palette=Image.Palette.ADAPTIVE))
    if len(png) > MAX_STORED_BYTES:
        raise LogoRefused(_("The logo is too detailed; use a simpler image."))
    return png


UNREADABLE = (
    UnidentifiedImageError,
    OSError,
    Image.DecompressionBombError,
    Image.DecompressionBombWarning,
    ValueError,
    SyntaxError,
)


def decode(data: bytes) -> Image.Image:
    """The decoded image, refused before decoding when its header says it is huge."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(io.BytesIO(data))
            if image.format not in ACCEPTED_FORMATS:
                raise LogoRefused(_("Upload a PNG, JPEG, GIF or WebP image."))
            if image.width * image.height > MAX_SOURCE_PIXELS:
                raise LogoRefused(
                    _("The image is too large; use one under 4000 pixels a side.")
                )
            image.seek(0)
            image.load()
    except LogoRefused:
        raise
    except UNREADABLE as error:
        raise LogoRefused(_("This file is not an image we can read.")) from error
    return image


def encode(image: Image.Image) -> bytes:
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=True)
    return out.getvalue()
