"""The benchmark's WSGI entry: the app as deployed, plus the bench hooks.

    gunicorn bench.wsgi:app      (bench/serve.py starts it)

wsgi.py (production) never imports bench/: the diagnostics exist only here.
"""

from bench.diagnostics import init_diagnostics
from community import create_app


def create_bench_app(config: type | None = None):
    """create_app() with the benchmark hooks whose flags are set."""
    return init_diagnostics(create_app(config))


app = create_bench_app()
