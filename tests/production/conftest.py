"""The two gunicorn processes the multi-process tests share."""

import os
import subprocess
import sys

import pytest

from tests.conftest import free_port
from tests.production.test_two_processes import REDIS_URL, ROOT, wait_until_healthy


@pytest.fixture(scope="package")
def running_servers(app, smtp_server):
    """Two gunicorn processes on the test database and one Redis database,
    started once for the tests of this folder (5 s each time on PostgreSQL)."""
    env = {
        **os.environ,
        "DATABASE_URL": app.config["SQLALCHEMY_DATABASE_URI"],
        "REDIS_URL": REDIS_URL,
        "SECRET_KEY": "shared-secret-for-both-processes",
        "LOGIN_RATE_LIMIT": "5 per minute",
        "MAIL_BACKEND": "smtp",
        "MAIL_SERVER": "127.0.0.1",
        "MAIL_PORT": str(smtp_server.port),
        "REQUIRE_CONFIRMED_EMAIL": "false",
    }
    ports = [free_port(), free_port()]
    processes = [
        subprocess.Popen(
            [
                sys.executable,
                "-m",
                "gunicorn",
                "-w",
                "1",
                "-b",
                f"127.0.0.1:{port}",
                "wsgi:app",
            ],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        for port in ports
    ]
    urls = [f"http://127.0.0.1:{port}" for port in ports]
    try:
        for url in urls:
            wait_until_healthy(url)
        yield urls, env
    finally:
        for process in processes:
            process.terminate()
            process.wait(timeout=10)
