"""Figures the hardening tests count, printed at the end of the run (see ``conftest.pytest_terminal_summary``)."""

from __future__ import annotations

from collections import Counter

FIGURES: Counter[str] = Counter()
