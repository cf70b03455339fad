"""Peak memory of ``careerconv export`` (``export_archive``) for a small and a large archive: it must stay flat.

Run: ``python benchmarks/export_memory.py`` (``--large 20000`` for a shorter run). It writes JSON Lines of
1,000 and of 100,000 generated records (about 4 KB each, dated over eight quarters), exports each to Parquet
for ``hr`` in a fresh interpreter, and prints each one's peak resident memory, the time it took, and the
ratio large / small. The target is at most 1.5x: records are read, redacted and written in batches, so the
archive's size should not show in memory. Nothing here is a timed test; docs/performance.md records a run.
"""

from __future__ import annotations

import argparse
import json
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

import data

QUARTERS = (
    "2025-02-10",
    "2025-05-12",
    "2025-08-11",
    "2025-11-10",
    "2026-02-09",
    "2026-05-11",
    "2026-08-10",
    "2026-11-09",
)

CHILD = """
import resource, sys
import careerconv
result = careerconv.export_archive(sys.argv[1], sys.argv[2], audience="hr")
print(result.records, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
"""


def write(path: Path, count: int) -> None:
    """``count`` records as JSON Lines, written one at a time (the generator holds none of them)."""
    rnd = random.Random(1)
    with path.open("wb") as stream:
        for n in range(count):
            record = data.record(n, rnd)
            day = QUARTERS[n % len(QUARTERS)]
            record["id"] = f"{day}-p{n}"
            record["date"] = day
            stream.write(json.dumps(record).encode() + b"\n")


def measure(source: Path, out: Path) -> tuple[int, float, float]:
    """Records exported, peak resident memory in MiB, and seconds, of one export in a fresh interpreter."""
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-c", CHILD, str(source), str(out)], check=True, capture_output=True, text=True
    )
    seconds = time.perf_counter() - start
    records, peak_kib = done.stdout.split()
    return int(records), int(peak_kib) / 1024, seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--small", type=int, default=1_000)
    parser.add_argument("--large", type=int, default=100_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        results = {}
        for label, count in (("small", args.small), ("large", args.large)):
            source = root / f"{label}.jsonl"
            write(source, count)
            results[label] = measure(source, root / f"{label}-archive")
            records, peak, seconds = results[label]
            size = source.stat().st_size / 2**20
            row = f"| export of {records:,} records ({size:,.0f} MiB of JSON Lines) | {peak:,.0f} MiB peak |"
            print(f"{row} {seconds:,.1f} s |")
        ratio = results["large"][1] / results["small"][1]
        print(f"| peak memory, {args.large:,} / {args.small:,} records | {ratio:.2f}x (target: at most 1.5x) |")


if __name__ == "__main__":
    main()
