"""The translation catalogues on disk: compile .po to .mo where a .mo is stale.

`make compile-translations` does this with pybabel; this is the same step for
code that starts without make (the test session, `flask compile-translations`).
"""

from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

TRANSLATIONS = Path(__file__).resolve().parent / "translations"


def catalogue_paths() -> list[Path]:
    """Every <language>/LC_MESSAGES/messages.po."""
    return sorted(TRANSLATIONS.glob("*/LC_MESSAGES/messages.po"))


def compile_stale(directory: Path = TRANSLATIONS) -> list[str]:
    """Compile each .po whose .mo is missing or older; fuzzy entries are left out."""
    compiled = []
    for po in sorted(directory.glob("*/LC_MESSAGES/messages.po")):
        mo = po.with_suffix(".mo")
        if mo.exists() and mo.stat().st_mtime >= po.stat().st_mtime:
            continue
        with po.open("rb") as source:
            catalog = read_po(source, locale=po.parent.parent.name)
        with mo.open("wb") as target:
            write_mo(target, catalog, use_fuzzy=False)
        compiled.append(po.parent.parent.name)
    return compiled
