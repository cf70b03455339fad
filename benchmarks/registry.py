"""Registry benchmark: 100 generated plugin distributions on ``sys.path``, measured in fresh interpreters.

Each plugin is a real distribution: ``*.dist-info`` metadata with a ``careerconv.templates`` entry point, and
a module that reads its template from YAML, as a published plugin does. Printed side by side:

1. the floor: ``importlib.metadata.entry_points(group=...)`` alone, the scan every plugin system pays;
2. the first ``get_template`` of one plugin (scan + import of that plugin only), as a ratio to the floor;
3. the first ``list_templates()`` (scan + import of all 100 plugins + checking their templates);
4. a second ``get_template`` and a second ``list_templates()`` in the same process, with the number of
   metadata scans each made (expected: 0), and how many plugin modules the first ``get_template`` imported
   (expected: 1).

Run: ``python benchmarks/registry.py`` (``--quick`` for a smoke run).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import textwrap
from pathlib import Path

PLUGINS = 100

MODULE = '''
import careerconv

TEXT = """
kind: template
schema_version: 1
name: bench-{n}
version: 1.0.0
title: Benchmark plugin {n}
sections:
  - id: intro
    title: Intro
    questions:
      - {id: q1, text: "How are you?"}
      - {id: q2, text: "What next?"}
"""

def templates():
    return [careerconv.loads(TEXT)]
'''

PROBE = textwrap.dedent(
    r"""
    import importlib.metadata, json, sys, time
    scans = []
    real = importlib.metadata.entry_points
    def counting(**kwargs):
        scans.append(kwargs)
        return real(**kwargs)
    importlib.metadata.entry_points = counting
    import careerconv
    mode, warm = sys.argv[1], sys.argv[2] == "warm"
    if warm:  # the converter built and ruamel.yaml imported, as in a process that already read a document
        careerconv.loads("kind: template\nschema_version: 1\nname: w\nversion: 1.0.0\ntitle: W\n"
                         "sections: [{id: s, title: S, questions: [{id: q, text: Q}]}]\n")
    result = {}
    start = time.perf_counter()
    if mode == "floor":
        len(real(group="careerconv.templates"))
        result["first"] = time.perf_counter() - start
    elif mode == "get":
        careerconv.get_template("bench-42")
        result["first"] = time.perf_counter() - start
        result["imported"] = sorted(m for m in sys.modules if m.startswith("bench_plugin_"))
        before = len(scans)
        start = time.perf_counter()
        careerconv.get_template("bench-42")
        result["second"] = time.perf_counter() - start
        result["second_scans"] = len(scans) - before
    else:
        found = careerconv.list_templates()
        result["first"] = time.perf_counter() - start
        result["templates"] = len(found)
        before = len(scans)
        start = time.perf_counter()
        careerconv.list_templates()
        result["second"] = time.perf_counter() - start
        result["second_scans"] = len(scans) - before
    result["scans"] = len(scans)
    print(json.dumps(result))
    """
)


def make_site(root: Path) -> None:
    for n in range(PLUGINS):
        dist = f"bench-plugin-{n}"
        info = root / f"bench_plugin_{n}-1.0.dist-info"
        info.mkdir()
        (info / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {dist}\nVersion: 1.0\n")
        (info / "entry_points.txt").write_text(f"[careerconv.templates]\nbench-{n} = bench_plugin_{n}:templates\n")
        (root / f"bench_plugin_{n}.py").write_text(MODULE.replace("{n}", str(n)))


def probe(site: Path, mode: str, warm: str) -> dict[str, object]:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(site), os.environ.get("PYTHONPATH")]))}
    out = subprocess.run(
        [sys.executable, "-c", PROBE, mode, warm], check=True, capture_output=True, text=True, env=env
    ).stdout
    result: dict[str, object] = json.loads(out)
    return result


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true", help="few repetitions: checks the script runs")
    runs = 2 if parser.parse_args().quick else 15
    with tempfile.TemporaryDirectory() as folder:
        site = Path(folder)
        make_site(site)
        samples: dict[str, list[dict[str, object]]] = {}
        for _ in range(runs):  # interleaved, so drifts in machine load hit all alike
            for mode in ("floor", "get", "list"):
                for warm in ("cold", "warm"):
                    samples.setdefault(f"{mode}-{warm}", []).append(probe(site, mode, warm))

    def median(mode: str, key: str = "first") -> float:
        return statistics.median(float(str(s[key])) for s in samples[mode])

    floor = median("floor-cold")
    last_get, last_list = samples["get-cold"][-1], samples["list-cold"][-1]
    print(f"== registry with {PLUGINS} plugin distributions on sys.path (fresh interpreter, median of {runs})")
    print(f"entry_points(group=...) alone                 {floor * 1000:8.2f} ms   (the floor)")
    for warm, note in (("cold", "first thing the process does"), ("warm", "after reading one document")):
        get, listed = median(f"get-{warm}"), median(f"list-{warm}")
        print(f"-- {warm}: {note}")
        print(
            f"first get_template('bench-42')                {get * 1000:8.2f} ms   ratio {get / floor:6.2f}x the floor"
        )
        print(
            f"first list_templates() ({last_list['templates']} templates)        {listed * 1000:8.2f} ms   "
            f"ratio {listed / floor:6.2f}x"
        )
    print("-- what the first get_template did, and what the second calls cost")
    print(f"plugin modules imported by get_template       {len(last_get['imported']):8d}      {last_get['imported']}")  # type: ignore[arg-type]
    print(f"metadata scans by the first call              {last_get['scans']:>8}")
    print(
        f"second get_template('bench-42')               {median('get-cold', 'second') * 1e6:8.1f} us   "
        f"scans {last_get['second_scans']} (expected 0)"
    )
    print(
        f"second list_templates()                       {median('list-cold', 'second') * 1000:8.2f} ms   "
        f"scans {last_list['second_scans']} (expected 0)"
    )
    if last_get["second_scans"] or last_list["second_scans"] or len(last_get["imported"]) != 1:  # type: ignore[arg-type]
        sys.exit("the registry scanned again, or imported more than the one plugin asked for")


if __name__ == "__main__":
    main()
