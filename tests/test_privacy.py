"""Private content never reaches ``employee`` or ``hr``, through any output path; small groups are suppressed.

The property test marks every private answer and note with a marker string, then sends generated records
through every way careerconv lets content out: ``render`` (Markdown, HTML, YAML, JSON) of a record, of a
history and of its GROW plan, notebook display, ``to_pandas`` (every table), ``careerconv report`` and the
calendar of actions (``action_calendar``, ``careerconv calendar``) the prep page (``prep_page``,
``careerconv prep``) and the fill-in form made from a previous record (``careerconv form --previous``).
"""

from __future__ import annotations

import datetime as dt
import io
import logging
from collections.abc import Callable
from pathlib import Path

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import careerconv
from careerconv import Answer, Conversation, History, MotivationRanking, Note, Person, TemplateRef
from careerconv.analytics.tables import TABLES
from careerconv.cli import main
from careerconv.formats import json as json_format
from careerconv.formats import yaml as yaml_format
from tests import strategies
from tests.conftest import examples

MARK = "Qz7PRIVATEmark"


def marked(record: Conversation, number: int) -> Conversation:
    """The record with every private answer and note carrying the marker, and one of each at least."""
    answers = {
        key: attrs.evolve(answer, text=f"{MARK}{number} {answer.text or ''}")
        if answer.visibility == "private"
        else answer
        for key, answer in record.answers.items()
    }
    answers["dream-role"] = Answer(text=f"{MARK}{number} astronaut", visibility="private")
    notes = tuple(
        attrs.evolve(note, text=f"{MARK}{number} {note.text}") if note.visibility == "private" else note
        for note in record.notes
    )
    notes += (Note(text=f"{MARK}{number} reorg", visibility="private"),)
    return attrs.evolve(record, answers=answers, notes=notes)


def every_output(
    records: list[Conversation], audience: str, folder: Path, notebook: Callable[[object], dict[str, str]]
) -> list[str]:
    outputs: list[str] = []
    for record in records:
        outputs += [repr(record), str(record)]  # reprs end up in logs, tracebacks and saved notebooks
        outputs += [record._repr_html_(), record._repr_markdown_()]  # type: ignore[attr-defined]  # notebooks
        for format in ("markdown", "html", "yaml", "json"):
            outputs.append(careerconv.render(record, format=format, audience=audience))  # type: ignore[arg-type]
        if audience == "employee":
            outputs += [*notebook(record).values()]
        if record.grow is not None:
            outputs += [*notebook(record.grow).values(), careerconv.render(record.grow, format="html")]
    history = History(records)
    outputs += [careerconv.render(history, format=f, audience=audience) for f in ("markdown", "html")]  # type: ignore[arg-type]
    if audience == "employee":
        outputs += [*notebook(history).values()]
    for table in TABLES:
        frame = careerconv.to_pandas(records, table, audience=audience)  # type: ignore[arg-type]
        outputs.append(frame.to_csv())
    paths = []
    for number, record in enumerate(records):
        path = folder / f"r{number}.yaml"
        careerconv.dump(record, path)
        paths.append(str(path))
    for format in ("markdown", "html"):
        out, err = io.StringIO(), io.StringIO()
        assert main(["report", *paths, "--audience", audience, "--format", format], stdout=out, stderr=err) == 0
        outputs.append(out.getvalue())
    # the calendar of actions, from the library and from the command line (shared content whatever the audience)
    outputs.append(careerconv.action_calendar(records).decode())
    out, err = io.StringIO(), io.StringIO()
    assert main(["calendar", *paths, "-o", str(folder / "actions.ics")], stdout=out, stderr=err) == 0
    outputs += [out.getvalue(), err.getvalue(), (folder / "actions.ics").read_text(encoding="utf-8")]
    # the fill-in form made with --previous: the carried record's private content never enters the page
    outputs.append(careerconv.render(careerconv.get_template("standard"), format="form", previous=records[-1]))
    out, err = io.StringIO(), io.StringIO()
    form = ["form", "standard", "--previous", paths[-1], "-o", str(folder / "form.html")]
    assert main(form, stdout=out, stderr=err) == 0, err.getvalue()
    outputs += [out.getvalue(), err.getvalue(), (folder / "form.html").read_text(encoding="utf-8")]
    # the prep page before the next conversation, from the library (this audience) and the command line
    for format in ("markdown", "html"):
        outputs.append(careerconv.prep_page(records, audience=audience, format=format, today=dt.date(2030, 1, 1)))  # type: ignore[arg-type]
        out, err = io.StringIO(), io.StringIO()
        assert main(["prep", *paths, "--format", format], stdout=out, stderr=err) == 0
        outputs += [out.getvalue(), err.getvalue()]
    # the paths added later: grouped tables, summaries, bulk reads, and the answers a new version orphans
    for table in TABLES:
        grouped = careerconv.to_pandas(records, table, audience=audience, by="team", min_group_size=10)  # type: ignore[arg-type]
        outputs.append(grouped.to_csv())
    outputs.append(careerconv.summarize_motivations(records, by=("team", "manager"), period="Y").to_csv())
    outputs.append(careerconv.overdue_actions(records, by="team", today=dt.date(2030, 1, 1)).to_csv())
    careerconv.dump_conversations(records, folder / "all.jsonl")
    (folder / "bad.jsonl").write_text(careerconv.dumps(records[0], format="jsonl").replace('"kind"', '"kinds"'))
    loaded = careerconv.load_conversations(folder, on_error="collect")
    outputs += [repr(loaded), *(str(p) for p in loaded.problems)]
    if audience == "employee":
        outputs += [*notebook(loaded).values()]
    standard = careerconv.get_template("standard")
    careerconv.dump(attrs.evolve(standard, version="2.0.0", sections=standard.sections[-1:]), folder / "v2.yaml")
    out, err = io.StringIO(), io.StringIO()
    assert (
        main(["diff", "standard@1", str(folder / "v2.yaml"), *paths, "--audience", audience], stdout=out, stderr=err)
        == 0
    )
    outputs += [out.getvalue(), err.getvalue()]
    # the paths of the disclosure issue: one publication's summaries, grouped tables, audit and ledger, and the
    # team report in every format, from the library and from the command line
    publication = careerconv.Publication()
    for table in TABLES:
        outputs.append(publication.to_pandas(records, table, audience=audience, by="manager").to_csv())  # type: ignore[arg-type]
    outputs.append(publication.summarize_motivations(records, by=None, period="M").to_csv())
    outputs.append(publication.audit().to_csv())
    publication.save(folder / "ledger.json")
    outputs.append((folder / "ledger.json").read_text(encoding="utf-8"))
    for format in ("html", "markdown", "csv"):
        outputs.append(careerconv.team_report(records, format=format, today=dt.date(2030, 1, 1)))  # type: ignore[arg-type]
        out, err = io.StringIO(), io.StringIO()
        summary = ["summary", *paths, "--format", format, "--ledger", str(folder / "cli-ledger.json")]
        assert main(summary, stdout=out, stderr=err) == 0
        outputs += [out.getvalue(), err.getvalue(), (folder / "cli-ledger.json").read_text(encoding="utf-8")]
    return outputs


def one_employee(records: list[Conversation]) -> list[Conversation]:
    person = Person(id="alex", name="Alex", team="platform")
    return [
        attrs.evolve(marked(record, n), id=f"r{n}", employee=person, date=dt.date(2026, 1, 1) + dt.timedelta(days=n))
        for n, record in enumerate(records)
    ]


@settings(max_examples=examples(25), deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(strategies.conversations(), min_size=1, max_size=3))
def test_no_private_text_reaches_employee_or_hr(
    tmp_path_factory: pytest.TempPathFactory, notebook: Callable[[object], dict[str, str]], drawn: list[Conversation]
) -> None:
    # The records come in as a web service takes them (a dict each) and as Python builds them: both paths
    # (with their fast paths) hand over what every output below is made of.
    records = [careerconv.from_data(careerconv.to_data(r), kind="conversation") for r in one_employee(drawn)]
    for record in records:
        careerconv.validate(record)
    folder = tmp_path_factory.mktemp("records")
    for audience in ("employee", "hr"):
        for output in every_output(records, audience, folder, notebook):
            assert MARK not in output
    # The check can fail: the manager's outputs do carry the marker.
    manager = every_output(records, "manager", folder, notebook)
    assert any(MARK in output for output in manager)


def team(name: str, size: int, ranking: tuple[str, ...]) -> list[Conversation]:
    return [
        Conversation(
            id=f"{name}-{n}",
            template=TemplateRef(name="standard"),
            date=dt.date(2026, 11, 1),
            employee=Person(id=f"{name}-{n}", team=name),
            motivations=MotivationRanking(ranking=ranking),
            answers={"team": Answer(text=f"{name} text {n}")},
        )
        for n in range(size)
    ]


RANKING = ("mastery", "autonomy", "meaning", "influence", "compensation", "prestige", "authority")


def test_small_groups_are_suppressed() -> None:
    records = team("big", 5, RANKING) + team("small", 4, tuple(reversed(RANKING))) + team("solo", 1, RANKING)
    summary = careerconv.summarize_motivations(records, by="team")
    shown = summary[~summary.suppressed]
    assert shown["team"].astype(object).fillna("(total)").unique().tolist() == ["big", "(total)"]
    assert summary.attrs["suppressed_groups"] == 2  # small and solo: together five people, two groups
    assert shown.iloc[0].tolist() == ["big", False, "influence", 5, 4.0, 0.0, False]
    for minimum in (0, 1, 2, 3, 4):
        with pytest.raises(ValueError, match="min_group_size is at least 5"):
            careerconv.summarize_motivations(records, min_group_size=minimum)


def test_free_text_across_people_needs_groups_of_ten() -> None:
    records = team("big", 12, RANKING) + team("ten", 10, RANKING) + team("nine", 9, RANKING)
    answers = careerconv.to_pandas(records, "answers", by="team")
    assert answers.loc[~answers.suppressed, "team"].unique().tolist() == ["big", "ten"]
    assert answers.attrs["suppressed_groups"] == 1  # nine; the table shows no total that would give it away
    publication = careerconv.Publication()
    publication.to_pandas(records, "answers", by="manager")  # one manager: everyone's answers
    answers = publication.to_pandas(records, "answers", by="team")
    assert answers.loc[~answers.suppressed, "team"].unique().tolist() == ["big"]  # ten too: all minus big is 19
    with pytest.raises(ValueError, match="min_group_size is at least 10"):
        careerconv.to_pandas(records, "answers", by="team", min_group_size=5)
    ranks = careerconv.to_pandas(records, "motivations", by="team")
    assert ranks.loc[~ranks.suppressed, "team"].unique().tolist() == ["big", "nine", "ten"]
    assert careerconv.to_pandas(records, "motivations", by="team", min_group_size=10).attrs["suppressed_groups"] == 1


# --------------------------------------------------------------------------------------- error paths

# Free text, as people write it: with spaces. Wherever it lands in a bad document, no message repeats it.
SECRET = "Qz7 secret worry about my pay"
RECORD_HEAD = "kind: conversation\nschema_version: 1\nid: r1\ntemplate: {name: standard}\nemployee: {id: alex}\n"

BAD_DOCUMENTS: list[tuple[str, str]] = [
    ("yaml", RECORD_HEAD + f"answers:\n  team: {{text: [{SECRET}]}}\n"),
    ("yaml", RECORD_HEAD + f"answers:\n  team: {{text: {SECRET}, colour: {SECRET}}}\n"),
    ("yaml", RECORD_HEAD + f"answers:\n  {SECRET}: {{text: {SECRET}}}\n"),
    ("yaml", RECORD_HEAD + f"answers:\n  team: {{text: ok, value: {SECRET}}}\n"),
    ("yaml", RECORD_HEAD + f"answers:\n  team: {{text: {SECRET}}}\n  team: {{text: {SECRET}}}\n"),
    ("yaml", RECORD_HEAD + f"answers:\n  team: {{text: {SECRET}, visibility: {SECRET}}}\n"),
    ("yaml", RECORD_HEAD + f"notes:\n  - {{text: {SECRET}, visibility: secret}}\n  - {SECRET}\n"),
    ("yaml", RECORD_HEAD + f"motivations: {{ranking: [{SECRET}, mastery], notes: {SECRET}}}\n"),
    ("yaml", RECORD_HEAD + f"grow:\n  goal: {{statement: {SECRET}, by: {SECRET}}}\n"
             f"  options: [{{text: {SECRET}, chosen: {SECRET}}}]\n"),
    ("yaml", RECORD_HEAD + f"grow:\n  will: [{{text: {SECRET}, owner: {SECRET}, due: 2027-02-30}}]\n"),
    ("yaml", RECORD_HEAD.replace("{name: standard}", f"{{name: {SECRET}}}")),
    ("yaml", RECORD_HEAD.replace("{name: standard}", f"{{name: standard, version: {SECRET}}}")),
    ("yaml", RECORD_HEAD.replace("id: r1", f"id: {SECRET}") + f"params: {{{SECRET}: {SECRET}}}\n"),
    ("yaml", RECORD_HEAD + f"answers:\n  team:\n    text: {SECRET}\n   bad: indentation {SECRET}\n"),
    ("yaml", RECORD_HEAD + f"answers:\n  team: {{text: !!python/name:os.system {SECRET}}}\n"),
    ("yaml", RECORD_HEAD + f"answers:\n  team: {{text: &a {SECRET}}}\n  staying: {{text: *a}}\n"),
    ("yaml", RECORD_HEAD + f"answers:\n\tteam: {{text: {SECRET}}}\n"),
    ("yaml", RECORD_HEAD + f'answers:\n  team: {{text: "{SECRET}\x00"}}\n'),
    ("yaml", RECORD_HEAD + f"answers: {{team: {{text: {SECRET}}}\n"),
    ("yaml", RECORD_HEAD + f"{SECRET}: {SECRET}\n---\n{SECRET}\n"),
    ("json", f'{{"kind": "conversation", "schema_version": 1, "id": "r1", "template": {{"name": "standard"}}, '
             f'"employee": {{"id": "alex"}}, "answers": {{"team": {{"text": "{SECRET}", "text": "{SECRET}"}}}}}}'),
    ("json", f'{{"kind": "conversation", "schema_version": 1, "answers": {{"{SECRET}": {{"text": "{SECRET}"}}}}, '),
    ("json", f'{{"kind": "conversation", "schema_version": 1, "notes": [{{"text": "{SECRET}", "x": NaN}}]}}'),
    ("yaml", f"kind: template\nschema_version: 1\nname: {SECRET}\nversion: {SECRET}\nlocale: {SECRET}\ntitle: x\n"
             f"sections: [{{id: {SECRET}, title: x, questions: [{{id: q, text: x, type: {SECRET}}}]}}]\n"),
]  # fmt: skip


@pytest.mark.parametrize(("format", "text"), BAD_DOCUMENTS, ids=[str(n) for n in range(len(BAD_DOCUMENTS))])
def test_no_error_message_or_log_repeats_what_people_wrote(
    format: str, text: str, caplog: pytest.LogCaptureFixture, tmp_path: Path
) -> None:
    from tests.figures import FIGURES

    caplog.set_level(logging.DEBUG, logger="careerconv")
    with pytest.raises(careerconv.ValidationError) as caught:
        careerconv.loads(text, format=format, source="record")  # type: ignore[call-overload]
    path = tmp_path / f"record.{format}"
    path.write_text(text)
    out, err = io.StringIO(), io.StringIO()
    assert main(["validate", str(path)], stdout=out, stderr=err) == 1
    said = [str(caught.value), repr(caught.value.problems), out.getvalue(), err.getvalue(), caplog.text]
    leaks = [part for part in said if "Qz7" in part]
    FIGURES["privacy: error paths checked"] += 1
    FIGURES["privacy: private-marker leaks"] += len(leaks)
    assert leaks == []
    assert caught.value.problems  # the check ran on real problems


def _plain(format: str, text: str) -> object | None:
    """The plain data of a bad document, if its text reads as data at all (else only files can carry it)."""
    parsed = (yaml_format if format == "yaml" else json_format).read(text.encode("utf-8"))
    return parsed.data if parsed.ok and not parsed.problems else None


DICT_DOCUMENTS = [(f, t) for f, t in BAD_DOCUMENTS if _plain(f, t) is not None]


@pytest.mark.parametrize(("format", "text"), DICT_DOCUMENTS, ids=[str(n) for n in range(len(DICT_DOCUMENTS))])
def test_no_error_message_from_a_dict_repeats_what_people_wrote(
    format: str, text: str, caplog: pytest.LogCaptureFixture
) -> None:
    """``from_data``, the path a web service takes, with its fast path first: the same promise as files."""
    caplog.set_level(logging.DEBUG, logger="careerconv")
    with pytest.raises(careerconv.ValidationError) as caught:
        careerconv.from_data(_plain(format, text))  # type: ignore[call-overload]
    said = [str(caught.value), repr(caught.value.problems), caplog.text]
    assert [part for part in said if "Qz7" in part] == []
    assert caught.value.problems


def test_enough_bad_documents_read_as_dicts() -> None:
    assert len(DICT_DOCUMENTS) >= 10


_BASE = Conversation(id="r1", template=TemplateRef(name="standard"), employee=Person(id="alex"))
BAD_OBJECTS = [
    attrs.evolve(_BASE, answers={SECRET: Answer(text=SECRET)}),
    attrs.evolve(_BASE, answers={"team": Answer(text=SECRET, value=SECRET)}),
    attrs.evolve(_BASE, answers={"team": Answer(text=SECRET, visibility=SECRET)}),  # type: ignore[arg-type]
    attrs.evolve(_BASE, answers={"team": Answer(text=f"{SECRET}\x00")}),
    attrs.evolve(_BASE, motivations=MotivationRanking(ranking=(SECRET, "mastery"), notes=SECRET)),
    attrs.evolve(_BASE, params={SECRET: SECRET}),
    attrs.evolve(_BASE, id=SECRET, notes=(Note(text=SECRET, visibility=SECRET),)),  # type: ignore[arg-type]
    attrs.evolve(_BASE, template=TemplateRef(name=SECRET)),
    attrs.evolve(_BASE, date=SECRET),  # type: ignore[arg-type]
]


@pytest.mark.parametrize("obj", BAD_OBJECTS, ids=[str(n) for n in range(len(BAD_OBJECTS))])
def test_no_error_message_from_an_object_repeats_what_people_wrote(
    obj: Conversation, caplog: pytest.LogCaptureFixture
) -> None:
    """``validate`` of a record built in Python, which tries the object's fast path first."""
    caplog.set_level(logging.DEBUG, logger="careerconv")
    with pytest.raises(careerconv.ValidationError) as caught:
        careerconv.validate(obj)
    said = [str(caught.value), repr(caught.value.problems), caplog.text]
    assert [part for part in said if "Qz7" in part] == []
    assert caught.value.problems
