"""The fill-in form in a real headless browser (Debian's chromium, driven by Playwright).

Each test fills the form as a manager would, saves the record through the page's own download, and checks the
saved file with careerconv: every question type, the ranking by drag and drop and by keyboard, GROW options and
actions, private answers and notes, the draft kept across a reload, a keyboard-only run, refusals at the fields.
``.ci/run`` requires them (``CAREERCONV_BROWSER_TESTS=required``); elsewhere they are skipped without chromium.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Page, sync_playwright

import careerconv
from careerconv import Choice, Question, Registry, Section, Template
from tests.cli_runner import run
from tests.test_browser import browser, near, pixels

BLUE = (0x1F, 0x77, 0xB4)  # the form's header rule and buttons
DOCS_SCREENSHOT = Path(__file__).parent.parent / "docs" / "how-to" / "form.png"


def every_type() -> Template:
    return Template(
        name="pulse",
        version="1.0.0",
        title="Pulse",
        sections=(
            Section(
                id="now",
                title="Now",
                purpose="How things are.",
                duration_minutes=5,
                questions=(
                    Question(id="story", text="What happened this month?", required=True),
                    Question(id="energy", text="Energy?", type="scale", min=1, max=3, labels=("Low", "Steady", "High")),
                    Question(
                        id="mode",
                        text="Where do you work best?",
                        type="choice",
                        required=True,
                        options=(Choice(id="office", label="At the office"), Choice(id="home", label="From home")),
                    ),
                    Question(
                        id="help",
                        text="What helps?",
                        type="choice",
                        multiple=True,
                        options=(Choice(id="pairing", label="Pairing"), Choice(id="docs", label="Docs"), "quiet"),
                    ),
                    Question(id="since", text="In this role since?", type="date"),
                ),
            ),
        ),
    )


@pytest.fixture
def page(tmp_path: Path) -> Iterator[Page]:
    chromium = browser()
    with sync_playwright() as driver:
        launched = driver.chromium.launch(executable_path=chromium, headless=True, args=["--no-sandbox"])
        context = launched.new_context(accept_downloads=True, viewport={"width": 1000, "height": 1400})
        opened = context.new_page()
        errors: list[str] = []
        opened.on("pageerror", lambda error: errors.append(str(error)))
        opened.on("requestfailed", lambda request: errors.append(f"failed: {request.url}"))
        opened.on("request", lambda request: errors.extend(off_disk(request.url)))
        yield opened
        assert errors == []  # no script error and no request to the network
        launched.close()


def off_disk(url: str) -> list[str]:
    """A request that leaves the machine: the form fetches nothing but itself."""
    return [] if url.startswith(("file:", "blob:", "data:")) else [f"network: {url}"]


def write_form(tmp_path: Path, *args: str) -> Path:
    target = tmp_path / "form.html"
    code, out, err = run("form", *args, "-o", str(target))
    assert (code, out, err) == (0, "", "")
    return target


def save(page: Page, tmp_path: Path, button: str = "#save-yaml", name: str = "saved") -> Path:
    """Click a save button and keep the file the page downloads."""
    with page.expect_download() as download:
        page.click(button)
    suffix = Path(download.value.suggested_filename).suffix
    target = tmp_path / f"{name}{suffix}"
    download.value.save_as(target)
    return target


def previous_record(tmp_path: Path) -> Path:
    """Alex's last record: one open action, and a private answer and note the form must not carry."""
    template = careerconv.get_template("standard")
    record = (
        careerconv.start_conversation(template, employee="alex", manager="sam", date=dt.date(2026, 8, 1))
        .answer("team", "PRIVATE-MARKER in an answer", visibility="private")
        .note("PRIVATE-MARKER in a note", visibility="private")
        .action("Mentor Kim and Lee", due=dt.date(2026, 12, 31))
        .record
    )
    path = tmp_path / "previous.yaml"
    careerconv.dump(record, path)
    return path


def test_a_standard_form_filled_in_saves_a_valid_record(page: Page, tmp_path: Path) -> None:
    form = write_form(tmp_path, "standard", "--param", "company=Acme", "--previous", str(previous_record(tmp_path)))
    p = page
    p.goto(form.as_uri())
    assert p.title() == "Career Conversations"
    assert "What is it about working at Acme that still appeals to you?" in p.inner_text("main")
    p.fill("[name=employee-id]", "alex")
    p.fill("[name=employee-name]", "Alex Doe")
    p.fill("[name=manager-id]", "sam")
    p.fill("[name=date]", "2026-11-26")
    for question in careerconv.get_template("standard").iter_questions():
        p.fill(f"[name=text-{question.id}]", f"About {question.id}")
    p.check("[data-question=team] input[name=private]")
    # Rank: drag mastery onto the first place, then move autonomy up with its button.
    p.locator("#ranking li[data-id=mastery]").drag_to(p.locator("#ranking li[data-id=influence]"))
    p.click("#ranking li[data-id=autonomy] button[aria-label='Move Desire for autonomy up']")
    p.fill("[name=goal-statement]", "Lead a team")
    p.fill("[name=goal-by]", "2028-12-31")
    p.fill("[name=reality-current]", "Senior engineer")
    p.fill("[name=reality-obstacles]", "No people-management experience\nFew openings")
    p.click("#add-grow-options")
    p.fill("#grow-options li:nth-child(1) [name=option-text]", "Mentor two juniors")
    p.check("#grow-options li:nth-child(1) [name=option-chosen]")
    p.click("#add-grow-options")
    p.fill("#grow-options li:nth-child(2) [name=option-text]", "Management course")
    p.click("#add-grow-will")
    p.fill("#grow-will li:nth-child(2) [name=action-text]", "Book the course")
    p.select_option("#grow-will li:nth-child(2) [name=action-owner]", "manager")
    p.fill("#grow-will li:nth-child(2) [name=action-due]", "2027-01-31")
    p.click("#add-notes")
    p.fill("#notes li [name=note-text]", "Worried about the reorg")
    p.check("#notes li input[name=private]")
    saved = save(p, tmp_path)
    assert saved.name == "saved.yaml"
    assert run("validate", str(saved)) == (0, "", "")
    record = careerconv.load(saved)
    assert isinstance(record, careerconv.Conversation)
    assert (record.id, record.date, record.employee.name, record.manager.id if record.manager else None) == (
        "2026-11-26-alex",
        dt.date(2026, 11, 26),
        "Alex Doe",
        "sam",
    )
    assert record.params == {"company": "Acme"}
    assert record.answers["career-so-far"].text == "About career-so-far"
    assert len(record.answers) == 27
    assert [k for k, a in record.answers.items() if a.visibility == "private"] == ["team"]
    assert record.motivations is not None
    assert record.motivations.ranking == (
        "mastery", "influence", "authority", "autonomy", "prestige", "meaning", "compensation",
    )  # fmt: skip
    assert record.grow is not None
    assert record.grow.goal is not None
    assert (record.grow.goal.statement, record.grow.goal.by) == ("Lead a team", dt.date(2028, 12, 31))
    assert record.grow.reality is not None
    assert record.grow.reality.obstacles == ("No people-management experience", "Few openings")
    assert [(o.text, o.chosen) for o in record.grow.options] == [
        ("Mentor two juniors", True),
        ("Management course", False),
    ]
    carried, new = record.grow.will
    assert (carried.id, carried.text, carried.agreed, carried.due) == (
        "2026-08-01-alex-a1", "Mentor Kim and Lee", dt.date(2026, 8, 1), dt.date(2026, 12, 31),
    )  # fmt: skip
    assert (new.text, new.owner, new.due, new.status) == ("Book the course", "manager", dt.date(2027, 1, 31), "open")
    assert [(n.text, n.visibility) for n in record.notes] == [("Worried about the reorg", "private")]
    # What the employee reads of it leaves the private answer and note out.
    code, out, err = run("report", str(saved))
    assert (code, err) == (0, "")
    assert "About team" not in out
    assert "Worried about the reorg" not in out
    assert "About career-so-far" in out


def open_every_type(page: Page, tmp_path: Path) -> Path:
    """Open the form of the every-type template, kept in a template folder; that folder."""
    templates = tmp_path / "templates"
    templates.mkdir()
    careerconv.dump(every_type(), templates / "pulse.yaml")
    page.goto(write_form(tmp_path, "pulse", "--template-path", str(templates)).as_uri())
    return templates


def test_every_question_type_refuses_an_incomplete_record_then_saves(page: Page, tmp_path: Path) -> None:
    templates = open_every_type(page, tmp_path)
    p = page
    p.fill("[name=employee-id]", "alex")
    p.fill("[name=date]", "2026-11-26")
    p.check("[name=value-energy][value='3']")
    p.check("[name=value-help][value=pairing]")
    p.check("[name=value-help][value=quiet]")
    p.fill("[name=value-since]", "2024-03-01")
    p.fill("[name=text-story]", "Shipped the importer")
    p.check("#complete")
    p.click("#save-json")
    # Refused: the required choice is unanswered; the message stands at the question and in the summary.
    assert p.is_visible("#problems-box")
    assert p.inner_text("#problems").splitlines() == ["Where do you work best?: Required: answer this."]
    assert p.inner_text("[data-error-for='/answers/mode']") == "Required: answer this."
    assert p.evaluate("document.activeElement.id") == "problems-box"
    p.check("[name=value-mode][value=home]")
    p.fill("[name=employee-id]", "alex smith")
    p.click("#save-json")
    assert p.inner_text("#problems").splitlines() == [
        "Record id: Use letters, digits, '.', '_' and '-', starting with a letter or digit.",
        "Employee id: Use letters, digits, '.', '_' and '-', starting with a letter or digit.",
    ]
    p.fill("[name=employee-id]", "alex")
    saved = save(p, tmp_path, "#save-json")
    assert not p.is_visible("#problems-box")
    assert run("validate", "--complete", str(saved), "--template-path", str(templates)) == (0, "", "")
    registry = Registry(paths=[templates], environment=False)
    record = careerconv.load(saved, registry=registry)
    assert isinstance(record, careerconv.Conversation)
    assert {k: a.value for k, a in record.answers.items()} == {
        "story": None,
        "energy": 3,
        "mode": "home",
        "help": ("pairing", "quiet"),
        "since": dt.date(2024, 3, 1),
    }
    assert record.answers["story"].text == "Shipped the importer"


def test_a_draft_survives_a_reload(page: Page, tmp_path: Path) -> None:
    form = write_form(tmp_path, "standard", "--locale", "es")
    p = page
    p.goto(form.as_uri())
    assert p.is_hidden("#draft")
    p.fill("[name=employee-id]", "alex")
    p.fill("[name=text-career-so-far]", "Empecé en soporte")
    p.click("#ranking li[data-id=mastery] button[aria-label='Subir Deseo de crecimiento y maestría']")
    p.click("#add-notes")
    p.fill("#notes li [name=note-text]", "Nota")
    p.wait_for_timeout(400)  # the draft is written 150 ms after the last change
    p.reload()
    assert p.is_visible("#draft")
    assert p.input_value("[name=employee-id]") == "alex"
    assert p.input_value("[name=text-career-so-far]") == "Empecé en soporte"
    assert p.input_value("#notes li [name=note-text]") == "Nota"
    order = p.eval_on_selector_all("#ranking li", "items => items.map(i => i.dataset.id)")
    assert order[:4] == ["influence", "authority", "mastery", "prestige"]
    assert p.is_checked("#ranked")
    with p.expect_navigation():
        p.click("#discard")
    assert p.input_value("[name=employee-id]") == ""
    assert p.is_hidden("#draft")


def test_the_keyboard_alone_reaches_save(page: Page, tmp_path: Path) -> None:
    templates = open_every_type(page, tmp_path)
    p = page
    keys = p.keyboard
    keys.press("Tab")
    assert p.evaluate("document.activeElement.name") == "employee-id"
    keys.type("alex")
    reached = []
    for _ in range(60):
        keys.press("Tab")
        focused = p.evaluate("document.activeElement.name || document.activeElement.id")
        reached.append(focused)
        if focused == "value-mode":  # a radio group: the arrow keys choose, Space checks
            keys.press("Space")
        if focused == "save-yaml":
            break
    assert reached[-1] == "save-yaml"
    assert {"text-story", "value-energy", "value-mode", "value-since", "complete"} <= set(reached)
    with p.expect_download() as download:
        keys.press("Enter")
    saved = tmp_path / "keyboard.yaml"
    download.value.save_as(saved)
    assert run("validate", str(saved), "--template-path", str(templates)) == (0, "", "")
    record = careerconv.load(saved, registry=Registry(paths=[templates], environment=False))
    assert isinstance(record, careerconv.Conversation)
    assert (record.employee.id, record.answers["mode"].value) == ("alex", "office")


def test_a_screenshot_shows_the_form(page: Page, tmp_path: Path) -> None:
    form = write_form(tmp_path, "standard", "--param", "company=Acme")
    p = page
    p.goto(form.as_uri())
    p.fill("[name=employee-id]", "alex")
    p.fill("[name=employee-name]", "Alex Doe")
    shot = tmp_path / "form.png"
    p.screenshot(path=str(shot))
    width, height, found = pixels(shot.read_bytes())
    assert (width, height) == (1000, 1400)
    assert len(set(found)) > 50  # text and controls: not a blank page
    assert sum(near(colour, BLUE) for colour in found) > 2000  # the header rule and the save buttons
    assert DOCS_SCREENSHOT.is_file()  # the how-to shows the same page
    assert DOCS_SCREENSHOT.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


HOSTILE = '</script><img src=x onerror="document.title=1"><script>document.title=2</script>&amp;'


def test_a_hostile_template_text_stays_text(page: Page, tmp_path: Path) -> None:
    hostile = Template(
        name="hostile",
        version="1.0.0",
        title=f"Title {HOSTILE}",
        sections=(Section(id="s", title=HOSTILE, questions=(Question(id="q", text=HOSTILE, help=HOSTILE),)),),
    )
    target = tmp_path / "form.html"
    target.write_text(careerconv.render(hostile, format="form"), encoding="utf-8")
    page.goto(target.as_uri())
    assert page.title() == f"Title {HOSTILE}"
    assert page.inner_text("legend >> nth=1") == HOSTILE
    assert page.evaluate("document.querySelectorAll('img').length") == 0


def test_form_usage_errors_and_private_files(tmp_path: Path) -> None:
    assert run("form", "standard")[0] == 2  # -o is required
    with pytest.raises(ValueError, match="format 'form' renders a template, not a Conversation"):
        careerconv.render(careerconv.loads(previous_record(tmp_path).read_text()), format="form")
    carried = tmp_path / "carried.html"
    assert run("form", "standard", "--previous", str(previous_record(tmp_path)), "-o", str(carried)) == (0, "", "")
    assert carried.stat().st_mode & 0o777 == 0o600  # it holds the employee's actions
    assert "Mentor Kim and Lee" in carried.read_text(encoding="utf-8")
    assert "PRIVATE-MARKER" not in carried.read_text(encoding="utf-8")  # only open actions are carried
    assert "PRIVATE-MARKER" in previous_record(tmp_path).read_text(encoding="utf-8")


def test_numeric_looking_ids_and_tricky_texts_save_as_yaml_that_reads_back(page: Page, tmp_path: Path) -> None:
    """Security review, second round, 6: question and option ids such as ``123``, ``1e3``, ``0x1f`` and texts
    YAML would read as something else are written by careerconv's quoting rules; YAML and JSON saves agree."""
    template = Template(
        name="ids",
        version="1.0.0",
        title="Ids",
        sections=(
            Section(
                id="s",
                title="S",
                questions=(
                    Question(id="123", text="One?"),
                    Question(id="1e3", text="Two?"),
                    Question(
                        id="0x1f", text="Three?", type="choice", options=(Choice(id="0o17", label="Octal"), "true")
                    ),
                ),
            ),
        ),
    )
    templates = tmp_path / "templates"
    templates.mkdir()
    careerconv.dump(template, templates / "ids.yaml")
    p = page
    p.goto(write_form(tmp_path, "ids", "--template-path", str(templates)).as_uri())
    p.fill("[name=employee-id]", "alex")
    p.fill("[name=date]", "2026-11-26")
    texts = {"123": ".5e3", "1e3": "\tindented: first\nit's # second\n", "0x1f": "- " + "word  " * 30 + "end"}
    for question, text in texts.items():
        p.fill(f'[name="text-{question}"]', text)
    p.check('[name="value-0x1f"][value="0o17"]')
    saved_yaml = save(p, tmp_path, "#save-yaml", "saved")
    saved_json = save(p, tmp_path, "#save-json", "saved")
    for saved in (saved_yaml, saved_json):
        assert run("validate", "--template-path", str(templates), str(saved)) == (0, "", "")
    registry = Registry(paths=[templates])
    record = careerconv.load(saved_yaml, registry=registry)
    assert record == careerconv.load(saved_json, registry=registry)
    assert isinstance(record, careerconv.Conversation)
    assert {key: answer.text for key, answer in record.answers.items()} == texts
    assert record.answers["0x1f"].value == "0o17"
    assert "\n  '123':\n" in saved_yaml.read_text(encoding="utf-8")
