"""Conversations: the workflow API, progress, history, streaming, reports, the CLI around them."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Callable
from pathlib import Path

import attrs
import pytest

import careerconv
from careerconv import Action, Conversation, GrowPlan, History, MotivationRanking, Person, TemplateRef
from tests.cli_runner import run

RANKING = ("mastery", "autonomy", "meaning", "influence", "compensation", "prestige", "authority")


def alex(day: dt.date = dt.date(2026, 11, 26)) -> careerconv.Session:
    template = careerconv.get_template("standard")
    return careerconv.start_conversation(template, employee="alex", manager="sam", date=day, params={"company": "Acme"})


def full_record() -> Conversation:
    return (
        alex()
        .answer("career-so-far", "Started in *support*\nthen backend <b>")
        .answer("team", "Great people", visibility="private")
        .rank(*RANKING, notes="Mastery came up")
        .goal("Lead a team", success="Leads platform", by=dt.date(2028, 12, 31))
        .reality("Senior engineer", obstacles=["No management experience"])
        .option("Mentor two juniors", chosen=True)
        .option("Management course")
        .action("Mentor Kim and Lee", due=dt.date(2027, 3, 31))
        .action("Read a book", owner="manager", status="done")
        .note("Worried about the reorg", visibility="private")
        .note("Agreed to meet monthly")
        .record
    )


# ------------------------------------------------------------------------------------------- workflow


def test_a_session_builds_the_record_step_by_step() -> None:
    record = full_record()
    assert record.id == "2026-11-26-alex"
    assert record.template == TemplateRef(name="standard", version="1.0.0", locale="en")
    assert record.params == {"company": "Acme"}
    assert record.manager == Person(id="sam")
    assert record.motivations == MotivationRanking(ranking=RANKING, notes="Mastery came up")
    assert record.grow is not None
    assert [(o.text, o.chosen) for o in record.grow.options] == [
        ("Mentor two juniors", True),
        ("Management course", False),
    ]
    assert [(a.text, a.owner, a.due, a.status) for a in record.grow.will] == [
        ("Mentor Kim and Lee", "employee", dt.date(2027, 3, 31), "open"),
        ("Read a book", "manager", None, "done"),
    ]
    assert careerconv.loads(careerconv.dumps(record)) == record  # the record validates as a file


def test_a_session_refuses_a_wrong_step_at_once_and_keeps_the_record() -> None:
    session = alex()
    before = session.record
    with pytest.raises(careerconv.ValidationError) as caught:
        session.answer("carrer-so-far", "x")
    assert [str(p) for p in caught.value.problems] == [
        "<string>: $.answers.carrer-so-far: no question 'carrer-so-far' in template standard 1.0.0; "
        "did you mean 'career-so-far'? [unknown-question]"
    ]
    with pytest.raises(careerconv.ValidationError) as caught:
        session.rank("mastery", "autonomy")
    assert [p.code for p in caught.value.problems] == ["invalid-ranking"]
    with pytest.raises(careerconv.ValidationError) as caught:
        session.answer("team", value=3)
    assert [p.code for p in caught.value.problems] == ["answer-type"]
    assert session.record is before


def test_progress_counts_answers_required_questions_and_the_time_budget() -> None:
    template = careerconv.loads(
        "kind: template\nschema_version: 1\nname: mini\nversion: 1.0.0\ntitle: Mini\nsections:\n"
        "  - {id: a, title: A, duration_minutes: 10,\n"
        "     questions: [{id: q1, text: x, required: true}, {id: q2, text: y}]}\n"
        "  - {id: b, title: B, questions: [{id: q3, text: z, required: true}]}\n"
        "  - {id: c, title: C, duration_minutes: 5, questions: [{id: q4, text: w}]}\n"
    )
    assert isinstance(template, careerconv.Template)
    session = careerconv.start_conversation(template, employee="kim", date=dt.date(2026, 1, 2))
    progress = session.answer("q1", "yes").answer("q2", "  ").answer("q4", "ok").progress()
    assert (progress.answered, progress.questions, progress.required_answered, progress.required) == (2, 4, 1, 2)
    assert progress.complete is False
    assert progress.minutes == 15
    assert [(s.id, s.answered, s.questions, s.minutes, s.starts_at) for s in progress.sections] == [
        ("a", 1, 2, 10, 0),
        ("b", 0, 1, None, 10),
        ("c", 1, 1, 5, 10),
    ]
    assert session.answer("q3", "done").progress().complete is True


def test_a_new_record_carries_the_open_actions_of_the_previous_one() -> None:
    previous = full_record()
    session = careerconv.start_conversation(
        careerconv.get_template("standard"), employee="alex", date=dt.date(2027, 5, 1), previous=previous
    )
    carried = Action(
        id="2026-11-26-alex-a1", text="Mentor Kim and Lee", due=dt.date(2027, 3, 31), agreed=dt.date(2026, 11, 26)
    )
    assert session.record.grow == GrowPlan(will=(carried,))
    later = careerconv.start_conversation(
        careerconv.get_template("standard"), employee="alex", date=dt.date(2027, 9, 1), previous=session.record
    )
    assert later.record.grow == GrowPlan(will=(carried,))  # the same id, and the day first agreed
    closed = later.action("Read a book").close_action("2026-11-26-alex-a1", "dropped").record.grow
    assert closed is not None
    assert [(a.id, a.status, a.agreed) for a in closed.will] == [
        ("2026-11-26-alex-a1", "dropped", dt.date(2026, 11, 26)),
        ("2027-09-01-alex-a1", "open", dt.date(2027, 9, 1)),
    ]
    with pytest.raises(ValueError, match="unknown action id '2026-11-26-alex-a2': expected 2026-11-26-alex-a1 or 2027"):
        later.close_action("2026-11-26-alex-a2")
    with pytest.raises(ValueError, match="unknown status 'open': expected done or dropped"):
        later.close_action("2026-11-26-alex-a1", "open")  # type: ignore[arg-type]


def test_records_written_before_actions_had_ids_get_the_same_derived_id_in_each_record() -> None:
    legacy = attrs.evolve(full_record(), grow=GrowPlan(will=(Action(text="Mentor Kim", due=dt.date(2027, 3, 31)),)))
    derived = careerconv.action_id("alex", Action(text="Mentor Kim"))
    assert derived == "a-" + hashlib.blake2b(b"alex\0Mentor Kim", digest_size=5, person=b"careerconv-act").hexdigest()
    session = careerconv.start_conversation(
        careerconv.get_template("standard"), employee="alex", date=dt.date(2027, 5, 1), previous=legacy
    )
    grow = session.close_action(derived).record.grow
    assert grow is not None
    assert [(a.id, a.status, a.agreed) for a in grow.will] == [(derived, "done", dt.date(2026, 11, 26))]


# -------------------------------------------------------------------------------------------- history


def dated(day: dt.date, ranking: tuple[str, ...], will: tuple[Action, ...] = ()) -> Conversation:
    return Conversation(
        id=f"{day}-alex",
        template=TemplateRef(name="standard", version="1.0.0"),
        date=day,
        employee=Person(id="alex", name="Alex Doe"),
        motivations=MotivationRanking(ranking=ranking),
        grow=GrowPlan(will=will),
    )


def test_history_orders_records_and_reports_shifts_and_overdue_actions() -> None:
    later = ("autonomy", "influence", "meaning", "mastery", "compensation", "prestige", "authority")
    late = Action(text="Mentor Kim", due=dt.date(2027, 4, 1))
    history = History(
        [
            dated(dt.date(2027, 5, 1), later, (late, Action(text="x", status="done"))),
            dated(dt.date(2026, 11, 26), RANKING),
        ]
    )
    assert [r.id for r in history] == ["2026-11-26-alex", "2027-05-01-alex"]
    (shift,) = history.shifts()
    assert [str(m) for m in shift.moves][:4] == [
        "autonomy: up 1 (2 → 1)",
        "influence: up 2 (4 → 2)",
        "meaning: no change (3)",
        "mastery: down 3 (1 → 4)",
    ]
    assert shift.warnings == ("mastery left the top 3 (1 → 4)",)
    assert history.open_actions() == (late,)
    assert [(o.action.text, o.days_late) for o in history.overdue(today=dt.date(2027, 5, 1))] == [("Mentor Kim", 30)]
    assert history.overdue(today=dt.date(2027, 4, 1)) == []


def test_history_refuses_mixed_or_undated_records() -> None:
    one = dated(dt.date(2026, 1, 1), RANKING)
    other = Conversation(
        id="r2", template=TemplateRef(name="standard"), employee=Person(id="kim"), date=dt.date(2026, 2, 1)
    )
    with pytest.raises(ValueError, match="a history is of one employee; these records are of alex, kim"):
        History([one, other])
    with pytest.raises(ValueError, match="need a date; these have none: r3"):
        History([one, Conversation(id="r3", template=TemplateRef(name="standard"), employee=Person(id="alex"))])
    with pytest.raises(ValueError, match="at least one record"):
        History([])


# ------------------------------------------------------------------------------------------ streaming


def test_iter_conversations_reads_json_lines_and_reports_every_bad_line(tmp_path: Path) -> None:
    good = careerconv.dumps(full_record(), format="json").replace("\n", "")
    bad = json.dumps({"kind": "conversation", "schema_version": 1, "id": "r9", "template": {"name": "standard"}})
    unknown = good.replace('"name": "standard"', '"name": "standart"')
    path = tmp_path / "records.jsonl"
    path.write_text(f"{good}\n\n{bad}\n{{oops\n{good}\n{unknown}\n")
    seen: list[str] = []

    def read_all() -> None:
        seen.extend(record.id for record in careerconv.iter_conversations(path))

    with pytest.raises(careerconv.ValidationError) as caught:
        read_all()
    assert seen == ["2026-11-26-alex"]  # line 5 repeats line 1: its rows would count twice
    assert [str(p) for p in caught.value.problems] == [
        f"{path}:3:1: $.employee: missing required field [missing-field]",
        f"{path}:4:2: $: invalid JSON: Expecting property name enclosed in double quotes [json-syntax]",
        f"{path}:5:1: $.id: record id '2026-11-26-alex' was read before, from {path}:1: that one is kept and this "
        "one left out; each record needs an id of its own [duplicate-record-id]",
        f"{path}:6:89: $.template: no template named 'standart'; did you mean 'standard'? [unknown-template]",
    ]


def test_a_folder_read_leaves_out_hidden_files_and_reads_json_lines(tmp_path: Path) -> None:
    record = full_record()
    careerconv.dump(attrs.evolve(record, id="r1"), tmp_path / "a.yaml")
    for hidden in (".ipynb_checkpoints/a-checkpoint.yaml", "._a.yaml", ".git/x.yaml", "__pycache__/y.yaml"):
        (tmp_path / hidden).parent.mkdir(exist_ok=True)
        careerconv.dump(attrs.evolve(record, id="r1"), tmp_path / hidden)  # a second copy, if it were read
    careerconv.dump_conversations([attrs.evolve(record, id="r2"), attrs.evolve(record, id="r3")], tmp_path / "b.jsonl")
    assert [r.id for r in careerconv.load_conversations(tmp_path)] == ["r1", "r2", "r3"]


def test_a_folder_read_reports_a_duplicate_record_id_naming_both_places(tmp_path: Path) -> None:
    record = full_record()
    careerconv.dump(attrs.evolve(record, id="r1"), tmp_path / "a.yaml")
    careerconv.dump_conversations([attrs.evolve(record, id="r2"), attrs.evolve(record, id="r1")], tmp_path / "b.jsonl")
    (tmp_path / "c").mkdir()
    careerconv.dump(attrs.evolve(record, id="r2"), tmp_path / "c" / "d.yaml")
    found: list[str] = []
    with pytest.raises(careerconv.ValidationError) as caught:
        found.extend(r.id for r in careerconv.iter_conversations(tmp_path))
    assert found == ["r1", "r2"]
    assert [str(p) for p in caught.value.problems] == [
        f"{tmp_path / 'b.jsonl'}:2:1: $.id: record id 'r1' was read before, from {tmp_path / 'a.yaml'}: "
        "that one is kept and this one left out; each record needs an id of its own [duplicate-record-id]",
        f"{tmp_path / 'c' / 'd.yaml'}: $.id: record id 'r2' was read before, from {tmp_path / 'b.jsonl'}:1: "
        "that one is kept and this one left out; each record needs an id of its own [duplicate-record-id]",
    ]


def test_a_record_id_twice_in_one_json_lines_file_is_a_duplicate(tmp_path: Path) -> None:
    """A line pasted twice would count its rows twice: the first is kept, the second is a problem."""
    record = full_record()
    careerconv.dump_conversations([record, attrs.evolve(record, id="r2"), record], tmp_path / "team.jsonl")
    result = careerconv.load_conversations(tmp_path / "team.jsonl", on_error="collect")
    assert [r.id for r in result.records] == [record.id, "r2"]
    assert [str(p) for p in result.problems] == [
        f"{tmp_path / 'team.jsonl'}:3:1: $.id: record id '{record.id}' was read before, from "
        f"{tmp_path / 'team.jsonl'}:1: that one is kept and this one left out; each record needs an id of its own "
        "[duplicate-record-id]"
    ]


def test_a_missing_path_is_file_not_found_and_home_is_expanded(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    with pytest.raises(FileNotFoundError, match="No such file or directory"):
        list(careerconv.iter_conversations(tmp_path / "nowhere"))
    monkeypatch.setenv("HOME", str(tmp_path))
    careerconv.dump_conversations([full_record()], tmp_path / "team.jsonl")
    assert careerconv.load_conversations("~/team.jsonl") == [full_record()]


def test_iter_conversations_reads_a_folder(tmp_path: Path) -> None:
    careerconv.dump(full_record(), tmp_path / "a.yaml")
    (tmp_path / "sub").mkdir()
    careerconv.dump(attrs.evolve(full_record(), id="r2"), tmp_path / "sub" / "b.json")
    careerconv.dump(careerconv.get_template("standard"), tmp_path / "c.yaml")
    (tmp_path / "notes.txt").write_text("ignored")
    found: list[careerconv.Conversation] = []
    with pytest.raises(careerconv.ValidationError) as caught:
        found.extend(careerconv.iter_conversations(tmp_path))
    assert found == [full_record(), attrs.evolve(full_record(), id="r2")]
    assert [str(p) for p in caught.value.problems] == [
        f"{tmp_path / 'c.yaml'}:1:1: $.kind: expected a conversation record, found a template [not-a-record]"
    ]
    with pytest.raises(ValueError, match=r"reads a \.jsonl file or a folder"):
        list(careerconv.iter_conversations(tmp_path / "a.yaml"))


def corrupt_folder(folder: Path, good: int) -> list[str]:
    """``good`` valid YAML records and three bad files in ``folder``; the bad files' problems, as lines."""
    for n in range(good):
        careerconv.dump(attrs.evolve(full_record(), id=f"r{n:02}"), folder / f"r{n:02}.yaml")
    (folder / "r05.yaml").write_text("kind: conversation\nschema_version: 1\nid: [\n")
    (folder / "r07.yaml").write_text((folder / "r07.yaml").read_text().replace("employee:", "employe:"))
    (folder / "r11.yaml").write_bytes(b"\xff\xfe")
    return [
        f"{folder / 'r05.yaml'}:4:1: $.id[0]: invalid YAML: expected the node content, but found '<stream end>' "
        "[yaml-syntax]",
        f"{folder / 'r07.yaml'}:1:1: $.employee: missing required field [missing-field]",
        f"{folder / 'r07.yaml'}:9:1: $.employe: unknown key 'employe'; did you mean 'employee'? [unknown-key]",
        f"{folder / 'r11.yaml'}:1:1: $: the file is not valid UTF-8 (byte 0xff) [invalid-utf8]",
    ]


def test_on_error_collect_keeps_the_good_records_and_locates_every_problem(
    tmp_path: Path, notebook: Callable[[object], dict[str, str]]
) -> None:
    expected = corrupt_folder(tmp_path, 15)
    result = careerconv.load_conversations(tmp_path, on_error="collect")
    assert isinstance(result, careerconv.LoadResult)
    assert [r.id for r in result] == [f"r{n:02}" for n in range(15) if n not in (5, 7, 11)]
    assert len(result) == 12
    assert result[0].id == "r00"
    assert [str(p) for p in result.problems] == expected
    assert result.files == tuple(str(tmp_path / name) for name in ("r05.yaml", "r07.yaml", "r11.yaml"))
    assert repr(result) == "LoadResult(12 records, 4 problems)"
    shown = notebook(result)
    assert shown["text/plain"] == "LoadResult(12 records, 4 problems)"
    assert shown["text/markdown"].startswith("**12 records read; 4 problems in 3 files**")
    row = "| 9 | $.employe | unknown key 'employe'; did you mean 'employee'? | unknown-key |"
    assert f"| {tmp_path / 'r07.yaml'} {row}" in shown["text/markdown"]
    assert shown["text/html"].count("<tr>") == 5
    assert careerconv.to_pandas(result, "motivations")["conversation"].nunique() == 12  # a result is a sequence


def test_on_error_skip_and_raise_and_a_stream_that_collects(tmp_path: Path) -> None:
    expected = corrupt_folder(tmp_path, 15)
    assert [r.id for r in careerconv.load_conversations(tmp_path, on_error="skip")] == [
        f"r{n:02}" for n in range(15) if n not in (5, 7, 11)
    ]
    with pytest.raises(careerconv.ValidationError) as caught:
        careerconv.load_conversations(tmp_path)
    assert [str(p) for p in caught.value.problems] == expected
    stream = careerconv.iter_conversations(tmp_path, on_error="collect")
    assert isinstance(stream, careerconv.RecordStream)
    assert next(stream).id == "r00"
    assert not stream.problems
    assert len(list(stream)) == 11
    assert [str(p) for p in stream.problems] == expected
    assert repr(stream) == "<RecordStream: 4 problems so far>"
    wrong = "unknown on_error 'colect': expected raise, skip or collect; did you mean 'collect'"
    with pytest.raises(ValueError, match=wrong):
        careerconv.load_conversations(tmp_path, on_error="colect")  # type: ignore[call-overload]


# -------------------------------------------------------------------------------------------- reports


def test_the_markdown_report_for_the_employee() -> None:
    assert careerconv.render(full_record()) == (
        "# Career conversation: alex\n\n"
        "2026-11-26 · with sam · template standard 1.0.0 (en)\n\n"
        "*For: the employee (shared content only)*\n"
        "*1 of 27 questions answered*\n\n"
        "## Life Story\n\n"
        "**Tell me in 10 minutes about your career so far.**\n\n"
        "Started in \\*support\\*\\\nthen backend \\<b\\>\n\n"
        "## What you seek\n\n"
        "1. Desire for growth & mastery\n2. Desire for autonomy\n3. Desire to do something meaningful\n"
        "4. Desire to influence\n5. Compensation\n"
        "6. Desire for prestige / acknowledgement / appreciation / status\n7. Desire for authority\n\n"
        "Mastery came up\n\n"
        "## The one thing: GROW plan\n\n"
        "**Goal:** Lead a team\n\n- Success looks like: Leads platform\n- By: 2028-12-31\n\n"
        "**Reality:** Senior engineer\n\n- Obstacles: No management experience\n\n"
        "**Options:**\n\n- [x] Mentor two juniors\n- [ ] Management course\n\n"
        "**Will: agreed actions**\n\n"
        "| Action | Owner | Due | Status |\n|---|---|---|---|\n"
        "| Mentor Kim and Lee | employee | 2027-03-31 | open |\n"
        "| Read a book | manager |  | done |\n\n"
        "## Notes\n\n- Agreed to meet monthly\n"
    )


def test_the_manager_sees_private_content_and_html_escapes_everything() -> None:
    manager = careerconv.render(full_record(), audience="manager")
    assert "Great people" in manager
    assert "- *Private: not in alex's report:* Worried about the reorg" in manager
    assert "*For: the manager (private content included)*" in manager
    page = careerconv.render(full_record(), format="html")
    assert page.startswith('<!DOCTYPE html>\n<html lang="en">')
    assert "then backend &lt;b&gt;" in page
    assert "<b>" not in page
    assert page.count("<svg") == 1
    assert "http" not in page.replace("http://www.w3.org/2000/svg", "")  # no external asset
    assert "Great people" not in page


def test_report_templates_can_be_overridden(tmp_path: Path) -> None:
    (tmp_path / "record.md.j2").write_text("Hello {{ record.employee.id }} {{ '<*>' }}\n")
    assert careerconv.render(full_record(), templates_dir=tmp_path) == "Hello alex \\<\\*\\>\n"
    assert careerconv.render(careerconv.get_template("standard"), templates_dir=tmp_path).startswith("# Career")


def test_the_guide_and_the_history_in_html() -> None:
    guide = careerconv.render(
        careerconv.get_template("standard", locale="es"), format="html", params={"company": "Acme"}
    )
    assert "<h2>Agenda</h2>" in guide
    assert "¿Qué es lo que todavía te atrae de trabajar en Acme?" in guide
    template = careerconv.get_template("standard")
    later = careerconv.start_conversation(template, employee="alex", date=dt.date(2027, 5, 1), previous=full_record())
    history = History([full_record(), later.rank(*reversed(RANKING)).record])
    page = careerconv.render(history, format="html", today=dt.date(2027, 5, 1))
    assert "class='chart shifts'" in page
    assert "Desire for growth &amp; mastery left the top 3 (1 → 7)" in page
    assert "Mentor Kim and Lee: 31 days late" in page
    text = careerconv.render(history, today=dt.date(2027, 5, 1))
    assert "| Desire for growth & mastery | 1 | 7 |" in text
    with pytest.raises(ValueError, match="a history renders as markdown or html"):
        careerconv.render(history, format="yaml")


def test_render_refuses_unknown_audiences_formats_and_objects() -> None:
    with pytest.raises(ValueError, match="unknown audience 'boss'"):
        careerconv.render(full_record(), audience="boss")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="unknown format 'pdf'"):
        careerconv.render(full_record(), format="pdf")  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="cannot render Person"):
        careerconv.render(Person(id="x"))  # type: ignore[arg-type]


def test_notebook_display_is_for_the_employee(notebook: Callable[[object], dict[str, str]]) -> None:
    record = full_record()
    shown = notebook(record)
    html = shown["text/html"]
    assert html.startswith('<div class="careerconv">')
    assert "Great people" not in html
    assert "Worried" not in html
    assert "then backend &lt;b&gt;" in html
    assert "Worried" not in shown["text/markdown"]
    assert record.grow is not None
    assert "Mentor Kim and Lee" in notebook(record.grow)["text/html"]
    assert "<h2>Agenda</h2>" in notebook(careerconv.get_template("standard"))["text/html"]
    plain = shown["text/plain"]  # the text a saved notebook keeps beside the HTML: no trace of a private item
    assert plain == repr(careerconv.redact(record, "employee"))
    assert "private" not in plain
    assert "Great people" not in plain
    assert "'team'" not in plain
    assert "<private>" in repr(record)  # a plain repr masks them, and that shows they are there
    history = notebook(History([record]))
    assert "Worried" not in history["text/html"] + history["text/markdown"]
    assert history["text/plain"] == "History(employee='alex', records=1, from=2026-11-26, to=2026-11-26)"
    # The model itself knows nothing of notebooks: the display is wired from the top of the package.
    assert "_repr_html_" not in Path(careerconv.model.__file__).read_text(encoding="utf-8")
    assert record._repr_html_() == html  # type: ignore[attr-defined]  # for front ends without IPython


# ------------------------------------------------------------------------------------------------ CLI


def test_cli_new_carries_open_actions_and_report_renders(tmp_path: Path) -> None:
    first = tmp_path / "first.yaml"
    careerconv.dump(full_record(), first)
    second = tmp_path / "second.yaml"
    assert run("new", "standard", "--employee", "alex", "--previous", str(first), "-o", str(second)) == (0, "", "")
    text = second.read_text()
    carried = "{id: 2026-11-26-alex-a1, text: Mentor Kim and Lee, owner: employee, due: 2027-03-31, status: open, "
    assert f"  will:\n    - {carried}agreed: 2026-11-26}}\n" in text
    assert careerconv.loads(text).grow.will[0].id == "2026-11-26-alex-a1"  # type: ignore[union-attr]
    today = dt.date.today().isoformat()  # noqa: DTZ011 - careerconv new dates a record with the local day
    text = text.replace(f"date: {today}", "date: 2027-05-01")
    second.write_text(text.replace(f"id: {today}-alex", "id: 2027-05-01-alex"))
    code, out, err = run("report", str(first))
    assert (code, err) == (0, "")
    assert out == careerconv.render(full_record())
    code, out, err = run("report", str(first), str(second), "--audience", "manager")
    assert (code, err) == (0, "")
    assert out.startswith("# Career conversations: alex\n\n2 conversations, from 2026-11-26 to 2027-05-01\n")
    page = tmp_path / "out" / "report.html"
    page.parent.mkdir()
    assert run("report", str(first), "--format", "html", "-o", str(page)) == (0, "", "")
    assert page.read_text().startswith("<!DOCTYPE html>")
    other = tmp_path / "kim.yaml"
    careerconv.dump(
        dated(dt.date(2026, 1, 1), RANKING).__class__(
            id="k1", template=TemplateRef(name="standard"), employee=Person(id="kim"), date=dt.date(2026, 1, 1)
        ),
        other,
    )
    assert run("report", str(first), str(other)) == (
        2,
        "",
        "careerconv: error: a history is of one employee; these records are of alex, kim\n",
    )
    assert run("report", str(tmp_path / "missing.yaml"))[0] == 1
    template_file = tmp_path / "t.yaml"
    careerconv.dump(careerconv.get_template("standard"), template_file)
    assert run("report", str(template_file)) == (
        2,
        "",
        f"careerconv: error: {template_file} is a template, not a conversation record\n",
    )


def test_cli_show_html(tmp_path: Path) -> None:
    target = tmp_path / "guide.html"
    assert run("show", "standard", "--format", "html", "-o", str(target)) == (0, "", "")
    assert "<h1>Career Conversations</h1>" in target.read_text()
