"""The team report: protected summaries of motivations and actions per group, as HTML, Markdown or CSV.

This module lays out figures it is given; it computes none and protects none. The rows come from the
summaries of one [`Publication`][careerconv.Publication] (see [`careerconv.team_report`][careerconv.team_report]),
hidden rows already hidden, each with the reason it was hidden. The HTML page is one self-contained file with inline SVG
charts (no script, no external asset) that prints; CSV cells that a spreadsheet would take for a formula are
neutralised.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Sequence
from typing import Any, Literal, TypeAlias

import attrs

from careerconv.rendering.charts import bar_chart
from careerconv.rendering.reports import environment

__all__ = ["REASON_WORDS", "ActionRow", "MotivationRow", "TeamReport", "TeamReportFormat", "neutralise", "team_page"]

TeamReportFormat: TypeAlias = Literal["html", "markdown", "csv"]

#: What each reason a row is hidden for says to a reader of the report.
REASON_WORDS = {
    "small group": "fewer people than the minimum",
    "complement": "it would give a hidden group away",
    "earlier row": "with a row published before, it would give a smaller group away",
    "ranking sum": "its people ranked different sets of motivations",
}


@attrs.frozen
class MotivationRow:
    """One group's (or subtotal's) motivations: each motivation's mean position and top-3 share, or why hidden."""

    group: str
    period: str | None
    total: bool
    people: int | None
    hidden: str | None
    motivations: tuple[tuple[str, float, float], ...] = ()


@attrs.frozen
class ActionRow:
    """One group's actions: people, open actions, overdue actions, people with an overdue action; or why hidden."""

    group: str
    total: bool
    people: int | None
    open_actions: int | None
    overdue_actions: int | None
    people_overdue: int | None
    hidden: str | None


@attrs.frozen
class TeamReport:
    """What a team report shows: how it is grouped, as of when, the minimum group, and its rows."""

    by: tuple[str, ...]
    period: str | None
    today: dt.date
    min_group_size: int
    motivations: tuple[MotivationRow, ...]
    actions: tuple[ActionRow, ...]

    @property
    def title(self) -> str:
        """The report's title: what it is grouped by."""
        return f"Team report by {' and '.join(self.by)}" if self.by else "Team report"


def team_page(report: TeamReport, format: TeamReportFormat) -> str:
    """``report`` as one self-contained HTML page, Markdown, or CSV.

    Examples:
        >>> import datetime as dt
        >>> report = TeamReport(("team",), None, dt.date(2026, 12, 7), 5,
        ...     (MotivationRow("platform", None, False, 6, None, (("Mastery", 1.5, 1.0),)),
        ...      MotivationRow("tiny", None, False, None, "small group")),
        ...     (ActionRow("platform", False, 6, 4, 1, 1, None),))
        >>> print(team_page(report, "csv").splitlines()[2])
        motivations,,tiny,False,,,,,,,,True,fewer people than the minimum
    """
    if format == "csv":
        return _csv(report)
    if format not in ("html", "markdown"):
        raise ValueError(f"unknown format {format!r}: expected html, markdown or csv")
    page = environment(format).get_template(f"team.{'html' if format == 'html' else 'md'}.j2")
    groups: dict[str | None, list[MotivationRow]] = {}
    for row in report.motivations:
        groups.setdefault(row.period, []).append(row)
    text = page.render(
        report=report, periods=groups, reason=REASON_WORDS, chart=_chart, actions_chart=_actions_chart, lang="en",
        standalone=True,
    )  # fmt: skip
    if format == "markdown":
        lines = [line.rstrip() for line in text.splitlines()]
        text = "\n".join(lines).strip() + "\n"
        while "\n\n\n" in text:
            text = text.replace("\n\n\n", "\n\n")
    return text


def _chart(row: MotivationRow) -> Any:
    bars = [(label, share, f"{share:.0%} · {mean:.1f}") for label, mean, share in row.motivations]
    title = f"{row.group}: share with the motivation in their top 3 · mean position"
    return bar_chart(bars, title=title, scale=1.0)


def _actions_chart(rows: Sequence[ActionRow]) -> Any:
    bars = [(row.group, float(row.overdue_actions or 0), str(row.overdue_actions)) for row in rows if not row.hidden]
    return bar_chart(bars, title="Overdue actions per group", colour=1)


#: Characters a spreadsheet takes as the start of a formula when a cell begins with them.
_FORMULA = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value: object) -> object:
    """A CSV cell that a spreadsheet would run as a formula, prefixed with ``'``; anything else as it is.

    Examples:
        >>> [neutralise(v) for v in ("=SUM(A1)", "+1", "-x", "@me", "\\tx", "fine", 3)]
        ["'=SUM(A1)", "'+1", "'-x", "'@me", "'\\tx", 'fine', 3]
    """
    if isinstance(value, str) and value.startswith(_FORMULA):
        return "'" + value
    return value


_CSV_COLUMNS = (
    "table", "period", "group", "total", "motivation", "people", "mean_position", "top3_share", "open_actions",
    "overdue_actions", "people_overdue", "suppressed", "reason",
)  # fmt: skip


def _csv(report: TeamReport) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(_CSV_COLUMNS)

    def write(row: Sequence[object]) -> None:
        writer.writerow([neutralise("" if value is None else value) for value in row])

    for m in report.motivations:
        reason = REASON_WORDS[m.hidden] if m.hidden else None
        if m.hidden:
            write(["motivations", m.period, m.group, m.total, None, None, None, None, None, None, None, True, reason])
        for label, mean, share in m.motivations:
            write(
                ["motivations", m.period, m.group, m.total, label, m.people, round(mean, 4), round(share, 4), None,
                 None, None, False, None]
            )  # fmt: skip
    for a in report.actions:
        reason = REASON_WORDS[a.hidden] if a.hidden else None
        write(
            ["actions", None, a.group, a.total, None, a.people, None, None, a.open_actions, a.overdue_actions,
             a.people_overdue, bool(a.hidden), reason]
        )  # fmt: skip
    return out.getvalue()
