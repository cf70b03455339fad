"""Where the floor of reading JSON Lines another tool wrote is, step by step, and what a different model would give.

Run: ``python benchmarks/floor.py [--count N]``. Each line is what a record costs, per record, over the same
lines (written by another tool: spaces, fields at their defaults left out), iterate and drop, best of a few
interleaved rounds. The steps are careerconv's own fast path taken apart, so the gap between two lines is what
one check costs:

- ``msgspec Structs`` and ``strict pydantic``: the peers;
- ``decode only, into attrs``: msgspec building the model's attrs classes, types checked, nothing else (the
  least any design with attrs classes can cost);
- ``decode only, into the mirror Structs``: the same record into msgspec Structs (what a model of Structs
  would cost: refuses unknown keys in C, no second decode needed);
- ``+ unknown and repeated keys``: the attrs decode plus the mirror decode and the colon count;
- ``+ forbidden text``: plus the scan of the raw bytes;
- ``a model of Structs``: the mirror decode with the same key and text checks, no attrs classes (the design
  change that would pass the targets);
- ``careerconv iter_conversations``: everything, with the template's rules and the stream.

The figures are quoted in ``docs/performance.md``.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

import data
from run import careerconv_drop, drop, lines_of, msgspec_drop, pydantic_drop, side_by_side

from careerconv.documents import fast
from careerconv.rules.text import forbidden_in_json


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=5_000)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    mirror = fast._typed()  # noqa: SLF001 - the fast path's own decoders, taken apart
    assert mirror is not None
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "records.jsonl"
        data.write_jsonl(path, args.count)

        def attrs_only() -> int:
            return drop(mirror.build(line) for line in lines_of(path))

        def structs_only() -> int:
            return drop(mirror.decode(line) for line in lines_of(path))

        def checked(*, build: bool, text: bool) -> int:
            """The key checks on every line; with ``build`` the attrs decode too, with ``text`` the text scan."""
            count = 0
            for line in lines_of(path):
                if text and forbidden_in_json(line):
                    continue
                if build:
                    mirror.build(line)
                decoded = mirror.decode(line)
                count += line.count(b":") == mirror.encode(decoded).count(b":")
            return count

        times = side_by_side(
            {
                "msgspec Structs (peer)": lambda: msgspec_drop(path),
                "strict pydantic v2 (peer)": lambda: pydantic_drop(path),
                "decode only, into attrs": attrs_only,
                "decode only, into the mirror Structs": structs_only,
                "+ unknown and repeated keys": lambda: checked(build=True, text=False),
                "+ forbidden text": lambda: checked(build=True, text=True),
                "a model of Structs: keys and text checked": lambda: checked(build=False, text=True),
                "careerconv iter_conversations": lambda: careerconv_drop(path),
            },
            args.rounds,
        )
    for label, seconds in times.items():
        print(f"  {label:<40} {seconds / args.count * 1e6:7.1f} us a record")


if __name__ == "__main__":
    main()
