"""careerconv's performance targets, measured side by side with its peers in one run, printed as ratios.

Run: ``python benchmarks/run.py`` (``--quick`` for a smoke run with small sizes; the ratios then mean little).
It needs the ``dev`` extra plus the peers: ``pip install pydantic msgspec pyyaml``.

Every timing is the best of a few rounds, peers and careerconv interleaved, so a noisy neighbour on a shared
machine hits all of them alike. A ratio above 1 means careerconv is faster. Nothing here is a timed test:
the numbers are printed, and ``docs/performance.md`` records them with the machine they came from.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).parent))

import data
import peers

import careerconv
from careerconv.documents import fast
from careerconv.registry import default_registry

ROWS: list[tuple[str, str, str]] = []


def best(function: Callable[[], Any], rounds: int) -> float:
    """Seconds of the fastest of ``rounds`` runs; the result is dropped before the next run."""
    times = []
    for _ in range(rounds):
        start = time.perf_counter()
        result = function()
        times.append(time.perf_counter() - start)
        del result
        gc.collect()
    return min(times)


def side_by_side(functions: dict[str, Callable[[], Any]], rounds: int) -> dict[str, float]:
    """Each function ``rounds`` times, interleaved; the best time of each."""
    times: dict[str, list[float]] = {name: [] for name in functions}
    for _ in range(rounds):
        for name, function in functions.items():
            times[name].append(best(function, 1))
    return {name: min(values) for name, values in times.items()}


def report(name: str, value: str, target: str) -> None:
    ROWS.append((name, value, target))
    print(f"  {name:<58} {value:>16}   {target}")


def ratio(peer: float, ours: float) -> float:
    return peer / ours


def jsonl(folder: Path, count: int, rounds: int) -> list[bytes]:
    print(f"== load and validate {count} records from JSON Lines (~{4.3 * count / 1000:.0f} MB)")
    path = folder / "records.jsonl"
    lines = data.write_jsonl(path, count)
    times = side_by_side(
        {
            "pydantic": lambda: peers.pydantic_records(lines),
            "msgspec": lambda: peers.msgspec_records(lines),
            "iter_conversations": lambda: list(careerconv.iter_conversations(path)),
            "load_conversations": lambda: careerconv.load_conversations(path),
        },
        rounds,
    )
    for name, seconds in times.items():
        print(f"  {name:<24} {seconds:8.3f} s")
    for ours in ("iter_conversations", "load_conversations"):
        report(f"{ours} vs pydantic v2 (throughput)", f"{ratio(times['pydantic'], times[ours]):.2f}x", "target >= 3x")
        report(f"{ours} vs msgspec (throughput)", f"{ratio(times['msgspec'], times[ours]):.2f}x", "target >= 0.5x")
    return lines


def yaml_folder(folder: Path, lines: list[bytes], rounds: int) -> None:
    import yaml

    count = len(lines)
    print(f"== load and validate the same {count} records as YAML files in a folder")
    files = data.write_yaml_folder(folder / "yaml", lines)
    lookup = fast.Lookup(default_registry())

    def pyyaml() -> list[Any]:
        # PyYAML's C parser, then the same structuring careerconv applies to parsed data.
        return [fast.conversation(yaml.load(p.read_bytes(), Loader=yaml.CSafeLoader), lookup) for p in files]

    times = side_by_side(
        {"pyyaml+structuring": pyyaml, "careerconv": lambda: careerconv.load_conversations(folder / "yaml")},
        rounds,
    )
    for name, seconds in times.items():
        print(f"  {name:<24} {seconds:8.3f} s")
    against = ratio(times["pyyaml+structuring"], times["careerconv"])
    report("YAML folder vs PyYAML CSafeLoader + structuring", f"{against:.2f}x", "target >= 0.5x")
    semantics = careerconv.loads(
        "kind: template\nschema_version: 1\nname: x\nversion: 1.0.0\ntitle: T\n"
        "sections: [{id: s, title: no, questions: [{id: q, text: 'on'}]}]\n"
    )
    assert isinstance(semantics, careerconv.Template)
    assert semantics.sections[0].title == "no"
    print("  YAML 1.2 semantics kept: a plain `no` stays the text 'no'")


def dumping(lines: list[bytes], rounds: int) -> None:
    print(f"== write {len(lines)} records as JSON Lines")
    records = [careerconv.loads(line, format="json") for line in lines]
    models = peers.pydantic_records(lines)
    times = side_by_side(
        {
            "pydantic model_dump_json": lambda: [m.model_dump_json() for m in models],
            "careerconv dumps jsonl": lambda: [careerconv.dumps(r, format="jsonl") for r in records],
        },
        rounds,
    )
    for name, seconds in times.items():
        print(f"  {name:<28} {seconds:8.3f} s")
    against = ratio(times["pydantic model_dump_json"], times["careerconv dumps jsonl"])
    report("dumps(format='jsonl') vs pydantic model_dump_json", f"{against:.2f}x", "target >= 3x")


# Peak resident memory of this process alone: VmHWM, which starts afresh at exec (ru_maxrss of a child can
# carry the parent's size at fork). In KiB.
MEMORY_PROBE = """
import sys, careerconv
count = 0
for record in careerconv.iter_conversations(sys.argv[1]):
    count += 1
with open("/proc/self/status") as status:
    peak = next(int(line.split()[1]) for line in status if line.startswith("VmHWM:"))
print(count, peak)
"""


def memory(folder: Path, small: int, large: int) -> None:
    print(f"== streaming memory: iter_conversations over {small} and {large} records (peak RSS, fresh process)")
    peaks = {}
    for count in (small, large):
        path = folder / f"memory-{count}.jsonl"
        data.write_jsonl(path, count, seed=2)
        out = subprocess.run(
            [sys.executable, "-c", MEMORY_PROBE, str(path)], check=True, capture_output=True, text=True
        )
        seen, peak = (int(x) for x in out.stdout.split())
        assert seen == count
        peaks[count] = peak
        path.unlink()
        print(f"  {count:>7} records   peak {peak / 1024:8.1f} MiB")
    report(f"peak memory, {large} records / {small} records", f"{peaks[large] / peaks[small]:.2f}x", "target <= 1.5x")


def import_time(rounds: int) -> None:
    print("== import time (fresh interpreter, median less an empty interpreter's)")
    samples: dict[str, list[float]] = {"pass": [], "import cattrs": [], "import careerconv": []}
    for _ in range(rounds):
        for code, times in samples.items():
            start = time.perf_counter()
            subprocess.run([sys.executable, "-c", code], check=True)
            times.append(time.perf_counter() - start)
    empty = statistics.median(samples["pass"])
    cattrs_s = statistics.median(samples["import cattrs"]) - empty
    ours = statistics.median(samples["import careerconv"]) - empty
    print(f"  import cattrs {cattrs_s * 1000:.1f} ms, import careerconv {ours * 1000:.1f} ms")
    report("import careerconv / import cattrs", f"{ours / cattrs_s:.2f}x", "target <= 1.2x")
    heavy = "('ruamel', 'jinja2', 'pandas', 'msgspec', 'cattrs')"
    probe = f"import sys, careerconv; print(sorted(m for m in {heavy} if m in sys.modules))"
    loaded = subprocess.run([sys.executable, "-c", probe], check=True, capture_output=True, text=True).stdout.strip()
    report("heavy modules loaded by import careerconv", loaded, "target: []")


def pandas_table(lines: list[bytes], rounds: int) -> None:
    import pandas as pd

    print(f"== to_pandas over {len(lines)} records, against the same table from plain dicts")
    records = [careerconv.loads(line, format="json") for line in lines]
    plain = [json.loads(line) for line in lines]
    columns = ["conversation", "employee", "team", "manager", "date", "template", "template_version", "locale"]

    def from_dicts() -> Any:
        rows = []
        for d in plain:
            common = [d["id"], d["employee"]["id"], d["employee"].get("team"), d["manager"]["id"], d["date"],
                      d["template"]["name"], d["template"].get("version"), d["template"].get("locale")]  # fmt: skip
            for rank, motivation in enumerate(d["motivations"]["ranking"], 1):
                rows.append([*common, motivation, rank, rank <= 3])
        frame = pd.DataFrame(rows, columns=[*columns, "motivation", "rank", "top3"])
        frame["date"] = pd.to_datetime(frame["date"])
        return frame

    times = side_by_side(
        {"plain dicts": from_dicts, "to_pandas": lambda: careerconv.to_pandas(records, "motivations")},  # type: ignore[arg-type]
        rounds,
    )
    for name, seconds in times.items():
        print(f"  {name:<24} {seconds:8.3f} s")
    report(
        "to_pandas / the same DataFrame from plain dicts",
        f"{times['to_pandas'] / times['plain dicts']:.2f}x",
        "target <= 2x",
    )


def growth(folder: Path, sizes: list[int], template_sizes: list[int]) -> None:
    print("== growth: cost per item should stay flat")
    for count in sizes:
        path = folder / f"growth-{count}.jsonl"
        data.write_jsonl(path, count, seed=3)
        seconds = best(lambda: sum(1 for _ in careerconv.iter_conversations(path)), 1)  # noqa: B023 - used at once
        path.unlink()
        report(
            f"iter_conversations, {count} records", f"{seconds / count * 1e6:.1f} us/record", f"{seconds:.2f} s in all"
        )
    for questions in template_sizes:
        text = data.template_text(questions)
        seconds = best(lambda: careerconv.loads(text), 3)  # noqa: B023 - used at once
        report(
            f"loads of a template of {questions} questions",
            f"{seconds / questions * 1e6:.1f} us/question",
            f"{seconds * 1000:.1f} ms in all",
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="small sizes and one round: checks the script runs")
    args = parser.parse_args()
    count, rounds = (300, 1) if args.quick else (10_000, 3)
    machine = f"Python {platform.python_version()}, {platform.machine()}, {os.cpu_count()} CPUs"
    print(f"careerconv {careerconv.__version__}, {machine}")
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        lines = jsonl(folder, count, rounds)
        yaml_folder(folder, lines, rounds)
        dumping(lines, rounds)
        pandas_table(lines, rounds)
        memory(folder, 1_000 if not args.quick else 100, 100_000 if not args.quick else 1_000)
        import_time(15 if not args.quick else 3)
        growth(
            folder,
            [1_000, 10_000, 100_000] if not args.quick else [100, 300],
            [50, 500, 5_000] if not args.quick else [50, 500],
        )
    print("\n== summary")
    for name, value, target in ROWS:
        print(f"| {name} | {value} | {target} |")


if __name__ == "__main__":
    main()
