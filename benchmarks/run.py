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
from collections.abc import Callable, Iterable, Iterator
from functools import partial
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


def drop(records: Iterable[Any]) -> int:
    """Iterate and drop each item (aggregations, checks, exports): how many there were."""
    count = 0
    for _ in records:
        count += 1
    return count


def lines_of(path: Path) -> Iterator[bytes]:
    """The lines of a JSON Lines file, read as the peers read it."""
    with path.open("rb") as stream:
        yield from stream


def both_ways(
    title: str,
    count: int,
    peers_: dict[str, tuple[Callable[[], Any], Callable[[], Any]]],
    ours: tuple[str, Callable[[], Any], Callable[[], Any]],
    targets: dict[str, tuple[str, str]],
    rounds: int,
) -> None:
    """Each function in both ways of use, side by side: drop each result (first) and keep them all (second).

    ``targets`` gives, for each peer, the target of the drop row and of the keep row.
    """
    name, ours_drop, ours_keep = ours
    for way, index in (("iterate and drop", 0), ("keep all", 1)):
        functions = {peer: pair[index] for peer, pair in peers_.items()}
        functions[name] = ours_drop if index == 0 else ours_keep
        times = side_by_side(functions, rounds)
        print(f"  -- {way}")
        for label, seconds in times.items():
            print(f"  {label:<34} {seconds:8.3f} s   {seconds / count * 1e6:7.1f} us each")
        for peer in peers_:
            report(f"{title}, {way}, vs {peer}", f"{ratio(times[peer], times[name]):.2f}x", targets[peer][index])


def record_of(line: bytes) -> careerconv.Conversation:
    record = careerconv.loads(line, format="json")
    assert isinstance(record, careerconv.Conversation)
    return record


def pydantic_drop(path: Path) -> int:
    return drop(peers.PConversation.model_validate_json(line) for line in lines_of(path))


def pydantic_keep(path: Path) -> list[Any]:
    return [peers.PConversation.model_validate_json(line) for line in lines_of(path)]


def msgspec_drop(path: Path) -> int:
    return drop(peers.msgspec_decoder.decode(line) for line in lines_of(path))


def msgspec_keep(path: Path) -> list[Any]:
    return [peers.msgspec_decoder.decode(line) for line in lines_of(path)]


def careerconv_drop(path: Path) -> int:
    return drop(careerconv.iter_conversations(path))


def careerconv_keep(path: Path) -> Any:
    return careerconv.load_conversations(path)


def jsonl(folder: Path, count: int, rounds: int) -> list[bytes]:
    """Reading JSON Lines, as another tool writes it and as careerconv writes it."""
    path = folder / "records.jsonl"
    lines = data.write_jsonl(path, count)
    ours_path = folder / "careerconv.jsonl"
    careerconv.dump_conversations(map(record_of, lines), ours_path)
    for source, file in (("written by another tool", path), ("written by careerconv", ours_path)):
        size = file.stat().st_size / 1e6
        print(f"== iter_conversations / load_conversations over {count} records, JSON Lines {source} ({size:.0f} MB)")
        both_ways(
            f"JSON Lines {source}",
            count,
            {
                "strict pydantic v2": (partial(pydantic_drop, file), partial(pydantic_keep, file)),
                "msgspec Structs": (partial(msgspec_drop, file), partial(msgspec_keep, file)),
            },
            ("careerconv", partial(careerconv_drop, file), partial(careerconv_keep, file)),
            {"strict pydantic v2": ("target >= 1.5x", "target >= 3x"), "msgspec Structs": (">= 0.5x", ">= 0.75x")},
            rounds,
        )
    return lines


def dicts(lines: list[bytes], rounds: int) -> None:
    """``from_data`` of dicts, as a web framework hands over a JSON body, against pydantic's ``model_validate``.

    pydantic's model is strict but for dates (lax, so that date strings parse, as a framework validates a JSON
    body); it still refuses unknown keys. careerconv also checks each record against its template.
    """
    data = [json.loads(line) for line in lines]
    count = len(data)
    print(f"== from_data over {count} dicts (one JSON body each)")
    peer = "pydantic v2 model_validate"

    def pydantic_one(item: dict[str, Any]) -> Any:
        return peers.PConversation.model_validate(item, strict=False)

    both_ways(
        "from_data of dicts",
        count,
        {peer: (lambda: drop(map(pydantic_one, data)), lambda: list(map(pydantic_one, data)))},
        ("careerconv", lambda: drop(map(careerconv.from_data, data)), lambda: list(map(careerconv.from_data, data))),
        {peer: ("target >= 1.5x", "target >= 3x")},
        rounds,
    )
    records = [careerconv.from_data(item) for item in data]
    print(f"== validate over {count} records built in Python, against pydantic's model_validate of the same dicts")
    times = side_by_side(
        {peer: lambda: drop(map(pydantic_one, data)), "careerconv": lambda: drop(map(careerconv.validate, records))},
        rounds,
    )
    for label, seconds in times.items():
        print(f"  {label:<34} {seconds:8.3f} s   {seconds / count * 1e6:7.1f} us each")
    report(f"validate(record) vs {peer}", f"{ratio(times[peer], times['careerconv']):.2f}x", "target >= 1.0x")
    models = list(map(pydantic_one, data))
    print(f"== to_data of {count} records, against pydantic's model_dump(mode='json') of the same models")
    both_ways(
        "to_data",
        count,
        {
            "pydantic model_dump(mode='json')": (
                lambda: drop(model.model_dump(mode="json") for model in models),
                lambda: [model.model_dump(mode="json") for model in models],
            )
        },
        ("careerconv", lambda: drop(map(careerconv.to_data, records)), lambda: list(map(careerconv.to_data, records))),
        {"pydantic model_dump(mode='json')": ("target >= 1.5x", "report")},
        rounds,
    )


def yaml_folder(folder: Path, lines: list[bytes], rounds: int) -> None:
    import yaml

    count = len(lines)
    print(f"== read and validate the same {count} records as YAML files in a folder")
    files = data.write_yaml_folder(folder / "yaml", lines)
    lookup = fast.Lookup(default_registry())

    def pyyaml_one(path: Path) -> Any:
        # PyYAML's C parser, then the same structuring careerconv applies to parsed data.
        return fast.conversation(yaml.load(path.read_bytes(), Loader=yaml.CSafeLoader), lookup)

    both_ways(
        "YAML folder",
        count,
        {
            "PyYAML CSafeLoader + structuring": (
                lambda: drop(pyyaml_one(p) for p in files),
                lambda: [pyyaml_one(p) for p in files],
            )
        },
        (
            "careerconv",
            lambda: drop(careerconv.iter_conversations(folder / "yaml")),
            lambda: careerconv.load_conversations(folder / "yaml"),
        ),
        {"PyYAML CSafeLoader + structuring": ("target >= 1.2x", "target >= 1.2x")},
        rounds,
    )
    semantics = careerconv.loads(
        "kind: template\nschema_version: 1\nname: x\nversion: 1.0.0\ntitle: T\n"
        "sections: [{id: s, title: no, questions: [{id: q, text: 'on'}]}]\n"
    )
    assert isinstance(semantics, careerconv.Template)
    assert semantics.sections[0].title == "no"
    print("  YAML 1.2 semantics kept: a plain `no` stays the text 'no'")


def _safe_dump(plain: Any) -> str:
    import yaml

    return yaml.dump(plain, Dumper=yaml.CSafeDumper, sort_keys=False, allow_unicode=True, width=100)


def writing(folder: Path, lines: list[bytes], rounds: int) -> None:
    """Writing YAML (one text, a folder of files) and JSON Lines, side by side with the peers."""
    records = [record_of(line) for line in lines]
    count = len(records)
    plain = [careerconv.to_data(record) for record in records]  # the peer is given careerconv's data, ready
    print(f"== dumps of {count} records as YAML (careerconv's layout, byte for byte as before)")
    both_ways(
        "dumps YAML",
        count,
        {
            "PyYAML CSafeDumper on the same data": (
                lambda: drop(map(_safe_dump, plain)),
                lambda: list(map(_safe_dump, plain)),
            )
        },
        ("careerconv", lambda: drop(map(careerconv.dumps, records)), lambda: list(map(careerconv.dumps, records))),
        {"PyYAML CSafeDumper on the same data": ("target >= 0.5x", "target >= 0.5x")},
        rounds,
    )
    print(f"== a folder of {count} YAML records (files written one by one)")
    out = folder / "written"
    out.mkdir()

    def peer_folder() -> None:
        for number, item in enumerate(plain):
            (out / f"p{number:06}.yaml").write_text(_safe_dump(item), encoding="utf-8")

    def ours_dump() -> None:
        for number, record in enumerate(records):
            careerconv.dump(record, out / f"c{number:06}.yaml")

    def ours_dumps() -> None:
        for number, record in enumerate(records):
            (out / f"d{number:06}.yaml").write_text(careerconv.dumps(record), encoding="utf-8")

    times = side_by_side({"PyYAML CSafeDumper + write_text": peer_folder, "careerconv.dump": ours_dump,
                          "careerconv.dumps + write_text": ours_dumps}, rounds)  # fmt: skip
    for label, seconds in times.items():
        print(f"  {label:<34} {seconds:8.3f} s   {seconds / count * 1e6:7.1f} us each")
    peer = times["PyYAML CSafeDumper + write_text"]
    report("YAML folder written with dump() (atomic, fsync'd) vs PyYAML + write_text",
           f"{ratio(peer, times['careerconv.dump']):.2f}x", "target >= 0.5x")  # fmt: skip
    report("YAML folder written with dumps() + write_text vs PyYAML + write_text",
           f"{ratio(peer, times['careerconv.dumps + write_text']):.2f}x", "target >= 0.5x")  # fmt: skip
    print(f"== dumps of {count} records as JSON Lines")
    models = [peers.PConversation.model_validate_json(line) for line in lines]

    def jsonl_line(record: careerconv.Conversation) -> str:
        return careerconv.dumps(record, format="jsonl")

    def pydantic_line(model: Any) -> str:
        return str(model.model_dump_json())

    both_ways(
        "dumps(format='jsonl')",
        count,
        {
            "pydantic model_dump_json": (
                lambda: drop(map(pydantic_line, models)),
                lambda: list(map(pydantic_line, models)),
            )
        },
        ("careerconv", lambda: drop(map(jsonl_line, records)), lambda: list(map(jsonl_line, records))),
        {"pydantic model_dump_json": ("target >= 2x", "target >= 2x")},
        rounds,
    )


# The first load in a fresh interpreter, then the same load again in it: seconds for each.
FIRST_LOAD = """
import sys, time, careerconv
path = sys.argv[1]
times = []
for _ in range(3):
    start = time.perf_counter()
    careerconv.load_conversations(path)
    times.append(time.perf_counter() - start)
print(times[0], min(times[1:]))
"""


def first_load(folder: Path) -> None:
    print("== the first load in a fresh interpreter (after import careerconv), against the same load warmed up")
    for label, path in (("JSON Lines", folder / "records.jsonl"), ("YAML folder", folder / "yaml")):
        out = subprocess.run([sys.executable, "-c", FIRST_LOAD, str(path)], check=True, capture_output=True, text=True)
        first, warm = (float(x) for x in out.stdout.split())
        print(f"  {label:<12} first {first:6.3f} s, warm {warm:6.3f} s")
        report(f"first load_conversations of the {label} / warm", f"{first / warm:.2f}x", "report it; <= 3x")


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
    # Both imported from bytecode, as an installed package is (pip compiles it): a checkout with
    # PYTHONDONTWRITEBYTECODE set would otherwise compile careerconv's sources at every start, not cattrs'.
    with tempfile.TemporaryDirectory() as cache:
        env = {**os.environ, "PYTHONPYCACHEPREFIX": cache}
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        for code in samples:  # the warm-up run writes the bytecode
            subprocess.run([sys.executable, "-c", code], check=True, env=env)
        for _ in range(rounds):
            for code, times in samples.items():
                start = time.perf_counter()
                subprocess.run([sys.executable, "-c", code], check=True, env=env)
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
        dicts(lines, rounds)
        yaml_folder(folder, lines, rounds)
        first_load(folder)
        writing(folder, lines, rounds)
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
