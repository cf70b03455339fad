"""Fail if a function outside ``formats/`` has a cyclomatic complexity of 20 or more (radon's measure).

The readers and the writer in ``formats/`` are state machines over characters, written for speed; everything
else stays small enough to read. Run by ``.ci/run``.
"""

from __future__ import annotations

import sys
from pathlib import Path

from radon.complexity import cc_visit

LIMIT = 20
ROOT = Path(__file__).resolve().parents[1] / "src" / "careerconv"

high = [
    f"{path.relative_to(ROOT.parent)}:{block.lineno} {block.fullname} ({block.complexity})"
    for path in sorted(ROOT.rglob("*.py"))
    if "formats" not in path.relative_to(ROOT).parts
    for block in cc_visit(path.read_text(encoding="utf-8"))
    if block.complexity >= LIMIT
]
print("\n".join(high) or f"no function outside formats/ at {LIMIT} or more")
sys.exit(1 if high else 0)
