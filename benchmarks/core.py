"""Core benchmarks, side by side in one run, printed as ratios (never a timed test: machines are noisy).

1. ``import careerconv`` against ``import cattrs`` (target: at most 1.2x), each in a fresh interpreter,
   less the cost of starting an empty one; and what ``import careerconv`` leaves unloaded.
2. Load and validate the bundled standard template against ruamel.yaml's round-trip parse alone of the same
   file (target: faster, which shows the fast path is taken), and against PyYAML's ``CSafeLoader`` parse
   alone (printed for reference).

Run: ``python benchmarks/core.py`` (``--quick`` for a smoke run).
"""

from __future__ import annotations

import argparse
import io
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path


def interpreter_seconds(code: str, runs: int) -> list[float]:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run([sys.executable, "-c", code], check=True)
        times.append(time.perf_counter() - start)
    return times


def best_of(function: Callable[[], object], repeat: int, number: int) -> float:
    """Seconds per call: the best of ``repeat`` rounds of ``number`` calls."""
    rounds = []
    for _ in range(repeat):
        start = time.perf_counter()
        for _ in range(number):
            function()
        rounds.append((time.perf_counter() - start) / number)
    return min(rounds)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true", help="few repetitions: checks the script runs")
    args = parser.parse_args()
    runs, repeat, number = (3, 2, 5) if args.quick else (25, 7, 50)

    print("== import time (fresh interpreter, median less an empty interpreter's)")
    samples: dict[str, list[float]] = {"empty": [], "cattrs": [], "careerconv": []}
    for _ in range(runs):  # interleaved, so drifts in machine load hit all three alike
        samples["empty"] += interpreter_seconds("pass", 1)
        samples["cattrs"] += interpreter_seconds("import cattrs", 1)
        samples["careerconv"] += interpreter_seconds("import careerconv", 1)
    empty = statistics.median(samples["empty"])
    cattrs_s = statistics.median(samples["cattrs"]) - empty
    ours = statistics.median(samples["careerconv"]) - empty
    print(f"import cattrs       {cattrs_s * 1000:8.2f} ms")
    print(f"import careerconv   {ours * 1000:8.2f} ms   ratio {ours / cattrs_s:5.2f}x  (target <= 1.20x)")
    check = (
        "import sys, careerconv; "
        "heavy = [m for m in ('ruamel.yaml', 'cattrs', 'jinja2', 'pandas') if m in sys.modules]; "
        "print(', '.join(heavy) or 'none')"
    )
    loaded = subprocess.run([sys.executable, "-c", check], check=True, capture_output=True, text=True).stdout.strip()
    print(f"heavy modules loaded by import careerconv: {loaded}")

    import yaml
    from ruamel.yaml import YAML

    import careerconv

    raw = (Path(__file__).parent.parent / "templates" / "standard.yaml").read_bytes()
    text = raw.decode("utf-8")
    round_trip = YAML(typ="rt")
    timings = {
        "careerconv.loads (parse + structure + validate)": best_of(lambda: careerconv.loads(raw), repeat, number),
        "ruamel.yaml round-trip parse alone": best_of(lambda: round_trip.load(io.StringIO(text)), repeat, number),
        "PyYAML CSafeLoader parse alone": best_of(lambda: yaml.load(text, Loader=yaml.CSafeLoader), repeat, number),
    }
    print(f"\n== the standard template ({len(raw):,} bytes): seconds per load, best of {repeat} x {number}")
    base = timings["careerconv.loads (parse + structure + validate)"]
    for name, seconds in timings.items():
        print(f"{name:50} {seconds * 1000:8.3f} ms   careerconv/this {base / seconds:5.2f}x")
    verdict = "met" if base < timings["ruamel.yaml round-trip parse alone"] else "NOT met"
    print(f"target: careerconv.loads faster than ruamel's round-trip parse alone: {verdict}")


if __name__ == "__main__":
    main()
