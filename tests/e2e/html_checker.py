"""HTML validity with the Nu Html Checker (vnu.jar from npm's vnu-jar, on Java).

The 30 MB jar is not committed: it is fetched once with `npm pack` into
.cache/vnu/ (ignored by git), or taken from $VNU_JAR. vnu refuses
127.0.0.1 URLs, so rendered pages are checked as files, in one JVM start.
"""

import json
import os
import shutil
import subprocess
import tarfile
import tempfile
from pathlib import Path

from tests.e2e.browser import PROJECT

VNU_PACKAGE = "vnu-jar@26.9.27"
VNU_CACHE = PROJECT / ".cache" / "vnu"


class CheckerUnavailable(RuntimeError):
    """Java or the jar is missing and cannot be fetched; str() says what to do."""


def vnu_jar() -> Path:
    if os.environ.get("VNU_JAR"):
        return Path(os.environ["VNU_JAR"])
    jar = VNU_CACHE / "vnu.jar"
    if not jar.exists():
        fetch_jar(jar)
    return jar


def fetch_jar(jar: Path) -> None:
    npm = shutil.which("npm")
    if npm is None:
        raise CheckerUnavailable(
            "npm not found: install it (apt-get install npm) or set VNU_JAR"
        )
    with tempfile.TemporaryDirectory() as folder:
        result = subprocess.run(
            [npm, "pack", VNU_PACKAGE, "--silent", "--pack-destination", folder],
            capture_output=True,
            text=True,
            timeout=600,
        )
        tarballs = list(Path(folder).glob("vnu-jar-*.tgz"))
        if result.returncode != 0 or not tarballs:
            raise CheckerUnavailable(
                f"`npm pack {VNU_PACKAGE}` failed: {result.stderr.strip()[-300:]}"
            )
        jar.parent.mkdir(parents=True, exist_ok=True)
        # Two suites may fetch at once (CI runs them side by side): own partial file.
        partial = jar.with_suffix(f".{os.getpid()}.part")
        with tarfile.open(tarballs[0]) as tar:
            source = tar.extractfile("package/build/dist/vnu.jar")
            with source, partial.open("wb") as target:
                shutil.copyfileobj(source, target)
        partial.replace(jar)  # never a half-written jar in the cache


def java_command() -> str:
    java = shutil.which("java")
    if java is None:
        raise CheckerUnavailable(
            "java not found: run `bash ../shared/tools/install-browser-deps.sh "
            "--java` (or apt-get install default-jre-headless)"
        )
    return java


def check_files(files: list[Path]) -> dict[str, list[str]]:
    """Errors per file name ('line:column message'); warnings are ignored."""
    result = subprocess.run(
        [java_command(), "-jar", str(vnu_jar()), "--format", "json"]
        + ["--exit-zero-always", *map(str, files)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    report = json.loads(result.stderr or result.stdout)  # vnu writes JSON to stderr
    errors: dict[str, list[str]] = {file.name: [] for file in files}
    for message in report["messages"]:
        if message.get("type") not in ("error", "non-document-error"):
            continue
        name = message.get("url", "").rsplit("/", 1)[-1]
        where = f"{message.get('lastLine', '?')}:{message.get('firstColumn', '?')}"
        extract = message.get("extract", "").strip()
        errors.setdefault(name, []).append(f"{where} {message['message']} [{extract}]")
    return errors
