"""Gunicorn for the benchmark: 2 workers on a free 127.0.0.1 port, stopped cleanly.

Only the process started here (and its own workers) is ever signalled, by id.
Worker memory is read from /proc (VmRSS) by a sampler thread.
"""

import os
import re
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
START_TIMEOUT = 30.0
STOP_TIMEOUT = 10.0

WORKERS = 2  # gunicorn sync workers, as on a small two-core host


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Server:
    """with Server(url) as server: server.base_url, server.worker_pids()."""

    def __init__(
        self, database_url: str, workers: int = WORKERS, worker_class: str = "sync"
    ):
        self.database_url = database_url
        self.workers = workers
        self.worker_class = worker_class
        self.port = free_port()
        self.base_url = f"http://127.0.0.1:{self.port}"
        self.log_path = ROOT / "bench" / "cache" / f"gunicorn-{self.port}.log"
        self.process: subprocess.Popen | None = None
        self.reported_worker_class = ""

    def environment(self) -> dict:
        env = dict(os.environ)
        env.update(
            DATABASE_URL=self.database_url,
            COMMUNITY_ENV="development",  # bench flags are forced off in production
            BENCH_COUNT_QUERIES="1",
            BENCH_CEILING="1",
            MAIL_BACKEND="log",
            SQLALCHEMY_RECORD_QUERIES="0",
        )
        return env

    def start(self) -> "Server":
        command = [
            sys.executable,
            "-m",
            "gunicorn",
            "--workers",
            str(self.workers),
            "--worker-class",
            self.worker_class,
            "--bind",
            f"127.0.0.1:{self.port}",
            "--log-level",
            "info",
            "--graceful-timeout",
            "5",
            "bench.wsgi:app",
        ]
        self.log_path.parent.mkdir(parents=True, exist_ok=True)
        log = self.log_path.open("wb")
        self.process = subprocess.Popen(
            command,
            cwd=ROOT,
            env=self.environment(),
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        log.close()
        self.wait_until_healthy()
        self.reported_worker_class = self.read_worker_class()
        return self

    def wait_until_healthy(self) -> None:
        deadline = time.monotonic() + START_TIMEOUT
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"gunicorn exited; see {self.log_path}")
            try:
                url = self.base_url + "/healthz"  # our own 127.0.0.1 server
                with urllib.request.urlopen(url, timeout=2) as answer:  # noqa: S310
                    if answer.status == 200 and len(self.worker_pids()) >= self.workers:
                        return
            except OSError:
                pass
            time.sleep(0.2)
        self.stop(keep_log=True)
        raise RuntimeError(f"gunicorn not healthy in {START_TIMEOUT}s; {self.log_path}")

    def read_worker_class(self) -> str:
        found = re.search(
            r"Using worker: (\S+)", self.log_path.read_text(errors="replace")
        )
        return found.group(1) if found else self.worker_class

    def worker_pids(self) -> list[int]:
        if self.process is None:
            return []
        children = Path(f"/proc/{self.process.pid}/task/{self.process.pid}/children")
        try:
            return [int(pid) for pid in children.read_text().split()]
        except OSError:
            return []

    def stop(self, keep_log: bool = False) -> None:
        if self.process is None or self.process.poll() is not None:
            return
        self.process.send_signal(signal.SIGTERM)  # gunicorn stops its workers
        try:
            self.process.wait(timeout=STOP_TIMEOUT)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)  # our own session only
            self.process.wait(timeout=STOP_TIMEOUT)
            return  # keep the log of a server that would not stop
        if not keep_log:
            self.log_path.unlink(missing_ok=True)

    def __enter__(self) -> "Server":
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()


def rss_bytes(pid: int) -> int:
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return 0
    found = re.search(r"^VmRSS:\s+(\d+) kB", status, re.MULTILINE)
    return int(found.group(1)) * 1024 if found else 0


class MemorySampler:
    """Peak resident memory of any one worker while the block runs."""

    def __init__(self, server: Server, interval: float = 0.1):
        self.server = server
        self.interval = interval
        self.peak = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        while not self._stop.is_set():
            for pid in self.server.worker_pids():
                self.peak = max(self.peak, rss_bytes(pid))
            self._stop.wait(self.interval)

    def __enter__(self) -> "MemorySampler":
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._thread.join(timeout=2)
        for pid in self.server.worker_pids():
            self.peak = max(self.peak, rss_bytes(pid))
