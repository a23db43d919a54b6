"""Load one URL with wrk, and probe it once for status, sizes and SQL count.

wrk's Lua `done` hook prints one JSON line (rps, p50, p99 in ms, errors), so
nothing depends on wrk's human-readable output. Only 127.0.0.1 is ever loaded,
for a fixed duration.
"""

import gzip
import http.cookiejar
import json
import re
import shutil
import subprocess
import tempfile
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

USER_AGENT = "community-hub-bench"
REPORTER = """
done = function(summary, latency, requests)
  local seconds = summary.duration / 1000000
  local errors = summary.errors
  io.write(string.format(
    '{"requests": %d, "seconds": %.3f, "rps": %.1f, "p50_ms": %.3f, ' ..
    '"p99_ms": %.3f, "max_ms": %.3f, "errors": %d, "non_2xx_3xx": %d}\\n',
    summary.requests, seconds, summary.requests / seconds,
    latency:percentile(50) / 1000, latency:percentile(99) / 1000,
    latency.max / 1000,
    errors.connect + errors.read + errors.write + errors.timeout + errors.status,
    errors.status))
end
"""

# Each wrk thread walks its own share of a list of paths, one a request
# (setup() runs once per thread in wrk's main Lua state).
PATHS_SCRIPT = """
counter = 0
local started = 0
setup = function(thread)
  thread:set("offset", started)
  started = started + 1
end
request = function()
  local path = paths[(offset + counter) %% #paths + 1]
  counter = counter + %(step)d
  return wrk.format(nil, path)
end
"""


def paths_script(paths: list[str], step: int) -> str:
    """Lua that sends paths[i] as the i-th request, split across `step` threads."""
    listed = ",\n".join(json.dumps(path) for path in paths)  # Lua reads JSON strings
    return f"paths = {{\n{listed}\n}}\n" + PATHS_SCRIPT % {"step": step}


@dataclass
class Probe:
    status: int
    gzip_status: int = 0
    size: int = 0
    gzip_size: int = 0
    queries: int | None = None
    etag: str = ""
    headers: dict = field(default_factory=dict)


def require_wrk() -> str:
    path = shutil.which("wrk")
    if path is None:
        raise SystemExit("wrk is not installed: apt-get install -y wrk (or make bench)")
    return path


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def fetch(url: str, headers: dict) -> tuple[int, bytes, dict]:
    # Only the benchmark's own http://127.0.0.1 server is ever fetched.
    request = urllib.request.Request(  # noqa: S310
        url, headers={"User-Agent": USER_AGENT} | headers
    )
    opener = urllib.request.build_opener(NoRedirect)
    try:
        with opener.open(request, timeout=30) as response:
            return response.status, response.read(), dict(response.headers)
    except urllib.error.HTTPError as error:
        return error.code, error.read(), dict(error.headers)


def probe(url: str, headers: dict) -> Probe:
    """One plain and one gzip request: status, body sizes and X-Query-Count."""
    status, body, response_headers = fetch(url, headers)
    result = Probe(status=status, size=len(body), headers=response_headers)
    count = response_headers.get("X-Query-Count")
    result.queries = int(count) if count is not None else None
    result.gzip_status, zipped, zipped_headers = fetch(
        url, headers | {"Accept-Encoding": "gzip"}
    )
    # Compression may change the ETag; the load runs with gzip, so keep that one.
    result.etag = zipped_headers.get("ETag") or response_headers.get("ETag", "")
    if zipped_headers.get("Content-Encoding") == "gzip":
        result.gzip_size = len(zipped)
    else:  # too small to compress, or a 304 with no body
        result.gzip_size = len(gzip.compress(body)) if body else 0
    return result


def run_wrk(
    url: str, headers: dict, duration: int, connections: int, paths: list[str] = ()
) -> dict:
    """wrk for `duration` seconds; the reporter's JSON as a dict. With `paths`,
    each request asks for the next one on url's host instead of url's own."""
    threads = min(2, connections)
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
        script.write(REPORTER + (paths_script(paths, threads) if paths else ""))
    command = [
        require_wrk(),
        "--threads",
        str(threads),
        "--connections",
        str(connections),
        "--duration",
        f"{duration}s",
        "--timeout",
        "10s",
        "--script",
        script.name,
    ]
    all_headers = {"User-Agent": USER_AGENT, "Accept-Encoding": "gzip"} | headers
    for name, value in all_headers.items():
        command += ["--header", f"{name}: {value}"]
    command.append(url)
    try:
        finished = subprocess.run(
            command, capture_output=True, text=True, timeout=duration + 30, check=False
        )
    finally:
        Path(script.name).unlink(missing_ok=True)
    for line in reversed(finished.stdout.splitlines()):
        if line.startswith("{"):
            return json.loads(line)
    raise RuntimeError(f"wrk gave no report: {finished.stdout}\n{finished.stderr}")


CSRF_FIELD = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"')


def login_cookie(base_url: str, login: str, password: str) -> str:
    """Log in over HTTP like a browser; returns the Cookie header value."""
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(
        urllib.request.HTTPCookieProcessor(jar), NoRedirect
    )
    opener.addheaders = [("User-Agent", USER_AGENT)]
    with opener.open(base_url + "/auth/login", timeout=30) as response:
        page = response.read().decode()
    token = CSRF_FIELD.search(page)
    form = {"login": login, "password": password}
    if token:
        form["csrf_token"] = token.group(1)
    data = urllib.parse.urlencode(form).encode()
    try:
        opener.open(base_url + "/auth/login", data=data, timeout=30)
    except urllib.error.HTTPError as error:
        if error.code not in (301, 302, 303):
            raise RuntimeError(f"log-in failed with {error.code}") from error
    cookies = "; ".join(f"{cookie.name}={cookie.value}" for cookie in jar)
    if not cookies:
        raise RuntimeError("log-in set no cookie")
    return cookies
