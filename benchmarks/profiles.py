"""Where the time goes in the rows of ``run.py`` that miss their target: one profile each, printed as tables.

Run: ``python benchmarks/profiles.py`` (``--count N`` records, 5,000 by default). Each workload runs once
under ``cProfile``; the table lists the functions with the most time of their own. The profiler's own cost
inflates Python calls against C ones, so read the shares, not the seconds, and compare with ``run.py``.
"""

from __future__ import annotations

import argparse
import cProfile
import json
import pstats
import random
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).parent))

import data

import careerconv


def profile(title: str, work: Callable[[], Any], rows: int = 12) -> None:
    """Run ``work`` under the profiler and print its busiest functions."""
    work()  # warm: templates found, decoders made
    profiler = cProfile.Profile()
    profiler.enable()
    work()
    profiler.disable()
    stats = pstats.Stats(profiler)
    entries = stats.stats  # type: ignore[attr-defined]
    total = sum(entry[2] for entry in entries.values())
    print(f"\n== {title}: {total:.3f} s under the profiler")
    print("| function | own seconds | share |\n|---|---|---|")
    busiest = sorted(entries.items(), key=lambda item: item[1][2], reverse=True)[:rows]
    for (file, line, name), entry in busiest:
        where = name if file == "~" else f"{Path(file).name}:{line} {name}"
        print(f"| `{where}` | {entry[2]:.3f} | {entry[2] / total:.0%} |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=5_000)
    args = parser.parse_args()
    rnd = random.Random(1)
    lines = [json.dumps(data.record(n, rnd)).encode() for n in range(args.count)]
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        path = folder / "records.jsonl"
        path.write_bytes(b"\n".join(lines) + b"\n")

        def iterate_and_drop() -> None:
            for _ in careerconv.iter_conversations(path):
                pass

        profile(f"iter_conversations over {args.count} JSON Lines records, iterate and drop", iterate_and_drop)
        records = careerconv.load_conversations(path)
        assert isinstance(records, list)

        def jsonl() -> None:
            for record in records:
                careerconv.dumps(record, format="jsonl")

        profile(f"dumps(format='jsonl') of {args.count} records", jsonl)
        data.write_yaml_folder(folder / "yaml", lines[: args.count // 5])

        def yaml_folder() -> None:
            for _ in careerconv.iter_conversations(folder / "yaml"):
                pass

        profile(f"iter_conversations over a folder of {args.count // 5} YAML records", yaml_folder)

        def pandas() -> None:
            careerconv.to_pandas(records, "motivations")

        profile(f"to_pandas(records, 'motivations') of {args.count} records", pandas)


if __name__ == "__main__":
    main()
