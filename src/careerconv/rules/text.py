"""The rules on text: the characters no text may hold, and ``{name}`` placeholders filled from parameters.

Every reader and writer asks these: the full and the fast path, the YAML and JSON readers, the command line's
output and the calendar.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from typing import Any

from careerconv.errors import Finding, Found
from careerconv.formats.plain import Path

__all__ = [
    "FORBIDDEN_TEXT",
    "FORBIDDEN_TEXT_JSON",
    "PLACEHOLDER",
    "check_text",
    "fill",
    "fill_line",
    "forbidden_in_json",
    "placeholders",
]


#: A ``{name}`` placeholder; ``{{`` and ``}}`` are escaped braces (group 1 is empty for them).
PLACEHOLDER = re.compile(r"\{\{|\}\}|\{([^{}]*)\}")


#: Characters no text in a document may hold, however the file writes them (raw, or as a JSON or YAML escape):
#: control characters but tab and line feed (a terminal obeys them: ``ESC [2J`` clears the screen, a carriage
#: return overwrites a line), DEL, the C1 controls, lone surrogates (no encoding can write them) and the
#: bidirectional embedding, override and isolate controls (they reorder what a terminal or an editor shows).
FORBIDDEN_TEXT = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\u202a-\u202e\u2066-\u2069]")
#: What `FORBIDDEN_TEXT` can look like in UTF-8 JSON text written without ``\\u`` escapes (which the fast
#: path leaves to the full one): the escapes ``\\b``, ``\\f``, ``\\r``, or one of those characters raw. A
#: match sends a record to the full path, which applies the rule itself.
FORBIDDEN_TEXT_JSON = re.compile(
    rb"\\[bfr]|\x7f|\xc2[\x80-\x9f]|\xe2\x80[\xaa-\xae]|\xe2\x81[\xa6-\xa9]|\xed[\xa0-\xbf]"
)
# The bytes each match of FORBIDDEN_TEXT_JSON begins with.
_FORBIDDEN_JSON_LEADS = (b"\\", b"\x7f", b"\xc2", b"\xe2", b"\xed")


def forbidden_in_json(data: bytes | bytearray) -> bool:
    """Whether UTF-8 JSON text matches `FORBIDDEN_TEXT_JSON`, found faster than by searching with it.

    Python's regular expressions test every position of a 4 KB record; ``bytes.find`` looks for each byte a match
    can begin with at C speed (``memchr``), and the expression is tried only where one stands. ASCII text with no
    backslash costs five scans.

    Examples:
        >>> forbidden_in_json('{"text": "Café … ok"}'.encode()), forbidden_in_json(b'{"text": "a\\\\rb"}')
        (False, True)
    """
    match = FORBIDDEN_TEXT_JSON.match
    for lead in _FORBIDDEN_JSON_LEADS:
        at = data.find(lead)
        while at >= 0:
            if match(data, at):
                return True
            at = data.find(lead, at + 1)
    return False


def check_text(data: Any, where: Path = ()) -> Found:
    """Every text (key or value) in plain data that holds a character of `FORBIDDEN_TEXT`.

    Examples:
        >>> [(found.path, found.code) for found in check_text({"notes": [{"text": "a\x1b[2J"}]})]
        [(('notes', 0, 'text'), 'control-character')]
    """
    if isinstance(data, str):
        found = FORBIDDEN_TEXT.search(data)
        if found:
            yield Finding(where, _forbidden_message(found.group()), "control-character")
        return
    # Only containers are queued, so a list of a million numbers costs no path for each.
    todo: list[tuple[Path, Any]] = [(where, data)] if isinstance(data, (dict, list, tuple)) else []
    search = FORBIDDEN_TEXT.search
    while todo:
        path, container = todo.pop()
        items = container.items() if isinstance(container, dict) else enumerate(container)
        for key, value in items:
            if type(key) is str and search(key):
                yield Finding((*path, key), "a key holds a control character; remove it", "control-character")
            if isinstance(value, str):
                found = search(value)
                if found:
                    yield Finding((*path, key), _forbidden_message(found.group()), "control-character")
            elif isinstance(value, (dict, list, tuple)):
                todo.append(((*path, key), value))


def _forbidden_message(character: str) -> str:
    code = ord(character)
    kind = "a lone surrogate" if 0xD800 <= code <= 0xDFFF else "a bidirectional control" if code > 0x9F else None
    return f"the character U+{code:04X} ({kind or 'a control character'}) is not allowed in text; remove it"


def fill(text: str, values: Mapping[str, str]) -> str:
    """Replace ``{name}`` placeholders with their values; ``{{`` and ``}}`` stand for single braces.

    Examples:
        >>> fill("Working at {company} {{today}}", {"company": "Acme"})
        'Working at Acme {today}'
    """

    def replace(match: re.Match[str]) -> str:
        name = match.group(1)
        return match.group(0)[0] if name is None else values.get(name, match.group(0))

    return PLACEHOLDER.sub(replace, text)


def fill_line(text: str | None, values: Mapping[str, str]) -> str:
    """``text`` filled (`fill`) and on one line: what guides, forms and schemas show of a template's text.

    Examples:
        >>> fill_line("Working at\\n  {company}", {"company": "Acme"})
        'Working at Acme'
    """
    return " ".join(fill(text or "", values).split())


def placeholders(text: str) -> Iterator[str]:
    """The names of the ``{name}`` placeholders in ``text``, escaped braces left out.

    Examples:
        >>> list(placeholders("At {company} {{literally}} with {team}"))
        ['company', 'team']
    """
    for match in PLACEHOLDER.finditer(text):
        if match.group(1) is not None:
            yield match.group(1)
