"""A team report in one call: where a Publication's summaries meet the report's layout.

The analytics layer (`careerconv.analytics`) computes and protects the summaries; the rendering layer
(`careerconv.rendering.team`) lays out figures it is given. Neither imports the other: this module, above
both, hands the one to the other, as ``careerconv summary`` does in one call.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

from careerconv.analytics.grouping import Period, RosterLike
from careerconv.analytics.summaries import MIN_GROUP, Publication
from careerconv.documents.streaming import OnError
from careerconv.errors import CareerconvError
from careerconv.model import Conversation, TemplateRef
from careerconv.registry import Registry, default_registry
from careerconv.rendering.team import ActionRow, MotivationRow, TeamReport, TeamReportFormat, team_page
from careerconv.rules.lookup import TemplateLookup

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["team_report"]


def team_report(
    records: Iterable[Conversation],
    *,
    by: str | Sequence[str] | None = "team",
    period: Period | None = None,
    today: dt.date | None = None,
    roster: RosterLike | None = None,
    ledger: str | os.PathLike[str] | None = None,
    publication: Publication | None = None,
    format: TeamReportFormat = "html",
    min_group_size: int = MIN_GROUP,
    on_error: OnError = "raise",
    registry: Registry | None = None,
) -> str:
    """A team report of ``records``: motivations and actions per group, protected, as HTML, Markdown or CSV.

    Two summaries of one [`Publication`][careerconv.Publication]:
    [`summarize_motivations`][careerconv.summarize_motivations] (each person's latest ranking as of ``today``, per
    ``period`` when given) and [`overdue_actions`][careerconv.overdue_actions] (as of ``today``), grouped ``by`` a
    record's key or a ``roster``'s column. A hidden row is shown as hidden, with the reason. The HTML page is one
    self-contained file with charts; CSV cells that a spreadsheet would take for a formula are neutralised.

    With ``ledger`` (a file), the publication is opened from it (a new one when it does not exist), so this
    report is checked against every row published through it before, and saved back to it afterwards; or pass
    a ``publication`` to go on with. ``min_group_size`` is the smallest group shown (5 or more).

    Examples:
        >>> import careerconv
        >>> from careerconv import Conversation, MotivationRanking, Person, TemplateRef
        >>> order = ("mastery", "autonomy", "meaning", "influence", "compensation", "prestige", "authority")
        >>> team = [Conversation(id=f"r{n}", template=TemplateRef(name="standard"), employee=Person(id=f"p{n}",
        ...     team="platform"), motivations=MotivationRanking(ranking=order)) for n in range(6)]
        >>> page = careerconv.team_report(team, format="markdown", today=dt.date(2026, 12, 7))
        >>> print(page.splitlines()[0])
        # Team report by team
        >>> "| Desire for growth & mastery | 1.0 | 100% |" in page
        True
    """
    if publication is not None and ledger is not None:
        raise ValueError("give a ledger or a publication, not both")
    lookup = registry if registry is not None else default_registry()
    book = publication or (Publication.open(ledger, min_group_size=min_group_size, registry=lookup) if ledger else None)
    book = book or Publication(min_group_size=min_group_size, registry=lookup)
    day = today or dt.date.today()  # noqa: DTZ011 - the reader's day
    given = list(records)
    motivations = book.summarize_motivations(given, by, period=period, as_of=today, roster=roster, on_error=on_error)
    actions = book.overdue_actions(given, by, today=day, roster=roster, on_error=on_error)
    keys = tuple(column for column in motivations.columns[: list(motivations.columns).index("total")])
    labels = _labels({r.template for r in given}, lookup)
    report = TeamReport(
        tuple(k for k in keys if k != "period"),
        period,
        day,
        book.min_group_size,
        tuple(_motivation_rows(motivations, keys, labels)),
        tuple(_action_rows(actions, keys)),
    )
    text = team_page(report, format)
    if ledger is not None:
        book.save(ledger)
    return text


def _labels(refs: Iterable[TemplateRef], lookup: TemplateLookup) -> dict[str, str]:
    """Each motivation id's label, from the templates the records name (an id stands for one it cannot find)."""
    found: dict[str, str] = {}
    for ref in refs:
        try:
            template = lookup.pinned(ref)
        except CareerconvError:
            continue
        for motivation in template.motivations():
            found.setdefault(motivation.id, motivation.label)
    return found


def _group(row: Any, keys: Sequence[str]) -> str:
    """A row's name: its groups' values (``platform / ada``); a subtotal's with ``(all)``; the total, ``everyone``."""
    values = [str(row[k]) for k in keys if k != "period" and not _missing(row[k])]
    if not values:
        return "everyone"
    return " / ".join(values) + (" (all)" if bool(row["total"]) else "")


def _missing(value: Any) -> bool:
    return value is None or (isinstance(value, float) and value != value)  # noqa: PLR0124 - NaN is missing


def _motivation_rows(frame: pd.DataFrame, keys: Sequence[str], labels: dict[str, str]) -> list[MotivationRow]:
    reasons = frame.attrs.get("reasons", {})
    rows: dict[tuple[Any, ...], MotivationRow] = {}
    for _, line in frame.iterrows():
        key = tuple(None if _missing(line[k]) else line[k] for k in keys)
        period = str(line["period"]) if "period" in keys else None
        seen = rows.get(key)
        if seen is None:
            hidden = bool(line["suppressed"])
            people = None if hidden else int(line["people"])
            reason = reasons.get(key, "small group") if hidden else None
            seen = rows[key] = MotivationRow(_group(line, keys), period, bool(line["total"]), people, reason)
        if not line["suppressed"]:
            label = labels.get(str(line["motivation"]), str(line["motivation"]))
            entry = (label, float(line["mean_position"]), float(line["top3_share"]))
            rows[key] = MotivationRow(
                seen.group, seen.period, seen.total, seen.people, None, (*seen.motivations, entry)
            )
    return list(rows.values())


def _action_rows(frame: pd.DataFrame, keys: Sequence[str]) -> list[ActionRow]:
    reasons = frame.attrs.get("reasons", {})
    by = [k for k in keys if k != "period"]
    found = []
    for _, line in frame.iterrows():
        key = tuple(None if _missing(line[k]) else line[k] for k in by)
        hidden = bool(line["suppressed"])

        def count(column: str, line: Any = line, hidden: bool = hidden) -> int | None:
            return None if hidden else int(line[column])

        found.append(
            ActionRow(
                _group(line, by),
                bool(line["total"]),
                count("people"),
                count("open_actions"),
                count("overdue_actions"),
                count("people_overdue"),
                reasons.get(key, "small group") if hidden else None,
            )
        )
    return found
