"""The command line: output, exit codes 0/1/2, and no traceback for a user's mistake."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import careerconv
from tests.cli_runner import run


def test_show_prints_every_part_of_the_guide_with_parameters_filled() -> None:
    code, out, err = run("show", "standard", "--param", "company=Acme")
    assert (code, err) == (0, "")
    template = careerconv.get_template("standard")
    for section in template.sections:
        assert section.title in out
    for question in template.iter_questions():
        assert question.text.replace("{company}", "Acme") in out
        for prompt in question.prompts:
            assert prompt in out
    for motivation in template.motivations():
        assert motivation.label in out
    assert "*Timebox: 10 minutes.*" in out
    assert "### Will: What will you do?" in out
    assert "{company}" not in out


def test_show_yaml_loads_back_unchanged() -> None:
    code, out, _ = run("show", "standard", "--format", "yaml")
    assert code == 0
    assert careerconv.loads(out) == careerconv.get_template("standard")


def test_show_json_with_a_parameter_sets_its_default() -> None:
    code, out, _ = run("show", "standard", "--format", "json", "--param", "company=Acme")
    assert code == 0
    loaded = careerconv.loads(out, format="json")
    assert isinstance(loaded, careerconv.Template)
    assert loaded.parameters["company"].default == "Acme"


def test_show_unknown_template_is_a_usage_error() -> None:
    assert run("show", "standrd") == (
        2,
        "",
        "careerconv: error: no template named 'standrd'; did you mean 'standard'?\n",
    )


def test_show_unknown_parameter_is_invalid_input() -> None:
    code, out, err = run("show", "standard", "--param", "team=x")
    assert (code, out) == (1, "")
    assert err == "--param: $.params.team: template standard 1.0.0 declares no parameter 'team' [unknown-parameter]\n"


def test_bad_arguments_exit_2_with_argparse_words_on_the_error_stream() -> None:
    """argparse's usage errors go to the ``stderr`` given to ``main``, not the process's own."""
    code, out, err = run("show")
    assert (code, out) == (2, "")
    assert err.splitlines()[-1] == "careerconv show: error: the following arguments are required: NAME"
    code, out, err = run("show", "standard", "--param", "novalue")
    assert (code, out) == (2, "")
    assert err.splitlines()[-1] == "careerconv show: error: argument --param: expected KEY=VALUE, got 'novalue'"
    code, out, err = run("frobnicate")
    assert (code, out) == (2, "")
    assert err.splitlines()[-1].startswith("careerconv: error: argument COMMAND: invalid choice: 'frobnicate'")
    code, out, err = run()
    assert (code, err) == (2, "")
    assert out.startswith("usage: careerconv")


def test_new_writes_a_record_that_validates_and_lists_every_question(tmp_path: Path) -> None:
    target = tmp_path / "alex.yaml"
    assert run("new", "standard", "--employee", "alex", "--manager", "sam", "-o", str(target)) == (0, "", "")
    text = target.read_text()
    record = careerconv.load(target)
    assert isinstance(record, careerconv.Conversation)
    assert (record.employee.id, record.manager and record.manager.id) == ("alex", "sam")
    assert record.template == careerconv.TemplateRef(name="standard", version="1.0.0", locale="en")
    template = careerconv.get_template("standard")
    assert set(record.answers) == {q.id for q in template.iter_questions()}
    lines = text.splitlines()
    for question in template.iter_questions():
        # the question's text is a comment, and only comments (its help, its prompts) stand between it and its id
        start = lines.index(f"  # {question.text.replace('{company}', 'the company')}")
        end = lines.index(f"  {question.id}:")
        assert start < end
        assert all(line.startswith("  # ") for line in lines[start:end])
    assert run("validate", str(target)) == (0, "", "")


def test_new_refuses_to_overwrite(tmp_path: Path) -> None:
    target = tmp_path / "alex.yaml"
    target.write_text("keep me")
    code, _, err = run("new", "standard", "-o", str(target))
    assert code == 2
    assert "exists" in err
    assert target.read_text() == "keep me"


def test_a_filled_record_validates(tmp_path: Path) -> None:
    """A manager fills the draft in an editor (here: text replacement) and it still validates."""
    target = tmp_path / "alex.yaml"
    run("new", "standard", "--employee", "alex", "-o", str(target))
    text = target.read_text()
    text = text.replace(
        "  career-so-far:\n    text:\n", "  career-so-far:\n    text: |\n      Support, then backend.\n"
    )
    text = text.replace(
        "ranking: []", "ranking: [mastery, autonomy, meaning, influence, compensation, prestige, authority]"
    )
    target.write_text(text)
    record = careerconv.load(target)
    assert isinstance(record, careerconv.Conversation)
    assert record.answers["career-so-far"].text == "Support, then backend.\n"
    assert record.motivations is not None
    assert record.motivations.ranking[0] == "mastery"


def test_validate_unreadable_and_unknown_suffix(tmp_path: Path) -> None:
    missing = tmp_path / "missing.yaml"
    other = tmp_path / "notes.txt"
    other.write_text("x")
    code, out, err = run("validate", str(missing), str(other))
    assert (code, out) == (1, "")
    assert err.splitlines() == [
        f"{missing}: cannot read the file: No such file or directory [unreadable]",
        f"{other}: cannot tell the format of '{other}': use .yaml, .yml or .json [unknown-format]",
    ]


def test_templates_lists_the_bundled_guide() -> None:
    assert run("templates") == (
        0,
        "moving-motivators\t1.0.0\ten\tMoving Motivators\tbundled\n"
        "standard\t1.0.0\ten, es\tCareer Conversations\tbundled\n",
        "",
    )


def test_version() -> None:
    assert run("--version") == (0, careerconv.__version__ + "\n", "")


def test_python_dash_m_runs_the_cli() -> None:
    """``python -m careerconv`` in a real process; a user's mistake shows no traceback."""
    done = subprocess.run(
        [sys.executable, "-m", "careerconv", "validate", "nope.yaml"], capture_output=True, text=True, check=False
    )
    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    assert done.stderr == "nope.yaml: cannot read the file: No such file or directory [unreadable]\n"


def test_validate_takes_a_folder_and_a_json_lines_file(tmp_path: Path) -> None:
    record = careerconv.start_conversation(careerconv.get_template("standard"), employee="alex").record
    careerconv.dump(record, tmp_path / "a.yaml")
    careerconv.dump_conversations([record], tmp_path / "team.jsonl")  # the same id, in another file of the folder
    (tmp_path / ".ipynb_checkpoints").mkdir()
    (tmp_path / ".ipynb_checkpoints" / "bad.yaml").write_text("not: a record\n")  # hidden: never read
    assert run("validate", str(tmp_path / "team.jsonl")) == (0, "", "")
    code, out, err = run("validate", str(tmp_path))
    assert (code, out) == (1, "")
    assert err == (
        f"{tmp_path / 'team.jsonl'}:1:1: $.id: record id '{record.id}' was read before, from "
        f"{tmp_path / 'a.yaml'}: that one is kept and this one left out; each record needs an id of its own "
        "[duplicate-record-id]\n"
    )
    assert run("validate", str(tmp_path / "nowhere")) == (
        1,
        "",
        f"{tmp_path / 'nowhere'}: cannot read the file: No such file or directory [unreadable]\n",
    )
