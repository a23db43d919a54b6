"""Re-fit the cost budget (budget.py): time the renderer on shaped inputs.

    python -m community.text.calibrate [--scale 1.0]

For each input it prints the CPU seconds the renderer really took with the
budget lifted, beside the budget's estimate and its biggest cause. Where the two
drift apart, adjust that cause in budget._NANOSECONDS_PER (and the table above it).
"""

import argparse
import contextlib
import math
import time
from collections.abc import Callable
from unittest import mock

from community.text import budget, rendering
from community.text.budget import TextRefused

SAMPLES: dict[str, Callable[[float], str]] = {
    "unclosed [": lambda n: "[" * int(8000 * n),
    "unclosed [a](": lambda n: "[a](" * int(2000 * n),
    "images ![": lambda n: "![" * int(2000 * n),
    "emphasis a*": lambda n: "***" + "a*" * int(5000 * n),
    "backtick runs": lambda n: " ".join("`" * k for k in range(1, max(2, int(60 * n)))),
    "headings # a": lambda n: "# a\n" * int(2000 * n),
    "fences ```a": lambda n: "```a\n" * int(2000 * n),
    "list items": lambda n: "- a\n\n" * int(2500 * n),
    "table rows": lambda n: "a|b\n-|-\n" * int(1250 * n),
    "< and &": lambda n: "<&" * int(5000 * n),
    "ordinary post": lambda n: (
        "Some *words* and a [link](https://x.org).\n\n" * max(1, int(250 * n))
    ),
}


def measure(source: str) -> tuple[float, budget._Work]:
    """(CPU seconds, the work estimated) for one render with the budget lifted."""
    works: list[budget._Work] = []

    class Recording(budget._Work):
        def __init__(self) -> None:
            super().__init__()
            works.append(self)

    with (
        mock.patch.object(rendering, "_Work", Recording),
        mock.patch.object(budget, "WORK_BUDGET", math.inf),
    ):
        started = time.process_time()
        # Nesting is refused outright, whatever the budget.
        with contextlib.suppress(TextRefused, RecursionError):
            rendering.render(source)
        return time.process_time() - started, works[0]


def main(argv: list[str] | None = None) -> list[str]:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=float, default=1.0, help="input size factor")
    scale = parser.parse_args(argv).scale
    lines = []
    for name, make in SAMPLES.items():
        seconds, work = measure(make(scale))
        cause = work.most_common(1)[0][0] if work else "-"
        estimate = work.total() / 1e9
        lines.append(
            f"{name:<16} measured {seconds:7.3f} s   estimated {estimate:7.3f} s"
            f"   ({cause})"
        )
    print("\n".join(lines))
    return lines


if __name__ == "__main__":
    main()
