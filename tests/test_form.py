"""The fill-in form in a real headless browser (Debian's chromium, driven by Playwright).

Each test fills the form as a manager would, saves the record through the page's own download, and checks the
saved file with careerconv: every question type, the ranking by drag and drop and by keyboard, GROW options and
actions, private answers and notes, drafts kept for one employee and record only, a keyboard-only run,
refusals at the fields, the sections' links and progress, the page on paper, and axe-core's WCAG checks.
``.ci/run`` requires them (``CAREERCONV_BROWSER_TESTS=required``); elsewhere they are skipped without chromium.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, sync_playwright

import careerconv
from careerconv import Choice, Person, Question, Registry, Section, Template
from careerconv.rendering.form import _WORDS
from tests.axe import violations
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


@pytest.fixture(scope="module")
def chromium() -> Iterator[Browser]:
    """One headless Chromium for the module (starting one took a second and a half a test)."""
    with sync_playwright() as driver:
        launched = driver.chromium.launch(executable_path=browser(), headless=True, args=["--no-sandbox"])
        yield launched
        launched.close()


@pytest.fixture
def page(chromium: Browser) -> Iterator[Page]:
    """A page in a browser context of the test's own: no storage, draft or download shared with another test."""
    context = chromium.new_context(accept_downloads=True, viewport={"width": 1000, "height": 1400})
    errors: list[str] = []

    def watch(opened: Page) -> None:  # every page of the context: the test may open a second form
        opened.on("pageerror", lambda error: errors.append(str(error)))
        opened.on("requestfailed", lambda request: errors.append(f"failed: {request.url}"))
        opened.on("request", lambda request: errors.extend(off_disk(request.url)))

    context.on("page", watch)
    yield context.new_page()
    context.close()
    assert errors == []  # no script error and no request to the network


def off_disk(url: str) -> list[str]:
    """A request that leaves the machine: the form fetches nothing but itself."""
    return [] if url.startswith(("file:", "blob:", "data:")) else [f"network: {url}"]


def write_form(tmp_path: Path, *args: str, name: str = "form.html") -> Path:
    target = tmp_path / name
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


def previous_record(tmp_path: Path, employee: str | Person = "alex") -> Path:
    """An employee's last record: one open action, and a private answer and note the form must not carry."""
    template = careerconv.get_template("standard")
    record = (
        careerconv.start_conversation(template, employee=employee, manager="sam", date=dt.date(2026, 8, 1))
        .answer("team", "PRIVATE-MARKER in an answer", visibility="private")
        .note("PRIVATE-MARKER in a note", visibility="private")
        .action("Mentor Kim and Lee", due=dt.date(2026, 12, 31))
        .record
    )
    path = tmp_path / f"previous-{record.employee.id}.yaml"
    careerconv.dump(record, path)
    return path


def drafts(page: Page) -> dict[str, str]:
    """The form's drafts in this browser's local storage, by key."""
    found: dict[str, str] = page.evaluate(
        "Object.fromEntries(Object.keys(localStorage).filter(k => k.startsWith('careerconv-form:'))"
        ".map(k => [k, localStorage.getItem(k)]))"
    )
    return found


def values(page: Page) -> str:
    """Everything the page's fields hold, one field a line."""
    held: str = page.evaluate("Array.from(document.querySelectorAll('input, textarea')).map(e => e.value).join('\\n')")
    return held


def wait_for_draft(page: Page) -> None:
    page.wait_for_timeout(400)  # the draft is written 150 ms after the last change


def test_a_standard_form_filled_in_saves_a_valid_record(page: Page, tmp_path: Path) -> None:
    form = write_form(tmp_path, "standard", "--param", "company=Acme", "--previous", str(previous_record(tmp_path)))
    p = page
    p.goto(form.as_uri())
    assert p.title() == "Career Conversations"
    assert "What is it about working at Acme that still appeals to you?" in p.inner_text("main")
    assert p.input_value("[name=employee-id]") == "alex"  # carried from the previous record, and kept
    assert not p.is_editable("[name=employee-id]")
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
    assert (new.id, new.text, new.owner, new.due, new.status, new.agreed) == (
        "2026-11-26-alex-a1", "Book the course", "manager", dt.date(2027, 1, 31), "open", dt.date(2026, 11, 26),
    )  # fmt: skip
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
        "Employee id: Use letters, digits, '.', '_' and '-', starting with a letter or digit.",
    ]  # the record's id is careerconv's default of it, 2026-11-26-alex-smith
    assert p.is_visible("#status")
    assert p.inner_text("#status") == "Not saved: see the problems listed above."
    p.fill("[name=employee-id]", "alex")
    saved = save(p, tmp_path, "#save-json")
    assert not p.is_visible("#problems-box")
    assert p.inner_text("#status") == "Saved as 2026-11-26-alex.json. Its draft was removed from this browser."
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
    """A draft is written once the employee is known; reopened, the page restores it when the same employee
    (and record) is filled in again; "Discard draft" empties the page and removes the draft."""
    form = write_form(tmp_path, "standard", "--locale", "es")
    p = page
    p.goto(form.as_uri())
    assert p.is_hidden("#draft")
    assert "almacenamiento local de este navegador, en este ordenador" in p.inner_text("#drafts")
    p.fill("[name=text-career-so-far]", "Empecé en soporte")
    wait_for_draft(p)
    assert drafts(p) == {}  # no employee yet: no draft
    p.fill("[name=employee-id]", "alex")
    p.click("#ranking li[data-id=mastery] button[aria-label='Subir Deseo de crecimiento y maestría']")
    p.click("#add-notes")
    p.fill("#notes li [name=note-text]", "Nota")
    wait_for_draft(p)
    (key,) = drafts(p)
    today = p.input_value("[name=date]")
    assert json.loads(key.removeprefix("careerconv-form:")) == ["standard", "1.0.0", "es", "alex", f"{today}-alex"]
    p.reload()
    assert p.is_hidden("#draft")
    assert "Empecé en soporte" not in values(p)  # the page does not know whose it is yet
    p.fill("[name=employee-id]", "alex")
    p.press("[name=employee-id]", "Tab")  # the employee's id is left: the draft of that employee and record
    assert p.is_visible("#draft")
    assert p.inner_text("#draft") == "Se ha recuperado un borrador de alex guardado en este navegador."
    assert p.input_value("[name=employee-id]") == "alex"
    assert p.input_value("[name=text-career-so-far]") == "Empecé en soporte"
    assert p.input_value("#notes li [name=note-text]") == "Nota"
    order = p.eval_on_selector_all("#ranking li", "items => items.map(i => i.dataset.id)")
    assert order[:4] == ["influence", "authority", "mastery", "prestige"]
    assert p.is_checked("#ranked")
    p.click("#discard")  # the page is emptied in place: nothing reloads
    assert p.input_value("[name=employee-id]") == ""
    assert p.input_value("[name=text-career-so-far]") == ""
    assert p.eval_on_selector_all("#notes li", "items => items.length") == 0
    assert not p.is_checked("#ranked")
    assert p.is_hidden("#draft")
    assert p.inner_text("#status") == "Borrador descartado: la página vuelve a estar vacía."
    assert drafts(p) == {}
    wait_for_draft(p)
    assert drafts(p) == {}


def test_the_keyboard_alone_reaches_save(page: Page, tmp_path: Path) -> None:
    templates = open_every_type(page, tmp_path)
    p = page
    keys = p.keyboard
    passed = []
    for _ in range(12):  # the link to the save buttons, the sections' links and "Discard draft" come first
        keys.press("Tab")
        passed.append(p.evaluate("document.activeElement.name || document.activeElement.textContent"))
        if passed[-1] == "employee-id":
            break
    assert passed == ["Skip to the save buttons", "The conversation", "1. Now", "Notes", "Save the record",
                      "Discard draft", "employee-id"]  # fmt: skip
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
    """The page as the how-to shows it; ``CAREERCONV_WRITE_SCREENSHOTS=1`` writes ``docs/how-to/form.png`` anew."""
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
    if os.environ.get("CAREERCONV_WRITE_SCREENSHOTS") == "1":
        shutil.copyfile(shot, DOCS_SCREENSHOT)
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


def test_the_form_words_are_translated_alike() -> None:
    """Every word of the page has its Spanish, with the same placeholders."""
    assert _WORDS["es"].keys() == _WORDS["en"].keys()
    for key, text in _WORDS["en"].items():
        assert set(re.findall(r"\{\w+\}", _WORDS["es"][key])) == set(re.findall(r"\{\w+\}", text)), key


def test_a_draft_never_fills_another_employees_page(page: Page, tmp_path: Path) -> None:
    """Review: drafts were kept under the template's name alone, so Alex's private answer, its switch on, opened
    in Bob's form. A draft is kept under the template, the employee and the record: Bob's page never shows it,
    made for Bob or blank with Bob typed in; a blank page shows it only under exactly its key, and drops it
    when the employee changes."""
    alex = write_form(tmp_path, "standard", "--previous", str(previous_record(tmp_path, "alex")), name="alex.html")
    bob = write_form(tmp_path, "standard", "--previous", str(previous_record(tmp_path, "bob")), name="bob.html")
    blank = write_form(tmp_path, "standard", name="blank.html")
    secret = "ALEX-PRIVATE-ANSWER"
    private = "[data-question=team] input[name=private]"
    p = page
    p.goto(alex.as_uri())
    p.fill("[name=text-team]", secret)
    p.check(private)
    wait_for_draft(p)
    kept = drafts(p)
    (key,) = kept
    today = p.input_value("[name=date]")
    assert json.loads(key.removeprefix("careerconv-form:")) == ["standard", "1.0.0", "en", "alex", f"{today}-alex"]
    assert secret in kept[key]
    # Bob's page, in the same browser: made for Bob, or blank with Bob's id typed in.
    for form, typed in ((bob, None), (blank, "bob"), (blank, "alex")):
        other = p.context.new_page()
        other.goto(form.as_uri())
        if typed:
            other.fill("[name=record-id]", f"{today}-{typed}-2" if typed == "alex" else "")  # another record
            other.fill("[name=employee-id]", typed)
            other.press("[name=employee-id]", "Tab")
        else:
            assert (other.input_value("[name=employee-id]"), other.is_editable("[name=employee-id]")) == ("bob", False)
        assert secret not in values(other)
        assert secret not in other.content()
        assert other.is_hidden("#draft")
        assert not other.is_checked(private)
        wait_for_draft(other)
        assert drafts(other) == kept  # Alex's draft is kept as it was
        other.close()
    # A blank page with exactly Alex's key shows Alex's draft; typing another employee takes it off the page.
    other = p.context.new_page()
    other.goto(blank.as_uri())
    other.fill("[name=employee-id]", "alex")
    other.press("[name=employee-id]", "Tab")
    assert other.input_value("[name=text-team]") == secret
    assert other.is_checked(private)
    assert other.inner_text("#draft") == "A draft for alex kept by this browser was restored."
    other.wait_for_timeout(400)  # longer than a draft's write is put off: restoring it writes nothing back
    assert drafts(other) == kept
    other.fill("[name=employee-id]", "bob")
    assert secret not in values(other)
    assert not other.is_checked(private)
    assert other.is_hidden("#draft")
    wait_for_draft(other)
    assert drafts(other) == kept


def test_saving_removes_the_draft(page: Page, tmp_path: Path) -> None:
    """Review: saving left the draft, private answers included, in the browser. Saved, the record's draft is
    removed, and the page says so where it can be seen (not only to screen readers)."""
    p = page
    p.goto(write_form(tmp_path, "standard", "--previous", str(previous_record(tmp_path))).as_uri())
    p.fill("[name=text-team]", "Private: great people")
    p.check("[data-question=team] input[name=private]")
    wait_for_draft(p)
    assert len(drafts(p)) == 1
    saved = save(p, tmp_path)
    assert drafts(p) == {}
    today = p.input_value("[name=date]")
    assert p.inner_text("#status") == f"Saved as {today}-alex.yaml. Its draft was removed from this browser."
    box = p.locator("#status").bounding_box()
    assert box is not None
    assert box["height"] > 10
    assert box["y"] + box["height"] <= 1400  # in the window, at the save buttons
    wait_for_draft(p)
    assert drafts(p) == {}  # and nothing writes it back
    p.reload()
    assert p.is_hidden("#draft")
    assert "Private: great people" not in values(p)
    assert careerconv.load(saved).answers["team"].visibility == "private"  # type: ignore[union-attr]
    p.fill("[name=text-team]", "Changed after saving")
    wait_for_draft(p)
    assert len(drafts(p)) == 1  # what is typed after saving is a draft again


def test_the_saved_yaml_is_laid_out_as_careerconv_writes(page: Page, tmp_path: Path) -> None:
    """Review: the saved YAML must read like careerconv's own. A record with texts of several lines and question
    ids that look like numbers (``123``, ``1e3``) is written as ``careerconv.dumps`` writes it, byte for byte
    after the first comment: literal blocks, plain scalars where they read back, quoted keys."""
    template = Template(
        name="layout",
        version="1.0.0",
        title="Layout",
        sections=(
            Section(
                id="s",
                title="S",
                questions=(
                    Question(id="p", text="One?"),
                    Question(id="123", text="Two?"),
                    Question(id="1e3", text="Three?"),
                ),
            ),
        ),
    )
    templates = tmp_path / "templates"
    templates.mkdir()
    careerconv.dump(template, templates / "layout.yaml")
    registry = Registry(paths=[templates], environment=False)
    p = page
    p.goto(write_form(tmp_path, "layout", "--template-path", str(templates)).as_uri())
    p.fill("[name=employee-id]", "alex")
    p.fill("[name=employee-name]", "Alex Doe")
    p.fill("[name=date]", "2026-11-26")
    texts = {"p": "Plain words, here", "123": "Started in support\nthen backend\n", "1e3": "Two lines\nno final break"}
    for question, text in texts.items():
        p.fill(f'[name="text-{question}"]', text)
    p.check('[data-question="1e3"] input[name=private]')
    p.click("#add-notes")
    p.fill("#notes li [name=note-text]", "A note\nof two lines\n")
    saved = save(p, tmp_path)
    written = saved.read_text(encoding="utf-8")
    record = careerconv.loads(written, registry=registry)
    assert isinstance(record, careerconv.Conversation)
    assert {key: answer.text for key, answer in record.answers.items()} == texts
    assert list(record.answers) == ["p", "123", "1e3"]  # the template's order ("123" is not put first)
    assert record == careerconv.load(save(p, tmp_path, "#save-json"), registry=registry)
    first, rest = written.split("\n", 1)
    assert first == "# Saved by careerconv's fill-in form. Check it with: careerconv validate FILE"
    assert rest == careerconv.dumps(record)  # careerconv's own writer, byte for byte
    assert "\nid: 2026-11-26-alex\ntemplate:\n" in written  # plain where it reads back as the same text
    assert "\ndate: 2026-11-26\n" in written  # a date, as careerconv writes one
    assert "\n  name: Alex Doe\n" in written
    assert "\n  '123':\n    text: |\n      Started in support\n      then backend\n" in written
    assert "\n  '1e3':\n    text: |-\n      Two lines\n      no final break\n    visibility: private\n" in written
    assert "\n  p:\n    text: Plain words, here\n" in written
    assert "\n  - text: |\n      A note\n      of two lines\n" in written


def test_actions_added_in_the_form_are_numbered_as_a_session_numbers_them(page: Page, tmp_path: Path) -> None:
    """Review: an action added in the form had no id (or a derived ``a-…`` one). It gets the id a Session gives
    (``RECORD-a1``, ``RECORD-a2``, … after the carried ones) and is agreed on the record's day."""
    previous = previous_record(tmp_path)
    p = page
    p.goto(write_form(tmp_path, "standard", "--previous", str(previous)).as_uri())
    p.fill("[name=date]", "2026-11-26")
    p.click("#add-grow-will")
    p.fill("#grow-will li:nth-child(2) [name=action-text]", "Book the course")
    p.select_option("#grow-will li:nth-child(2) [name=action-owner]", "manager")
    p.fill("#grow-will li:nth-child(2) [name=action-due]", "2027-01-31")
    p.click("#add-grow-will")
    p.fill("#grow-will li:nth-child(3) [name=action-text]", "Shadow a team lead")
    last = careerconv.load(previous)
    assert isinstance(last, careerconv.Conversation)
    template = careerconv.get_template("standard")
    for record_id in ("", "alex-q4"):
        p.fill("[name=record-id]", record_id)
        session = (
            careerconv.start_conversation(
                template, previous=last, date=dt.date(2026, 11, 26), record_id=record_id or None
            )
            .action("Book the course", owner="manager", due=dt.date(2027, 1, 31))
            .action("Shadow a team lead")
        )
        expected = session.record.grow.will if session.record.grow else ()
        prefix = record_id or "2026-11-26-alex"
        assert [a.id for a in expected] == ["2026-08-01-alex-a1", f"{prefix}-a1", f"{prefix}-a2"]
        for button in ("#save-yaml", "#save-json"):
            record = careerconv.load(save(p, tmp_path, button, f"saved-{record_id}"))
            assert isinstance(record, careerconv.Conversation)
            assert record.grow is not None
            assert record.grow.will == expected
    assert "a-" not in json.dumps([a.id for a in expected])


def test_the_ranking_shows_and_announces_each_place(page: Page, tmp_path: Path) -> None:
    """Review: the ranking showed no positions. Each motivation shows its place, kept up to date on every move
    (buttons or drag and drop), and the new place is announced."""
    p = page
    p.goto(write_form(tmp_path, "standard").as_uri())

    def places() -> list[str]:
        shown: list[str] = p.eval_on_selector_all(
            "#ranking li", "items => items.map(i => i.querySelector('.position').textContent + ' ' + i.dataset.id)"
        )
        return shown

    def announced(text: str) -> None:
        p.wait_for_function("text => document.getElementById('live').textContent === text", arg=text)

    assert places() == [
        "1. influence", "2. authority", "3. prestige", "4. mastery", "5. autonomy", "6. meaning", "7. compensation",
    ]  # fmt: skip
    assert p.is_visible("#ranking li[data-id=mastery] .position")
    p.click("#ranking li[data-id=mastery] button[aria-label='Move Desire for growth & mastery up']")
    assert places()[2:4] == ["3. mastery", "4. prestige"]
    announced("Desire for growth & mastery is now number 3")
    p.locator("#ranking li[data-id=compensation]").drag_to(p.locator("#ranking li[data-id=influence]"))
    assert places()[:2] == ["1. compensation", "2. influence"]
    announced("Compensation is now number 1")
    p.focus("#ranking li[data-id=influence] button[aria-label='Move Desire to influence down']")
    p.keyboard.press("Enter")
    assert places()[:3] == ["1. compensation", "2. authority", "3. influence"]
    announced("Desire to influence is now number 3")


def test_progress_counts_the_answered_questions(page: Page, tmp_path: Path) -> None:
    """The page shows how many questions, and required questions, are answered, of each section and in all,
    as careerconv counts them (blank text is no answer), as they are answered."""
    open_every_type(page, tmp_path)
    p = page

    def shown() -> tuple[str, str]:
        return p.inner_text("#progress"), str(p.text_content("[data-count-for=now]"))

    assert shown() == ("0 of 2 required questions answered · 0 of 5 questions answered", " (0 of 5 answered)")
    p.fill("[name=text-story]", "   ")
    assert shown()[0] == "0 of 2 required questions answered · 0 of 5 questions answered"
    p.fill("[name=text-story]", "Shipped the importer")
    assert shown() == ("1 of 2 required questions answered · 1 of 5 questions answered", " (1 of 5 answered)")
    p.check("[name=value-energy][value='2']")
    p.check("[name=value-mode][value=home]")
    assert shown() == ("2 of 2 required questions answered · 3 of 5 questions answered", " (3 of 5 answered)")
    p.click("[data-question=mode] button.link")  # Clear
    assert shown()[0] == "1 of 2 required questions answered · 2 of 5 questions answered"
    p.goto(write_form(tmp_path, "standard").as_uri())
    assert p.inner_text("#progress") == "0 of 27 questions answered"  # no required question: no count of them


def test_the_sections_are_linked_near_the_top_and_save_is_one_key_away(page: Page, tmp_path: Path) -> None:
    """Review: the page was one long scroll, 93 tab stops to Save. Near the top, a link to each section (focus
    follows it), and first of all a link to the save buttons."""
    template = careerconv.get_template("standard")
    p = page
    p.goto(write_form(tmp_path, "standard").as_uri())
    links = p.eval_on_selector_all("#contents a", "links => links.map(a => [a.textContent, a.getAttribute('href')])")
    assert links == [
        ["The conversation", "#people"],
        *([f"{n}. {s.title}", f"#section-{s.id}"] for n, s in enumerate(template.sections, 1)),
        ["Notes", "#record-notes"],
        ["Save the record", "#save-controls"],
    ]
    assert all(p.locator(href).count() == 1 for _, href in links)
    p.click("#contents a[href='#section-long-term']")
    assert p.evaluate("document.activeElement.id") == "section-long-term"
    top = p.evaluate("document.getElementById('section-long-term').getBoundingClientRect().top")
    assert -1 < top < 200  # at the top of the window
    p.keyboard.press("Tab")  # the keyboard goes on from the section
    first = next(s for s in template.sections if s.id == "long-term").questions[0]
    assert p.evaluate("document.activeElement.name") == f"text-{first.id}"
    p.reload()
    p.keyboard.press("Tab")
    assert p.evaluate("document.activeElement.className") == "skip"
    assert p.is_visible("a.skip")
    p.keyboard.press("Enter")
    assert p.evaluate("document.activeElement.id") == "save-yaml"


def pdf_text(pdf: Path) -> str:
    """The text of a PDF, as poppler's pdftotext reads it, its whitespace made single spaces."""
    pdftotext = shutil.which("pdftotext")
    if pdftotext is None:
        if os.environ.get("CAREERCONV_BROWSER_TESTS") == "required":
            pytest.fail("pdftotext (poppler-utils) is not installed")
        pytest.skip("pdftotext is not installed")
    text = subprocess.run([pdftotext, str(pdf), "-"], check=True, capture_output=True, text=True).stdout
    return " ".join(text.split())


def test_the_page_prints_as_the_guide_with_room_to_write(page: Page, tmp_path: Path) -> None:
    """Printed (to PDF, by Chromium), the page is the guide: every section and question, with empty ruled space
    for each answer, and no buttons, links or notices."""
    template = careerconv.get_template("standard")
    p = page
    p.goto(write_form(tmp_path, "standard", "--param", "company=Acme").as_uri())
    pdf = tmp_path / "form.pdf"
    p.pdf(path=str(pdf), format="A4")
    text = pdf_text(pdf)
    for section in template.sections:
        assert section.title in text
    for question in template.iter_questions():
        assert question.text.replace("{company}", "Acme") in text
    for left_out in ("Save as YAML", "Discard draft", "Skip to the save buttons", "Drafts are kept", "Save the record",
                     "questions answered", "↑"):  # fmt: skip
        assert left_out not in text
    p.emulate_media(media="print")
    heights = p.eval_on_selector_all("textarea", "boxes => boxes.map(b => b.offsetHeight)")
    assert len(heights) == 27 + 2  # each question's, the ranking's notes and the obstacles
    assert min(heights) >= 60  # room to write a few lines
    ruled = p.eval_on_selector("[name=text-career-so-far]", "box => getComputedStyle(box).backgroundImage")
    assert "repeating-linear-gradient" in ruled
    shown = p.eval_on_selector_all("button, nav, .notice, .actions", "nodes => nodes.filter(n => n.offsetParent)")
    assert shown == []


def test_axe_finds_no_wcag_violation(page: Page, tmp_path: Path) -> None:
    """axe-core (WCAG 2.0 and 2.1, A and AA) finds nothing on the page: empty, filled in, saved, and with the
    problems of a refused record shown."""
    p = page
    p.goto(write_form(tmp_path, "standard", "--previous", str(previous_record(tmp_path))).as_uri())
    assert violations(p) == []
    p.fill("[name=text-career-so-far]", "Support, then backend")
    p.check("[data-question=team] input[name=private]")
    p.click("#ranking li[data-id=mastery] button[aria-label='Move Desire for growth & mastery up']")
    p.click("#add-grow-options")
    p.fill("#grow-options li [name=option-text]", "Mentor two juniors")
    p.click("#add-grow-will")
    p.click("#add-notes")
    wait_for_draft(p)
    p.reload()  # the draft restored, its notice shown
    assert p.is_visible("#draft")
    assert violations(p) == []
    save(p, tmp_path)
    assert p.is_visible("#status")
    assert violations(p) == []
    other = tmp_path / "other"
    other.mkdir()
    open_every_type(p, other)
    p.fill("[name=employee-id]", "alex smith")
    p.fill("[name=text-story]", "Shipped the importer")
    p.check("#complete")
    p.click("#save-json")
    assert p.is_visible("#problems-box")
    assert len(p.inner_text("#problems").splitlines()) == 2  # the employee's id, the required choice
    assert p.is_visible("[data-error-for='/answers/mode']")
    assert violations(p) == []


def test_previous_carries_the_person_the_manager_and_the_parameters_only(page: Page, tmp_path: Path) -> None:
    """``form --previous`` carries what ``careerconv new --previous`` carries: the employee (id, name, team),
    the manager, the parameters and the open actions. No answer, ranking note or note of the previous record
    reaches the page, private or shared."""
    template = careerconv.get_template("standard")
    last = (
        careerconv.start_conversation(
            template,
            employee=Person(id="alex", name="Alex Doe", team="platform"),
            manager=Person(id="sam", name="Sam Roe"),
            params={"company": "Acme"},
            date=dt.date(2026, 8, 1),
        )
        .answer("team", "PRIVATE-MARKER in an answer", visibility="private")
        .answer("career-so-far", "SHARED-MARKER in an answer")
        .rank(
            "mastery", "autonomy", "meaning", "influence", "compensation", "prestige", "authority", notes="RANK-MARKER"
        )
        .note("PRIVATE-MARKER in a note", visibility="private")
        .note("SHARED-MARKER in a note")
        .action("Mentor Kim and Lee")
        .record
    )
    previous = tmp_path / "previous.yaml"
    careerconv.dump(last, previous)
    form = write_form(tmp_path, "standard", "--previous", str(previous))
    html = form.read_text(encoding="utf-8")
    for marker in ("PRIVATE-MARKER", "SHARED-MARKER", "RANK-MARKER"):
        assert marker in previous.read_text(encoding="utf-8")
        assert marker not in html
    p = page
    p.goto(form.as_uri())
    fields = ["employee-id", "employee-name", "employee-team", "manager-id", "manager-name"]
    assert [p.input_value(f"[name={name}]") for name in fields] == ["alex", "Alex Doe", "platform", "sam", "Sam Roe"]
    assert "What is it about working at Acme that still appeals to you?" in p.inner_text("main")
    assert "The employee, the manager and the open actions come from the last conversation." in p.inner_text("main")
    record = careerconv.load(save(p, tmp_path))
    new = careerconv.loads(careerconv.draft_record(template, previous=last))
    assert isinstance(record, careerconv.Conversation)
    assert isinstance(new, careerconv.Conversation)
    assert (record.employee, record.manager, record.params) == (new.employee, new.manager, new.params)
    assert [a.text for a in (record.grow.will if record.grow else ())] == ["Mentor Kim and Lee"]
    # A parameter given to the form wins over the previous record's.
    again = write_form(tmp_path, "standard", "--previous", str(previous), "--param", "company=Initech", name="b.html")
    assert "What is it about working at Initech" in again.read_text(encoding="utf-8")
