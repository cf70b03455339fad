"""Inline SVG charts for the HTML reports: a motivation ranking, and how rankings shifted over time.

The charts are plain SVG text with no script and no external reference, so a report stays one
self-contained file that prints. Every label is escaped.
"""

from __future__ import annotations

from collections.abc import Sequence

from markupsafe import Markup, escape

__all__ = ["bar_chart", "ranking_chart", "shifts_chart"]

# Ten colours that stay apart from each other, and readable in print.
PALETTE = (
    "#1f77b4",
    "#d62728",
    "#2ca02c",
    "#9467bd",
    "#ff7f0e",
    "#17becf",
    "#8c564b",
    "#e377c2",
    "#7f7f7f",
    "#bcbd22",
)
_FONT = "font-family='system-ui, sans-serif' font-size='13'"
_CHAR = 7.4  # the width of an average character at 13 px, generously
_LONGEST = 48  # characters of a label shown in full; a longer one is cut, whole in its tooltip


def _label(text: str) -> str:
    shown = text if len(text) <= _LONGEST else text[: _LONGEST - 1].rstrip() + "…"
    return f"<title>{escape(text)}</title>{escape(shown)}"


def _margin(texts: Sequence[str]) -> int:
    return int(min(max((len(t) for t in texts), default=4), _LONGEST) * _CHAR) + 24


def ranking_chart(labels: Sequence[str], *, title: str = "Motivations, most important first") -> Markup:
    """A bar per motivation, the most important first and longest.

    Examples:
        >>> svg = ranking_chart(["Mastery", "Autonomy <&>"])
        >>> svg.count("<rect"), "Autonomy &lt;&amp;&gt;" in svg
        (2, True)
    """
    count = len(labels)
    row = 26
    left = _margin([f"{n}. {label}" for n, label in enumerate(labels, 1)])
    width = left + 280
    height = row * count + 8
    parts = [
        (
            f"<svg xmlns='http://www.w3.org/2000/svg' class='chart ranking' role='img' viewBox='0 0 {width} {height}' "
            f"width='{width}' height='{height}' aria-label='{escape(title)}'>"
        ),
        f"<title>{escape(title)}</title>",
    ]
    for index, label in enumerate(labels):
        y = 4 + index * row
        length = (width - left - 10) * (count - index) / count
        parts.append(
            f"<text x='{left - 8}' y='{y + 17}' text-anchor='end' {_FONT}>{index + 1}. {_label(label)}</text>"
            f"<rect x='{left}' y='{y + 3}' width='{length:.1f}' height='{row - 8}' rx='3' "
            f"fill='{PALETTE[index % len(PALETTE)]}'/>"
        )
    parts.append("</svg>")
    return Markup("".join(parts))  # noqa: S704 - built from numbers and escaped labels only


def shifts_chart(
    columns: Sequence[tuple[str, Sequence[str]]],
    labels: dict[str, str],
    *,
    title: str = "Motivation rankings over time",
) -> Markup:
    """A slope chart: one column a conversation, one line a motivation through its ranks (1 at the top).

    ``columns`` holds ``(column label, ranking of ids)``; ``labels`` names the ids.

    Examples:
        >>> svg = shifts_chart([("May", ["a", "b"]), ("June", ["b", "a"])], {"a": "Autonomy", "b": "Mastery"})
        >>> svg.count("<polyline"), ">June<" in svg
        (2, True)
    """
    depth = max((len(ranking) for _, ranking in columns), default=0)
    names = [labels.get(m, m) for _, ranking in columns for m in ranking]
    left = right = _margin(names)
    top, row = 34, 26
    step = 140 if len(columns) > 1 else 0
    width = left + right + step * (len(columns) - 1)
    height = top + row * depth + 8
    parts = [
        (
            f"<svg xmlns='http://www.w3.org/2000/svg' class='chart shifts' role='img' viewBox='0 0 {width} {height}' "
            f"width='{width}' height='{height}' aria-label='{escape(title)}'>"
        ),
        f"<title>{escape(title)}</title>",
    ]
    for index, (name, _) in enumerate(columns):
        x = left + index * step
        parts.append(f"<text x='{x}' y='18' text-anchor='middle' {_FONT} font-weight='bold'>{escape(name)}</text>")
        parts.append(f"<line x1='{x}' y1='{top - 6}' x2='{x}' y2='{height - 4}' stroke='#ccc'/>")
    order = list(dict.fromkeys(m for _, ranking in columns for m in ranking))
    for colour_index, motivation in enumerate(order):
        colour = PALETTE[colour_index % len(PALETTE)]
        points = [
            (left + index * step, top + ranking.index(motivation) * row + 6)
            for index, (_, ranking) in enumerate(columns)
            if motivation in ranking
        ]
        line = " ".join(f"{x},{y}" for x, y in points)
        parts.append(f"<polyline points='{line}' fill='none' stroke='{colour}' stroke-width='3'/>")
        parts.extend(f"<circle cx='{x}' cy='{y}' r='4' fill='{colour}'/>" for x, y in points)
        name = _label(labels.get(motivation, motivation))
        (x0, y0), (x1, y1) = points[0], points[-1]
        parts.append(f"<text x='{x0 - 10}' y='{y0 + 4}' text-anchor='end' {_FONT} fill='{colour}'>{name}</text>")
        if len(points) > 1:
            parts.append(f"<text x='{x1 + 10}' y='{y1 + 4}' {_FONT} fill='{colour}'>{name}</text>")
    parts.append("</svg>")
    return Markup("".join(parts))  # noqa: S704 - built from numbers and escaped labels only


def bar_chart(
    bars: Sequence[tuple[str, float, str]], *, title: str, scale: float | None = None, colour: int = 0
) -> Markup:
    """A horizontal bar per ``(label, value, shown)``, with ``shown`` written after it.

    A bar's length is its value, of ``scale`` (or of the largest value).

    Examples:
        >>> svg = bar_chart([("Mastery", 0.8, "80%"), ("Pay <&>", 0.2, "20%")], title="Top 3", scale=1)
        >>> svg.count("<rect"), "Pay &lt;&amp;&gt;" in svg, ">80%<" in svg
        (2, True, True)
    """
    row = 24
    left = _margin([label for label, _, _ in bars])
    room = 300
    width = left + room + 60
    height = row * len(bars) + 8
    top = scale or max((value for _, value, _ in bars), default=0) or 1
    parts = [
        (
            f"<svg xmlns='http://www.w3.org/2000/svg' class='chart bars' role='img' viewBox='0 0 {width} {height}' "
            f"width='{width}' height='{height}' aria-label='{escape(title)}'>"
        ),
        f"<title>{escape(title)}</title>",
    ]
    for index, (label, value, shown) in enumerate(bars):
        y = 4 + index * row
        length = room * max(value, 0) / top
        parts.append(
            f"<text x='{left - 8}' y='{y + 16}' text-anchor='end' {_FONT}>{_label(label)}</text>"
            f"<rect x='{left}' y='{y + 3}' width='{length:.1f}' height='{row - 8}' rx='3' "
            f"fill='{PALETTE[colour % len(PALETTE)]}'/>"
            f"<text x='{left + length + 6:.1f}' y='{y + 16}' {_FONT}>{escape(shown)}</text>"
        )
    parts.append("</svg>")
    return Markup("".join(parts))  # noqa: S704 - built from numbers and escaped labels only
