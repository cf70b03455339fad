"""The security review's findings, one test a row (issue "Security review"), each with its exact outcome.

The resource rows (2, 3, 4, 13) have bounds many times what they take: memory by ``tracemalloc``, time only
as a ceiling that a regression to the old behaviour would cross by far, never a tight timing.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import stat
import subprocess
import sys
import time
import tracemalloc
from pathlib import Path
from typing import Any

import attrs
import pytest

import careerconv
from careerconv import Answer, Conversation, MotivationRanking, Note, Person, TemplateRef
from careerconv.analytics.arrow import ARCHIVE_TABLES
from careerconv.cli import _UNSAFE
from careerconv.documents import editing
from careerconv.registry import PATH_VARIABLE
from careerconv.rules.text import FORBIDDEN_TEXT
from tests.cli_runner import run
from tests.conftest import Site
from tests.hostile_objects import (
    Colour,
    EndlessItems,
    EndlessList,
    HostileKey,
    OfHostileClass,
    PretendsToBeADict,
    RaisingClass,
    RaisingDict,
)

HEAD = "kind: conversation\nschema_version: 1\nid: r1\ntemplate: {name: standard}\nemployee: {id: alex}\n"


def problems(text: str | bytes, fmt: str = "yaml") -> list[str]:
    with pytest.raises(careerconv.ValidationError) as caught:
        careerconv.loads(text, format=fmt)  # type: ignore[call-overload]
    return [str(p) for p in caught.value.problems]


@pytest.fixture
def here(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return tmp_path


# ----------------------------------------------------------------------------------- 1: duplicate keys in JSON

ROW1 = (
    '{"kind"\n:"conversation","schema_version":1,"id":"r1","template":{"name":"standard"},"employee":{"id":"alex"},'
    '"answers":{"team":{"text":"SECRET","visibility":"shared","visibility":"private"}}}'
)


def test_row1_a_duplicate_key_after_a_line_break_is_refused(here: Path) -> None:
    """Row 1 as written: validate exits 1 naming the duplicate; report shows nothing, SECRET least of all."""
    Path("d.json").write_text(ROW1)
    line = "d.json:2:159: $.answers.team.visibility: duplicate key 'visibility' (first at line 2) [duplicate-key]\n"
    assert run("validate", "d.json") == (1, "", line)
    code, out, err = run("report", "d.json")
    assert (code, out, err) == (1, "", line)
    assert "SECRET" not in out + err


@pytest.mark.parametrize(
    ("text", "where"),
    [
        (ROW1.replace('"visibility":"private"', '"visibil\\u0069ty":"private"'), "2:159: $.answers.team.visibility"),
        (
            ROW1.replace("\n", "\r").replace('"visibility":"private"', '\r"visibility"\r:\r"private"'),
            "1:168: $.answers.team.visibility",
        ),
        (
            ROW1.replace('"visibility":"shared","visibility"', '"visibility" \t:"shared",\n\n "visibility"  '),
            "4:2: $.answers.team.visibility",
        ),
    ],
    ids=["escape", "carriage-returns", "whitespace"],
)
def test_row1_duplicate_keys_are_found_whatever_the_escapes_or_whitespace(text: str, where: str) -> None:
    """Lines are counted as JSON's own messages count them: at line feeds (a carriage return is whitespace)."""
    assert problems(text, "json") == [
        f"<string>:{where}: duplicate key 'visibility' (first at line {where[0] if where[0] != '4' else 2}) "
        "[duplicate-key]"
    ]


def test_row1_json_lines_with_carriage_returns(tmp_path: Path) -> None:
    """In JSON Lines a duplicate key spelled with ``\\r`` around it is refused, and the other records still come."""
    good = careerconv.dumps(
        careerconv.loads(ROW1.replace(',"visibility":"private"', ""), format="json"), format="jsonl"
    )
    bad = ROW1.replace("\n", "\r")  # '"kind"\r:' defeated the old check, which read the text as YAML
    path = tmp_path / "r.jsonl"
    path.write_text(good + bad + "\n" + good.replace('"id":"r1"', '"id":"r2"'))
    found: list[Conversation] = []
    with pytest.raises(careerconv.ValidationError) as caught:
        found.extend(careerconv.iter_conversations(path))
    assert [r.id for r in found] == ["r1", "r2"]
    assert [(p.line, p.path, p.code) for p in caught.value.problems] == [
        (2, "$.answers.team.visibility", "duplicate-key")
    ]


# ---------------------------------------------------------------------------------- 2: a million problems


# The peak is the child's peak resident memory as the kernel counts it: everything the process holds (the
# interpreter, careerconv, the text, C allocations tracemalloc does not see), at no cost to the run. Tracing every
# allocation with tracemalloc made these loads ten times slower (30 s instead of 3).
CHILD = """
import json, resource, sys, time
import careerconv
text = open(sys.argv[1], encoding="utf-8").read()
started = time.perf_counter()
try:
    careerconv.loads(text, format=sys.argv[2], source=sys.argv[3])
    found = []
except careerconv.ValidationError as error:
    found = [str(p) for p in error.problems]
seconds = time.perf_counter() - started
try:  # Linux: this process's own peak; ru_maxrss also holds the forked parent's, a large pytest worker's
    status = open("/proc/self/status", encoding="ascii").read()
    peak = int(status.split("VmHWM:")[1].split()[0]) * 1024
except (OSError, IndexError):
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * (1 if sys.platform == "darwin" else 1024)
print(json.dumps({"problems": found, "peak": peak, "seconds": seconds}))
"""


def bounded_loads(text: str, fmt: str, tmp_path: Path, source: str = "<string>") -> tuple[list[str], int, float]:
    """``loads(text)`` in a fresh process (no coverage tracer to slow it): problems, peak resident memory, seconds."""
    document = tmp_path / "document.txt"
    document.write_text(text, encoding="utf-8")
    # Coverage follows into subprocesses through these variables (pytest-cov, coverage's own .pth): not here.
    environment = {k: v for k, v in os.environ.items() if not k.startswith(("COV_CORE_", "COVERAGE_PROCESS_"))}
    done = subprocess.run(
        [sys.executable, "-c", CHILD, str(document), fmt, source],
        capture_output=True,
        text=True,
        timeout=600,
        check=True,
        env=environment,
    )
    result = json.loads(done.stdout)
    return result["problems"], result["peak"], result["seconds"]


def bounded(action: object) -> tuple[list[str], int, float]:
    """Run ``action`` (which must raise ValidationError): its problems, the peak traced memory, the seconds."""
    tracemalloc.start()
    started = time.perf_counter()
    try:
        with pytest.raises(careerconv.ValidationError) as caught:
            action()  # type: ignore[operator]
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    return [str(p) for p in caught.value.problems], peak, time.perf_counter() - started


def test_row2_a_million_notes_cost_bounded_memory_and_a_hundred_problems(tmp_path: Path) -> None:
    """Row 2: a 2 MB flow list of 1,000,000 one-letter notes. Before: about 2 GB and 25 s; now the problems
    stop at 100 (and one saying more were left out) and memory stays a small multiple of the document."""
    text = HEAD + "notes: [" + ", ".join(["a"] * 1_000_000) + "]\n"
    found, peak, seconds = bounded_loads(text, "yaml", tmp_path, "n.yaml")
    assert len(found) == 101
    assert found[0] == "n.yaml:6:9: $.notes[0]: expected a mapping, found text [wrong-type]"
    assert found[-1] == (
        "n.yaml: $: more than 100 problems; the first 100 are listed: fix them and check again [too-many-problems]"
    )
    assert peak < 400 * 2**20, peak
    assert seconds < 120, seconds


def test_row2_an_8_mb_json_list_of_integers(tmp_path: Path) -> None:
    """Row 2's JSON: before, 11 s and 994 MB."""
    text = (
        '{"kind":"conversation","schema_version":1,"id":"r1","template":{"name":"standard"},"employee":{"id":"a"},'
        '"notes":[' + ",".join(["1"] * 4_000_000) + "]}"
    )
    found, peak, seconds = bounded_loads(text, "json", tmp_path)
    assert len(found) == 101
    assert found[0] == "<string>:1:115: $.notes[0]: expected a mapping, found a whole number [wrong-type]"
    assert peak < 400 * 2**20, peak
    assert seconds < 120, seconds


def test_row2_many_rule_problems_stop_at_the_cap(tmp_path: Path) -> None:
    """Unknown answer keys come from the rules, not the converter: they stop at the cap too."""
    text = HEAD + "answers: {" + ", ".join(f"k{n}: {{text: x}}" for n in range(50_000)) + "}\n"
    found, _, _ = bounded_loads(text, "yaml", tmp_path)
    assert len(found) == 101
    assert found[-1].endswith("[too-many-problems]")


# ------------------------------------------------------------------------------------------ 3: huge locale


def test_row3_a_megabyte_locale_is_refused_at_once() -> None:
    """Row 3: before, quadratic (1 MB: 8 s; 8 MiB: 470 s). A record's locale is now checked."""
    text = HEAD.replace("{name: standard}", '{name: standard, locale: "' + "a-" * 500_000 + 'x"}')
    found, _, seconds = bounded(lambda: careerconv.loads(text))
    assert found == [
        "<string>:4:36: $.template.locale: expected a BCP 47 language tag such as en or es-MX [invalid-locale]"
    ]
    assert seconds < 30, seconds
    with pytest.raises(careerconv.TemplateNotFoundError, match="not a locale"):
        careerconv.get_template("standard", locale="a-" * 500_000 + "x")


# -------------------------------------------------------------------------------- 4: files that are not files


def test_row4_a_sparse_2_gib_file_is_refused_from_stat(here: Path) -> None:
    with open("x.yaml", "wb") as handle:
        handle.truncate(2 * 2**30)
    found, peak, _ = bounded(lambda: careerconv.load("x.yaml"))
    assert found == ["x.yaml: $: the document is 2,147,483,648 bytes; the limit is 8,388,608 [too-large]"]
    assert peak < 16 * 2**20, peak
    assert run("validate", "x.yaml")[0] == 1


def test_row4_a_link_to_dev_zero_is_refused(here: Path) -> None:
    os.symlink("/dev/zero", "z.yaml")
    expected = "z.yaml: $: not a regular file (a character device); careerconv reads files [not-a-file]\n"
    assert run("validate", "z.yaml") == (1, "", expected)


def test_row4_a_fifo_is_refused_without_hanging(here: Path) -> None:
    """A process of its own, so that a regression hangs that process, not the suite."""
    os.mkfifo("p.yaml")
    os.mkfifo("p.jsonl")
    code = "import careerconv.cli, sys; sys.exit(careerconv.cli.main(sys.argv[1:]))"
    done = subprocess.run(
        [sys.executable, "-c", code, "validate", "p.yaml"], capture_output=True, text=True, timeout=60, check=False
    )
    assert (done.returncode, done.stderr) == (
        1,
        "p.yaml: $: not a regular file (a named pipe); careerconv reads files [not-a-file]\n",
    )
    script = "import careerconv; list(careerconv.iter_conversations('p.jsonl'))"
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60, check=False)
    refused = "  p.jsonl: $: not a regular file (a named pipe); careerconv reads files [not-a-file]"
    assert done.stderr.splitlines()[-1] == refused


def test_row4_a_json_lines_line_past_the_limit_is_skipped_and_reported(tmp_path: Path) -> None:
    record = careerconv.start_conversation(careerconv.get_template("standard"), employee="alex").record
    other = attrs.evolve(record, id="r2")
    lines = [careerconv.dumps(r, format="jsonl").encode() for r in (record, other)]
    path = tmp_path / "r.jsonl"
    path.write_bytes(lines[0] + b"x" * (9 * 2**20) + b"\n" + lines[1])
    found: list[Conversation] = []
    with pytest.raises(careerconv.ValidationError) as caught:
        found.extend(careerconv.iter_conversations(path))
    assert found == [record, other]
    assert [(p.line, p.code) for p in caught.value.problems] == [(2, "too-large")]


# ------------------------------------------------------------------------- 5: the pure parser, huge numbers


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "%YAML 1.1\n--- [\n",
            [
                "t.yaml:2:1: $: careerconv reads YAML 1.2; remove the '%YAML 1.1' line [yaml-version]",
                "t.yaml:3:1: $[0]: invalid YAML: expected the node content, but found '<stream end>' [yaml-syntax]",
            ],
        ),
        (
            "%YAML 2.0\n",
            ["t.yaml:1:1: $: invalid YAML: found incompatible YAML document (version 1.* is required) [yaml-syntax]"],
        ),
        (
            "%YAML 1.2\n---\n{text: a?}\n",
            [
                "t.yaml:3:1: $.kind: missing required field (template or conversation) [missing-field]",
                "t.yaml:3:1: $.schema_version: missing required field [missing-field]",
            ],
        ),
    ],
    ids=["yaml-1.1", "yaml-2.0", "yaml-1.2-question"],
)
def test_row5_directives_are_problems_in_validate_migrate_and_the_api(
    here: Path, text: str, expected: list[str]
) -> None:
    Path("t.yaml").write_text(text)
    assert run("validate", "t.yaml") == (1, "", "".join(line + "\n" for line in expected))
    assert problems(text.encode(), "yaml") == [line.replace("t.yaml", "<string>") for line in expected]
    code, _, err = run("migrate", "t.yaml")
    assert code == 1
    assert "Traceback" not in err


@pytest.mark.parametrize(
    ("text", "fmt", "expected"),
    [
        (
            HEAD.replace("schema_version: 1", "schema_version: " + "1" * 4301),
            "yaml",
            "<string>:2:17: $.schema_version: a whole number has at most 100 digits [number-too-large]",
        ),
        (
            '{"kind":"conversation","schema_version":' + "1" * 4301 + "}",
            "json",
            "<string>:1:41: $.schema_version: a whole number has at most 100 digits [number-too-large]",
        ),
        (
            HEAD + 'notes: [{text: "\\U00110000"}]\n',
            "yaml",
            "<string>:6:19: $.notes[0]: invalid YAML: an escape names no Unicode character (beyond U+10FFFF) "
            "[yaml-syntax]",
        ),
    ],
    ids=["yaml-int", "json-int", "beyond-unicode"],
)
def test_row5_huge_numbers_and_escapes_beyond_unicode_are_problems(text: str, fmt: str, expected: str) -> None:
    assert expected in problems(text, fmt)


def test_row5_one_bad_file_in_a_template_folder_breaks_only_itself(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "templates"
    folder.mkdir()
    (folder / "broken.yaml").write_text("kind: template\nschema_version: " + "1" * 5000 + "\n")
    monkeypatch.setenv(PATH_VARIABLE, str(folder))
    careerconv.refresh_templates()
    try:
        assert careerconv.get_template("standard").name == "standard"
        code, out, _ = run("templates")
        assert code == 0
        assert [line.split("\t")[:2] for line in out.splitlines() if line.startswith("broken")] == [
            ["broken", "broken"]
        ]
    finally:
        monkeypatch.delenv(PATH_VARIABLE)
        careerconv.refresh_templates()


def test_row5_iter_conversations_goes_past_a_bad_file(tmp_path: Path) -> None:
    record = careerconv.start_conversation(careerconv.get_template("standard"), employee="alex").record
    careerconv.dump(record, tmp_path / "a.yaml")
    (tmp_path / "b.yaml").write_text(HEAD.replace("schema_version: 1", "schema_version: " + "1" * 5000))
    other = attrs.evolve(record, id="r2")
    careerconv.dump(other, tmp_path / "c.yaml")
    found: list[Conversation] = []
    with pytest.raises(careerconv.ValidationError) as caught:
        found.extend(careerconv.iter_conversations(tmp_path))
    assert found == [record, other]
    assert [p.code for p in caught.value.problems] == ["number-too-large"]


# ---------------------------------------------------------------------------------------- 6, 7, 17: writing


def private_record() -> Conversation:
    return Conversation(
        id="r1",
        template=TemplateRef(name="standard"),
        employee=Person(id="alex"),
        notes=(Note(text="PRIVATE-NOTE", visibility="private"),),
    )


def test_row6_the_temporary_file_has_the_final_mode_before_a_byte_is_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Row 6: before, the temporary file was 0644 while the private note was written and synced."""
    target = tmp_path / "priv.yaml"
    careerconv.dump(private_record(), target)
    target.chmod(0o600)
    modes: list[int] = []
    real_write = os.write

    def spy_write(fd: int, data: bytes) -> int:
        modes.append(stat.S_IMODE(os.fstat(fd).st_mode))
        return real_write(fd, data)

    real_fdopen = os.fdopen

    def spy_fdopen(fd: int, *args: object, **kwargs: object) -> object:
        modes.append(stat.S_IMODE(os.fstat(fd).st_mode))  # just after os.open, before anything is written
        return real_fdopen(fd, *args, **kwargs)  # type: ignore[call-overload]

    monkeypatch.setattr(os, "fdopen", spy_fdopen)
    monkeypatch.setattr(os, "write", spy_write)
    careerconv.dump(private_record(), target)
    monkeypatch.undo()
    assert modes
    assert set(modes) == {0o600}
    assert stat.S_IMODE(target.stat().st_mode) == 0o600


def test_row6_an_existing_files_mode_is_kept_even_when_the_umask_is_narrower(tmp_path: Path) -> None:
    target = tmp_path / "t.yaml"
    careerconv.dump(careerconv.get_template("standard"), target)
    target.chmod(0o640)
    old = os.umask(0o077)
    try:
        careerconv.dump(careerconv.get_template("standard"), target)
    finally:
        os.umask(old)
    assert stat.S_IMODE(target.stat().st_mode) == 0o640


@pytest.mark.skipif(os.geteuid() != 0, reason="making a device node needs root")
def test_row7_a_device_node_target_is_refused_and_untouched(here: Path) -> None:
    careerconv.dump(private_record(), here / "r.yaml")
    os.mknod("node.md", 0o644 | stat.S_IFCHR, os.makedev(1, 3))  # /dev/null's numbers
    code, out, err = run("report", "r.yaml", "-o", "node.md")
    assert (code, out) == (1, "")
    assert (
        err
        == f"careerconv: error: [Errno 22] not a regular file; careerconv writes only regular files: '{here}/node.md'\n"
    )
    assert stat.S_ISCHR(os.lstat("node.md").st_mode)


def test_row7_a_link_to_standard_output_is_not_replaced(here: Path) -> None:
    careerconv.dump(private_record(), here / "r.yaml")
    os.symlink("/proc/self/fd/1", "o.md")
    code = "import careerconv.cli, sys; sys.exit(careerconv.cli.main(sys.argv[1:]))"
    done = subprocess.run(
        [sys.executable, "-c", code, "report", "r.yaml", "-o", "o.md"], capture_output=True, timeout=60, check=False
    )
    assert done.returncode == 1
    assert done.stdout == b""
    assert os.path.islink("o.md")


def test_row7_dump_and_edit_through_a_link_write_the_file_it_names(here: Path) -> None:
    real = here / "real.yaml"
    real.write_text(careerconv.draft_record(careerconv.get_template("standard"), employee="alex"))
    os.symlink("real.yaml", "link.yaml")
    with careerconv.edit_record("link.yaml") as editor:
        editor.answer("team", "Great people")
    assert os.path.islink("link.yaml")
    assert "Great people" in real.read_text()
    record = careerconv.load("link.yaml")
    assert isinstance(record, Conversation)
    careerconv.dump(attrs.evolve(record, id="r2"), "link.yaml")
    assert os.path.islink("link.yaml")
    assert "id: r2" in real.read_text()


def test_row17_new_records_and_reports_are_private_templates_are_not(here: Path) -> None:
    old = os.umask(0o022)
    try:
        assert run("new", "standard", "-o", "r.yaml")[0] == 0
        assert run("report", "r.yaml", "--audience", "manager", "-o", "m.md")[0] == 0
        assert run("report", "r.yaml", "-o", "e.html", "--format", "html")[0] == 0
        assert run("show", "standard", "-o", "guide.md")[0] == 0
        careerconv.dump(private_record(), "d.json")
        careerconv.dump_conversations([private_record()], "all.jsonl")
        careerconv.dump(careerconv.get_template("standard"), "t.yaml")
    finally:
        os.umask(old)
    modes = {name: stat.S_IMODE(os.stat(name).st_mode) for name in sorted(os.listdir("."))}
    assert modes == {
        "all.jsonl": 0o600,
        "d.json": 0o600,
        "e.html": 0o600,
        "guide.md": 0o644,
        "m.md": 0o600,
        "r.yaml": 0o600,
        "t.yaml": 0o644,
    }


# ----------------------------------------------------------------------------------------------- 8: reprs


def test_row8_reprs_mask_the_value_of_private_answers_too() -> None:
    answers = {
        "scale": Answer(value=2, visibility="private"),
        "choice": Answer(value="leave-for-competitor", visibility="private"),
        "date": Answer(text="SECRET", value="2027-03-01", visibility="private"),
    }
    assert [repr(a) for a in answers.values()] == [
        "Answer(text=None, value=<private>, visibility='private')",
        "Answer(text=None, value=<private>, visibility='private')",
        "Answer(text=<private>, value=<private>, visibility='private')",
    ]
    assert repr(Answer(value=2)) == "Answer(text=None, value=2, visibility='shared')"


# ------------------------------------------------------------------------------------------- 9: by= tables


def test_row9_a_by_table_names_no_one() -> None:
    """Row 9: 5 people under one manager and 1 under another, one team: the one is not listed by name."""
    ranking = ("mastery", "autonomy", "meaning", "influence", "compensation", "prestige", "authority")
    records = [
        Conversation(
            id=f"r{n}",
            template=TemplateRef(name="standard"),
            date=dt.date(2026, 11, 1),
            employee=Person(id=f"p{n}", team="platform"),
            manager=Person(id="sam" if n < 5 else "kim"),
            motivations=MotivationRanking(ranking=ranking[n % 7 :] + ranking[: n % 7]),
        )
        for n in range(6)
    ]
    frame = careerconv.to_pandas(records, "motivations", by="team")
    assert list(frame.columns) == ["team", "motivation", "position", "top3", "suppressed"]
    assert frame.attrs["suppressed_groups"] == 0
    assert len(frame) == 42
    # rows sorted by content: one person's ranking does not stand together
    assert frame["motivation"].tolist()[:6] == ["authority"] * 6


# --------------------------------------------------------------------------- 10, 12, 16: text on terminals


def test_row10_escapes_in_any_text_are_refused_in_both_formats() -> None:
    text = HEAD + 'notes: [{text: "\\e]0;X\\a\\e[2J"}, {text: "back\\u202Ewards"}, {text: "\\ud800"}]\n'
    assert [p.rsplit(" [", 1)[1] for p in problems(text)] == ["control-character]"] * 3
    json_text = careerconv.dumps(careerconv.loads(HEAD), format="json").replace(
        '"employee": {', '"notes": [{"text": "\\u001b]0;X\\u0007"}],\n  "employee": {'
    )
    assert problems(json_text, "json") == [
        "<string>:8:22: $.notes[0].text: the character U+001B (a control character) is not allowed in text; "
        "remove it [control-character]"
    ]


def test_row10_objects_built_in_python_are_checked_too() -> None:
    record = attrs.evolve(private_record(), notes=(Note(text="a\x1b[2J"),))
    with pytest.raises(careerconv.ValidationError) as caught:
        careerconv.validate(record)
    assert [p.code for p in caught.value.problems] == ["control-character"]


def test_row10_what_the_cli_prints_is_escaped(here: Path, site: Site) -> None:
    name = "x\x1b[2J\u202e.yaml"
    assert run("validate", name) == (
        1,
        "",
        "x\\x1b[2J\\u202e.yaml: cannot read the file: No such file or directory [unreadable]\n",
    )
    site.install(
        "evil-dist",
        "1.0",
        {"evil": "evil_mod:make"},
        {"evil_mod": "def make():\n    raise ValueError('a\\x1b[2J\\nb')\n"},
    )
    code, out, _ = run("templates")
    assert code == 0
    broken = [line for line in out.splitlines() if line.startswith("evil")]
    assert broken == [
        "evil\tbroken\t\tentry point 'evil' (evil_mod:make) of evil-dist 1.0: ValueError: a\\x1b[2J\\nb"
        "\tplugin evil-dist 1.0"
    ]


def test_row10_the_terminal_escapes_cover_every_character_the_text_rule_refuses() -> None:
    """The CLI's own set (kept in the CLI, which loads no rules to print) holds the rule's, and line breaks."""
    refused = [chr(c) for c in range(0x110000) if FORBIDDEN_TEXT.match(chr(c))]
    assert len(refused) == 2048 + (32 - 2) + (1 + 32) + (5 + 4)  # surrogates, C0 less tab and LF, DEL and C1, bidi
    assert all(_UNSAFE.match(c) for c in [*refused, "\t", "\n", "\u2028", "\u2029"])


def test_row12_a_lone_surrogate_is_a_problem_not_a_crash(here: Path) -> None:
    Path("s.json").write_text(
        '{"kind":"conversation","schema_version":1,"id":"r1","template":{"name":"standard"},'
        '"employee":{"id":"alex"},"notes":[{"text":"\\ud800"}]}'
    )
    expected = (
        "s.json:1:126: $.notes[0].text: the character U+D800 (a lone surrogate) is not allowed in text; "
        "remove it [control-character]\n"
    )
    assert run("validate", "s.json") == (1, "", expected)
    assert run("report", "s.json") == (1, "", expected)


def test_row16_new_refuses_a_parameter_it_could_not_write_validly(here: Path) -> None:
    assert run("new", "standard", "--param", "company=Acme\x1b[2J", "-o", "n.yaml") == (
        1,
        "",
        "--param: $.params.company: the character U+001B (a control character) is not allowed in text; "
        "remove it [control-character]\n",
    )
    assert not Path("n.yaml").exists()
    assert run("new", "standard", "--param", "company=Acme\tCorp", "-o", "n.yaml")[0] == 0
    assert run("validate", "n.yaml") == (0, "", "")


# ---------------------------------------------------------------------------------------- 11: diff records


def test_row11_diff_refuses_a_record_validate_refuses(here: Path) -> None:
    Path("rec.yaml").write_text(HEAD.replace("id: r1", "id: my private worry") + "answers: {I want out: {text: x}}\n")
    code, out, err = run("diff", "standard@1", "standard@1", "rec.yaml")
    assert (code, out) == (1, "")
    assert err == (
        "rec.yaml:3:5: $.id: an id uses letters, digits, '.', '_' and '-', starting with a letter or digit "
        "[invalid-id]\n"
        "rec.yaml:6:23: $.answers['…']: no question has this id: a question id is an identifier [unknown-question]\n"
    )


def test_row11_diff_lists_private_orphans_for_the_manager_only(here: Path) -> None:
    standard = careerconv.get_template("standard")
    _, *rest = standard.sections
    smaller = attrs.evolve(standard, version="2.0.0", sections=tuple(rest))
    careerconv.dump(smaller, here / "new.yaml")
    record = Conversation(
        id="r1",
        template=TemplateRef(name="standard"),
        employee=Person(id="alex"),
        answers={
            "career-so-far": Answer(text="shared story"),
            "enjoyed-jobs": Answer(text="private story", visibility="private"),
        },
    )
    careerconv.dump(record, here / "r1.yaml")
    orphans = [line for line in run("diff", "standard@1", "new.yaml", "r1.yaml")[1].splitlines() if "orphan" in line]
    assert orphans == ["orphan   r1: $.answers.career-so-far"]
    manager = run("diff", "standard@1", "new.yaml", "r1.yaml", "--audience", "manager")[1].splitlines()
    assert [line for line in manager if "orphan" in line] == [
        "orphan   r1: $.answers.career-so-far",
        "orphan   r1: $.answers.enjoyed-jobs",
    ]


# -------------------------------------------------------------------------------------- 13: editing limits


def draft(tmp_path: Path, answer: str) -> Path:
    text = careerconv.draft_record(careerconv.get_template("standard"), employee="alex")
    path = tmp_path / "r.yaml"
    path.write_text(text.replace("  team:\n    text:\n", answer))
    careerconv.load(path)  # the strict reader accepts it
    return path


def test_row13_a_tab_in_unquoted_text_is_a_problem_from_edit_record(tmp_path: Path) -> None:
    path = draft(tmp_path, "  team:\n    text: plat\tform\n")
    before = path.read_bytes()
    with pytest.raises(careerconv.ValidationError) as caught, careerconv.edit_record(path) as editor:
        editor.answer("career-so-far", "x")
    assert [str(p) for p in caught.value.problems] == [
        f"{path}:47:15: $: the editor cannot keep this file's layout here (a tab in unquoted text?): quote the value "
        "[not-editable]"
    ]
    assert path.read_bytes() == before


@pytest.mark.parametrize("answer", ['  team:\n    text: "plat\tform"\n', "  team:\n    text: a\u2029b\n"])
def test_row13_quoted_tabs_and_paragraph_separators_edit_fine(tmp_path: Path, answer: str) -> None:
    path = draft(tmp_path, answer)
    with careerconv.edit_record(path) as editor:
        editor.answer("career-so-far", "x")
    record = careerconv.load(path)
    assert isinstance(record, Conversation)
    assert record.answers["career-so-far"].text == "x"


def test_row13_a_large_record_is_refused_by_the_editor_at_once(tmp_path: Path) -> None:
    """Before: a valid 7 MB record took 122 s and 1.9 GB to edit; one over 1 MiB is now refused at once."""
    record = attrs.evolve(private_record(), notes=tuple(Note(text=f"note {n} " * 8) for n in range(15_000)))
    path = tmp_path / "big.yaml"
    path.write_text(careerconv.dumps(record, format="json"))  # JSON is YAML: written fast
    found, _, seconds = bounded(lambda: careerconv.edit_record(path).__enter__())
    assert found == [
        f"{path}: $: the file is {path.stat().st_size:,} bytes; files are edited up to 1,048,576: "
        "load and dump it instead [too-large]"
    ]
    assert seconds < 60, seconds


def test_row13_yaml_writing_is_linear_in_memory() -> None:
    """YAML dumps of a large record: memory a bounded multiple of the output (speed is the performance issue's)."""
    record = attrs.evolve(private_record(), notes=tuple(Note(text=f"note {n} with words") for n in range(3_000)))
    tracemalloc.start()
    try:
        text = careerconv.dumps(record)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 100 * len(text), (peak, len(text))


# ------------------------------------------------------------------------------------- 14: plugins that exit

EXITING = {
    "exits": "import sys\nsys.exit(3)\n",
    "interrupts": "raise KeyboardInterrupt\n",
}


@pytest.mark.parametrize("how", sorted(EXITING))
def test_row14_a_plugin_that_exits_breaks_only_itself(here: Path, site: Site, how: str) -> None:
    site.install(f"{how}-dist", "1.0", {how: f"{how}_mod:TEMPLATE"}, {f"{how}_mod": EXITING[how]})
    code, out, _ = run("templates")
    assert code == 0
    assert any(line.startswith("standard\t") for line in out.splitlines())
    cause = "SystemExit: 3" if how == "exits" else "KeyboardInterrupt: "
    assert (
        f"{how}\tbroken\t\tentry point '{how}' ({how}_mod:TEMPLATE) of {how}-dist 1.0: {cause}\tplugin {how}-dist 1.0"
        in out.splitlines()
    )
    Path("a.yaml").write_text(HEAD.replace("{name: standard}", f"{{name: {how}}}"))
    Path("b.yaml").write_text(HEAD + "answers: {nope: {text: x}}\n")
    code, _, err = run("validate", "a.yaml", "b.yaml")
    assert code == 1
    assert [line.rsplit("[", 1)[1] for line in err.splitlines()] == ["broken-template]", "unknown-question]"]


# -------------------------------------------------------------------------------------- 15: Markdown blocks


def test_row15_block_syntax_at_a_line_start_is_escaped() -> None:
    record = Conversation(
        id="r1",
        template=TemplateRef(name="standard"),
        employee=Person(id="alex"),
        answers={"team": Answer(text="Fine\n~~~\nafter the fence\n===\n- x\n+ y\n2026. A year")},
        notes=(Note(text="- nested"),),
    )
    report = careerconv.render(record)
    assert "Fine\\\n\\~~~\\\nafter the fence\\\n\\===\\\n\\- x\\\n\\+ y\\\n2026\\. A year\n" in report
    assert "- \\- nested\n" in report


# ------------------------------------------------------------------------------------------ info: privacy


def test_info_new_records_say_the_grow_plan_and_motivation_notes_are_shared() -> None:
    text = careerconv.draft_record(careerconv.get_template("standard"), employee="alex")
    assert "  # shared with the employee; private notes go under notes: below\n  notes:\n" in text
    assert (
        "# The GROW plan for the one thing that matters most: what you agree, always shared with the employee.\n"
        in text
    )


# ====================================================================================== the second review
# Issue "Security review, second round": each finding as the review reproduced it, with its exact outcome.

# ----------------------------------------------------------------- second 1: a writer that changes text


SECOND_1 = [
    # two spaces before a word longer than a line, at a fold: ruamel.yaml's layout dropped one space
    ("y" * 60 + "  " + "z" * 101, "yyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyy  " + "z" * 101),
    # an escape just before a fold: the line break after it was read as a space
    ("x" * 95 + "\t0 0", '"' + "x" * 95 + '\\t\\\n      0 0"'),
    ("x" * 95 + "\u20280 0", '"' + "x" * 95 + '\\L\\\n      0 0"'),
    # decimal numbers careerconv's reader resolves, written plain
    (".5e3", "'.5e3'"),
    ("-.5E3", "'-.5E3'"),
    ("+.5e3", "'+.5e3'"),
]


@pytest.mark.parametrize(("text", "written"), SECOND_1, ids=["spaces", "tab", "line-separator", "5e3", "-5E3", "+5e3"])
def test_second_1_the_review_texts_are_written_as_they_read_back(text: str, written: str, tmp_path: Path) -> None:
    """dumps, dump and load, a draft carrying the text, an edit: each reads back the very text."""
    record = Conversation(id="r1", template=TemplateRef(name="standard"), employee=Person(id="alex"))
    record = attrs.evolve(record, notes=(Note(text=text),))
    yaml_text = careerconv.dumps(record)
    assert f"notes:\n  - text: {written}\n" in yaml_text
    assert careerconv.loads(yaml_text) == record
    careerconv.dump(record, tmp_path / "r.yaml")
    assert careerconv.load(tmp_path / "r.yaml") == record
    # A draft carries the text as a parameter's value and as an open action's.
    template = careerconv.get_template("standard")
    previous = careerconv.start_conversation(template, employee="alex", date=dt.date(2026, 1, 5)).action(text).record
    draft = careerconv.loads(
        careerconv.draft_record(template, employee="alex", params={"company": text}, previous=previous)
    )
    assert isinstance(draft, Conversation)
    assert draft.params == {"company": text}
    assert draft.grow is not None
    assert [action.text for action in draft.grow.will] == [text]
    # An edit sets it as an answer and a note.
    path = tmp_path / "draft.yaml"
    path.write_text(careerconv.draft_record(template, employee="alex"))
    with careerconv.edit_record(path) as editor:
        editor.answer("team", text).note(text)
    edited = careerconv.load(path)
    assert isinstance(edited, Conversation)
    assert (edited.answers["team"].text, edited.notes[0].text) == (text, text)


def test_second_1_an_edit_that_would_change_text_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The round-trip writer's output is read back before it is kept: with ruamel.yaml's folding on, the edit
    that would drop a space is refused, the file left as it was."""
    monkeypatch.setattr(editing, "_NO_FOLD", 100)
    path = tmp_path / "draft.yaml"
    path.write_text(careerconv.draft_record(careerconv.get_template("standard"), employee="alex"))
    before = path.read_bytes()
    with pytest.raises(careerconv.ValidationError) as caught, careerconv.edit_record(path) as editor:
        editor.note(SECOND_1[0][0])
    assert [str(p) for p in caught.value.problems] == [
        f"{path}: $: the editor cannot write this file back unchanged; edit it by hand, or load and dump it "
        "[not-editable]"
    ]
    assert path.read_bytes() == before


# ------------------------------------------------------------- second 2: a \U escape that broke every command

BAD_ESCAPE = HEAD + 'notes: [{text: "\\UFFFFFFFF"}]\n'
BAD_ESCAPE_PROBLEM = "$.notes[0]: invalid YAML: an escape names no Unicode character (beyond U+10FFFF) [yaml-syntax]"


@pytest.mark.parametrize("escape", ["\\UFFFFFFFF", "\\U80000000", "\\U7FFFFFFF", "\\U00110000"])
def test_second_2_an_escape_beyond_unicode_is_a_located_problem(escape: str) -> None:
    assert problems(HEAD + f'notes: [{{text: "{escape}"}}]\n') == [f"<string>:6:19: {BAD_ESCAPE_PROBLEM}"]


def test_second_2_a_bad_template_file_breaks_only_its_own_name(here: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    Path("templates").mkdir()
    Path("templates/evil.yaml").write_text(
        'kind: template\nschema_version: 1\nname: evil\nversion: 1.0.0\ntitle: "\\UFFFFFFFF"\n'
    )
    monkeypatch.setenv(PATH_VARIABLE, "templates")
    careerconv.refresh_templates()
    try:
        code, out, err = run("show", "standard")
        assert (code, out.splitlines()[0], err) == (0, "# Career Conversations", "")
        code, out, err = run("templates")
        assert (code, err) == (0, "")
        reason = (
            "invalid: templates/evil.yaml:5:11: $.title: invalid YAML: an escape names no Unicode character "
            "(beyond U+10FFFF) [yaml-syntax]"
        )
        assert f"evil\tbroken\t\t{reason}\tfolder templates" in out.splitlines()
        code, out, err = run("show", "evil")
        assert (code, out) == (1, "")
        assert (
            err == "templates/evil.yaml:5:11: $.title: invalid YAML: an escape names no Unicode character "
            "(beyond U+10FFFF) [yaml-syntax]\n"
        )
    finally:
        monkeypatch.delenv(PATH_VARIABLE)
        careerconv.refresh_templates()


def test_second_2_a_bad_record_is_one_problem_in_bulk_reads_and_export(here: Path) -> None:
    Path("records").mkdir()
    good = careerconv.start_conversation(careerconv.get_template("standard"), employee="alex").record
    careerconv.dump(good, "records/a.yaml")
    Path("records/b.yaml").write_text(BAD_ESCAPE)
    assert careerconv.load_conversations("records", on_error="skip") == [good]
    collected = careerconv.load_conversations("records", on_error="collect")
    assert [str(p) for p in collected.problems] == [f"records/b.yaml:6:19: {BAD_ESCAPE_PROBLEM}"]
    code, out, err = run("export", "records", "-o", "archive")
    assert (code, out, err) == (1, "", f"records/b.yaml:6:19: {BAD_ESCAPE_PROBLEM}\n")
    assert not Path("archive").exists()


# ------------------------------------------------------------ second 3: hostile containers and from_data

RECORD_DATA = {"kind": "conversation", "schema_version": 1, "id": "r1", "template": {"name": "standard"}}


def test_second_3_hostile_containers_are_read_by_their_own_content_or_refused() -> None:
    """No method of the data runs: dict and list subclasses are read through dict's and list's own methods,
    everything else is refused with a problem; nothing hangs, nothing escapes."""
    answers = {"team": {"text": "Fine"}}
    for data in (
        EndlessItems(RECORD_DATA, employee={"id": "alex"}, answers=EndlessItems(answers)),
        {**RECORD_DATA, "employee": RaisingDict(id="alex"), "answers": RaisingDict(answers)},
        {**RECORD_DATA, "employee": {"id": "alex"}, "answers": answers, "notes": EndlessList([{"text": "n"}])},
    ):
        record = careerconv.from_data(data)
        assert isinstance(record, Conversation)
        assert (record.employee.id, record.answers["team"].text) == ("alex", "Fine")
    cases: list[tuple[object, str]] = [
        (PretendsToBeADict(), "$.answers: a file cannot hold an unsupported value [wrong-type]"),
        (RaisingClass(), "$.answers: a file cannot hold an unsupported value [wrong-type]"),
        (OfHostileClass(), "$.answers: a file cannot hold an unsupported value [wrong-type]"),
        (
            {HostileKey("team"): {"text": "x"}},
            "$.answers: a mapping key must be text, not a subclass of str [invalid-key]",
        ),
        ({"team": {"text": Colour.RED}}, "$.answers.team.text: a file cannot hold a subclass of str [wrong-type]"),
    ]
    HostileKey.armed = True  # from here on, hashing or comparing the key raises
    try:
        for answers_value, expected in cases:
            with pytest.raises(careerconv.ValidationError) as caught:
                careerconv.from_data({**RECORD_DATA, "employee": {"id": "alex"}, "answers": answers_value})
            assert [str(p) for p in caught.value.problems] == [f"<string>: {expected}"]
    finally:
        HostileKey.armed = False


def test_second_3_data_larger_than_a_file_may_be_is_refused_at_once() -> None:
    tracemalloc.start()
    try:
        with pytest.raises(careerconv.ValidationError) as caught:
            careerconv.from_data({**RECORD_DATA, "employee": {"id": "alex"}, "notes": [{"text": "n"}] * 9_000_000})
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert [str(p) for p in caught.value.problems] == [
        "<string>: $: the data holds more than 8,388,608 items and characters, more than a file may [too-large]"
    ]
    assert peak < 200 * 1024 * 1024  # the copy stops at the limit: about 72 MB of the list's own
    text = "x" * (9 * 1024 * 1024)
    with pytest.raises(careerconv.ValidationError) as caught:
        careerconv.from_data({**RECORD_DATA, "employee": {"id": "alex"}, "notes": [{"text": text}]})
    assert [p.code for p in caught.value.problems] == ["too-large"]


def test_second_3_objects_holding_hostile_containers_are_wrong_types() -> None:
    record = Conversation(
        id="r1",
        template=TemplateRef(name="standard"),
        employee=Person(id="alex"),
        answers=RaisingDict(team=Answer(text="x")),
        notes=EndlessList([Note(text="n")]),  # type: ignore[arg-type]
    )
    with pytest.raises(careerconv.ValidationError) as caught:
        careerconv.validate(record)
    assert [str(p) for p in caught.value.problems] == [
        "<string>: $.answers: expected a dict, found RaisingDict [wrong-type]",
        "<string>: $.notes: expected a tuple, found EndlessList [wrong-type]",
    ]


# ------------------------------------------------------------------ second 4: grouped tables name no one


def test_second_4_grouped_action_and_goal_tables_carry_no_id_or_date() -> None:
    template = careerconv.get_template("standard")
    records = [
        careerconv.start_conversation(template, employee=f"emp{n:02}", date=dt.date(2026, 12, 7))
        .answer("team", "Fine")
        .goal("Lead", by=dt.date(2027, 6, 30))
        .action("Mentor", due=dt.date(2027, 3, 31))
        .record
        for n in range(12)
    ]
    records = [attrs.evolve(r, employee=attrs.evolve(r.employee, team="platform")) for r in records]
    actions = careerconv.to_pandas(records, "actions", by="team")
    assert list(actions.columns) == ["team", "action", "owner", "status", "records", "suppressed"]
    assert actions.attrs["identifies_people"] is False
    goals = careerconv.to_pandas(records, "goals", by="team")
    assert list(goals.columns) == ["team", "goal", "success", "suppressed"]
    shown = [str(cell) for frame in (actions, goals) for row in frame.to_numpy().tolist() for cell in row]
    assert not [cell for cell in shown if "emp0" in cell or "emp1" in cell or "2026" in cell or "2027" in cell]
    arrow = careerconv.to_arrow(records, "actions", by="team")
    assert arrow.column_names == ["team", "action", "owner", "status", "records", "suppressed"]
    # Without ``by`` the table is for readers who may see the records: ids and dates stay.
    assert "action_id" in careerconv.to_pandas(records, "actions").columns


# ----------------------------------------------------------- second 5: Markdown blocks in purposes and moves

HOSTILE_MARKDOWN = ["~~~", "```", "---", "***", "___", "1. x", "1) x", "- x", "+ x", "* x", "# x", "> x", "===",
                    "[x]: http://example.org", "<div>", ": x", "| a | b |", "- [ ] x", "2026. A year"]  # fmt: skip


def _texts_replaced(data: Any, text: str) -> Any:
    """``data`` with every text a reader reads (titles, purposes, questions, help, prompts, labels) ``text``."""
    if isinstance(data, dict):
        return {
            key: (text if key in ("title", "purpose", "description", "text", "help", "label") and value else
                  [text] * len(value) if key == "prompts" else _texts_replaced(value, text))
            for key, value in data.items()
        }  # fmt: skip
    if isinstance(data, list):
        return [_texts_replaced(item, text) for item in data]
    return data


def _blocks(markdown: str) -> list[tuple[str, str, int]]:
    """The block structure of a Markdown text as a CommonMark reader sees it: each block token's kind."""
    from markdown_it import MarkdownIt

    return [(t.type, t.tag, t.level) for t in MarkdownIt("commonmark").parse(markdown) if t.type != "inline"]


def _pages(text: str) -> list[str]:
    """The guide, a manager's report and a history, every text a reader wrote ``text``."""
    template = careerconv.from_data(_texts_replaced(careerconv.to_data(careerconv.get_template("standard")), text))
    assert isinstance(template, careerconv.Template)
    order = [m.id for m in template.motivations()]
    first = (
        careerconv.start_conversation(template, employee="alex", date=dt.date(2026, 1, 5))
        .answer("team", text)
        .rank(*order, notes=text)
        .goal(text, success=text)
        .reality(text, obstacles=[text, text])
        .option(text, chosen=True)
        .action(text, due=dt.date(2026, 2, 1))
        .note(text, visibility="private")
        .record
    )
    second = attrs.evolve(
        first, id="r2", date=dt.date(2026, 6, 1), motivations=MotivationRanking(ranking=tuple(reversed(order)))
    )
    history = careerconv.History([first, second])
    return [
        careerconv.render(template),
        careerconv.render(first, audience="manager", template=template),
        careerconv.render(history, audience="manager", template=template, today=dt.date(2026, 7, 1)),
    ]


@pytest.mark.parametrize("text", HOSTILE_MARKDOWN)
def test_second_5_no_text_changes_the_structure_of_a_markdown_page(text: str) -> None:
    """Every text at a line start goes through the one escape: a page's blocks are those of plain words."""
    plain = _pages("words")
    for hostile, expected in zip(_pages(text), plain, strict=True):
        assert _blocks(hostile) == _blocks(expected)


# ------------------------------------------------------------------ second 6: the form's YAML keys


def test_second_6_the_forms_yaml_quotes_numeric_looking_ids() -> None:
    """The form writes keys by careerconv's rules (tests/test_form_yaml.py; in the browser, tests/test_form.py)."""
    from tests.test_form_yaml import run_js
    from tests.test_writer import read_both

    record = {"answers": {"123": {"text": "a"}, "1e3": {"text": "b"}, "0x1f": {"text": "c"}}}
    _, (written,) = run_js([], [record])
    assert written == "answers:\n  '123':\n    text: a\n  '1e3':\n    text: b\n  '0x1f':\n    text: c\n"
    assert read_both(written) == record


# ------------------------------------------------------------------ second 7: careerconv export --on-error


def test_second_7_export_goes_past_a_bad_file_when_asked(here: Path) -> None:
    Path("records").mkdir()
    good = careerconv.start_conversation(careerconv.get_template("standard"), employee="alex").record
    careerconv.dump(good, "records/a.yaml")
    Path("records/b.yaml").write_text(HEAD + "answers: {team: {text: [1]}}\n")
    line = "records/b.yaml:6:24: $.answers.team.text: expected text, found a list [wrong-type]\n"
    assert run("export", "records", "-o", "raised") == (1, "", line)
    assert not Path("raised").exists()
    written = "1 records written to {} for employee: rows conversations 1, answers 0, motivations 0, actions 0, "
    written += "goals 0, options 0, notes 0\n"
    assert run("export", "records", "-o", "skipped", "--on-error", "skip") == (0, written.format("skipped"), "")
    assert run("export", "records", "-o", "collected", "--on-error", "collect") == (
        1,
        written.format("collected"),
        line,
    )
    assert sorted(p.name for p in Path("collected").iterdir()) == sorted(ARCHIVE_TABLES)
    code, _, err = run("export", "records", "-o", "x", "--on-error", "ignore")
    assert code == 2
    assert "argument --on-error: invalid choice: 'ignore'" in err
