"""The cost of hostile documents: time and peak memory to refuse each, one fresh process a document.

The security review's resource rows (a million problems, a megabyte locale, huge files, editing large
records), at the size limit. Each document runs in a process of its own, so the peak resident memory
(``ru_maxrss``) is that document's alone; ``tracemalloc`` gives Python's own peak beside it.

    python benchmarks/hostile.py            # every document at full size (a few minutes)
    python benchmarks/hostile.py --quick    # at a tenth of the size (CI's smoke run)
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

HEAD = "kind: conversation\nschema_version: 1\nid: r1\ntemplate: {name: standard}\nemployee: {id: alex}\n"
JSON_HEAD = '{"kind":"conversation","schema_version":1,"id":"r1","template":{"name":"standard"},"employee":{"id":"a"},'
LIMIT = 8 * 1024 * 1024


def documents(scale: float) -> dict[str, tuple[str, str]]:
    """Name: (file name, text), each just under the size limit at scale 1."""
    n = int(scale * 2_700_000)
    return {
        "YAML flow list of one-letter notes": ("notes.yaml", HEAD + "notes: [" + ", ".join(["a"] * n) + "]\n"),
        "JSON list of integers": ("ints.json", JSON_HEAD + '"notes":[' + ",".join(["1"] * (n * 3 // 2)) + "]}"),
        "YAML mapping of unknown answers": (
            "answers.yaml",
            HEAD + "answers: {" + ", ".join(f"k{i}: 1" for i in range(int(scale * 700_000))) + "}\n",
        ),
        "YAML duplicate keys": ("dups.yaml", HEAD + "params: {" + ", ".join(["a: b"] * (n // 2)) + "}\n"),
        "a locale of the whole size": (
            "locale.yaml",
            HEAD.replace("{name: standard}", '{name: standard, locale: "' + "a-" * int(scale * 4_000_000) + 'x"}'),
        ),
    }


CHILD = """
import resource, sys, time, tracemalloc
import careerconv
path, trace = sys.argv[1], sys.argv[2] == "trace"
if trace:  # tracemalloc slows Python down: time is measured in a run without it
    tracemalloc.start()
started = time.perf_counter()
try:
    careerconv.load(path)
    outcome = "accepted"
except careerconv.ValidationError as error:
    outcome = f"{len(error.problems)} problems"
seconds = time.perf_counter() - started
peak = tracemalloc.get_traced_memory()[1]
rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
print(f"{outcome}\\t{seconds:.2f}\\t{peak}\\t{rss}")
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="a tenth of the size")
    args = parser.parse_args()
    scale = 0.1 if args.quick else 1.0
    folder = Path(tempfile.mkdtemp())
    rows = []
    for name, (file, text) in documents(scale).items():
        path = folder / file
        path.write_text(text)
        size = path.stat().st_size
        assert size <= LIMIT, (name, size)
        timed, traced = (
            subprocess.run(
                [sys.executable, "-c", CHILD, str(path), how], capture_output=True, text=True, check=True, timeout=1800
            ).stdout.split("\t")
            for how in ("time", "trace")
        )
        outcome, seconds, _, rss = timed
        peak = traced[2]
        rows.append(
            {
                "document": name,
                "bytes": size,
                "outcome": outcome,
                "seconds": float(seconds),
                "python_peak_mb": round(int(peak) / 2**20, 1),
                "max_rss_mb": round(int(rss) / 2**20, 1),
                "peak_per_byte": round(int(peak) / size, 1),
            }
        )
        print(json.dumps(rows[-1]))
    worst = max(float(str(row["peak_per_byte"])) for row in rows)
    print(f"worst Python peak per document byte: {worst}")


if __name__ == "__main__":
    main()
