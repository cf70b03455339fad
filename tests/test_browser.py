"""The HTML report in a real headless browser (Debian's chromium): it renders, the chart shows, it prints.

``.ci/run`` installs chromium and poppler-utils and sets ``CAREERCONV_BROWSER_TESTS=required``, so there a
missing browser fails the run; elsewhere these tests are skipped when chromium is not installed.

The screenshot is taken with the command documented in ``docs/how-to/reports.md``, read from that page.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import struct
import subprocess
import zlib
from pathlib import Path

import pytest

import careerconv

DOCS = Path(__file__).parent.parent / "docs" / "how-to" / "reports.md"
CHART_RED = (0xD6, 0x27, 0x28)  # the second colour of the charts' palette, used nowhere else


def browser() -> str:
    found = os.environ.get("CAREERCONV_CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")
    if found is None:
        if os.environ.get("CAREERCONV_BROWSER_TESTS") == "required":
            pytest.fail("CAREERCONV_BROWSER_TESTS=required but chromium is not installed")
        pytest.skip("chromium is not installed")
    return found


def screenshot_command() -> str:
    """The command the docs give for a screenshot of a report."""
    match = re.search(r"<!-- screenshot -->\s*```sh\n(.+?)\n```", DOCS.read_text(encoding="utf-8"), re.DOTALL)
    assert match, f"no screenshot command in {DOCS}"
    return match.group(1).strip()


def pixels(png: bytes) -> tuple[int, int, list[tuple[int, int, int]]]:
    """Decode an 8-bit RGB or RGBA, non-interlaced PNG (what chromium writes): width, height, pixels."""
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    position, data, header = 8, b"", b""
    while position < len(png):
        (length,) = struct.unpack(">I", png[position : position + 4])
        kind = png[position + 4 : position + 8]
        body = png[position + 8 : position + 8 + length]
        if kind == b"IHDR":
            header = body
        elif kind == b"IDAT":
            data += body
        position += 12 + length
    width, height, depth, colour, _, _, interlace = struct.unpack(">IIBBBBB", header)
    assert (depth, interlace) == (8, 0)
    channels = {2: 3, 6: 4}[colour]
    raw = zlib.decompress(data)
    stride = width * channels
    rows: list[bytearray] = []
    previous = bytearray(stride)
    for y in range(height):
        start = y * (stride + 1)
        kind, line = raw[start], bytearray(raw[start + 1 : start + 1 + stride])
        for x in range(stride):
            left = line[x - channels] if x >= channels else 0
            up = previous[x]
            corner = previous[x - channels] if x >= channels else 0
            if kind == 1:
                line[x] = (line[x] + left) & 0xFF
            elif kind == 2:
                line[x] = (line[x] + up) & 0xFF
            elif kind == 3:
                line[x] = (line[x] + (left + up) // 2) & 0xFF
            elif kind == 4:
                guess = left + up - corner
                near = min((abs(guess - left), 0, left), (abs(guess - up), 1, up), (abs(guess - corner), 2, corner))
                line[x] = (line[x] + near[2]) & 0xFF
        rows.append(line)
        previous = line
    found = [(row[x], row[x + 1], row[x + 2]) for row in rows for x in range(0, stride, channels)]
    return width, height, found


def near(colour: tuple[int, int, int], target: tuple[int, int, int]) -> bool:
    return all(abs(a - b) <= 12 for a, b in zip(colour, target, strict=True))


def record() -> careerconv.Conversation:
    template = careerconv.get_template("standard")
    return (
        careerconv.start_conversation(template, employee="alex", manager="sam", date=dt.date(2026, 11, 26))
        .answer("career-so-far", "Started in support, then backend.")
        .answer("team", "Private: great people", visibility="private")
        .rank("mastery", "autonomy", "meaning", "influence", "compensation", "prestige", "authority")
        .goal("Lead a team", by=dt.date(2028, 12, 31))
        .action("Mentor Kim and Lee", due=dt.date(2027, 3, 31))
        .record
    )


@pytest.fixture
def report(tmp_path: Path) -> Path:
    page = tmp_path / "report.html"
    page.write_text(careerconv.render(record(), format="html"), encoding="utf-8")
    return page


def test_the_report_renders_with_its_chart_visible(report: Path) -> None:
    command = screenshot_command().replace("chromium", browser(), 1)
    subprocess.run(command, shell=True, check=True, cwd=report.parent, capture_output=True, timeout=120)
    width, height, found = pixels((report.parent / "report.png").read_bytes())
    assert (width, height) == (1000, 1400)
    assert len(set(found)) > 50  # text, rules and the chart: not a blank page
    assert sum(near(p, CHART_RED) for p in found) > 1500  # the second bar of the ranking chart is drawn


def test_the_report_prints_to_a_readable_pdf(report: Path) -> None:
    chromium = browser()
    pdf = report.parent / "report.pdf"
    subprocess.run(
        [chromium, "--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer",
         f"--print-to-pdf={pdf}", report.as_uri()],
        check=True, capture_output=True, timeout=120,
    )  # fmt: skip
    assert pdf.read_bytes().startswith(b"%PDF-")
    pdftotext = shutil.which("pdftotext")
    if pdftotext is None:
        if os.environ.get("CAREERCONV_BROWSER_TESTS") == "required":
            pytest.fail("pdftotext (poppler-utils) is not installed")
        pytest.skip("pdftotext is not installed")
    text = subprocess.run([pdftotext, "-layout", str(pdf), "-"], check=True, capture_output=True, text=True).stdout
    for expected in (
        "Career conversation: alex",
        "Tell me in 10 minutes about your career so far.",
        "Started in support, then backend.",
        "1. Desire for growth & mastery",
        "Mentor Kim and Lee",
    ):
        assert expected in text
    assert "Private: great people" not in text
