"""Faults: a writer killed at random moments, a full disk, two writers at once. The target is always whole.

Each writer is a real process writing with ``careerconv.dump``; the kills are SIGKILL (no clean-up runs).
``CAREERCONV_KILLS`` sets how many kills the test makes (the suite makes 40).
"""

from __future__ import annotations

import os
import random
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

import careerconv
from tests.figures import FIGURES

KILLS = int(os.environ.get("CAREERCONV_KILLS", "40"))

RECORD = textwrap.dedent(
    """
    import os, signal, sys, time, careerconv
    target, label = sys.argv[1], sys.argv[2]
    template = careerconv.get_template("standard")
    # A big record (about 1 MB), so a write takes long enough to be caught in the middle.
    session = careerconv.start_conversation(template, employee=label)
    for question in template.iter_questions():
        session.answer(question.id, (label + " ") * 4000)
    record = session.record
    print("ready", flush=True)
    """
)
WRITER = RECORD + "while True:\n    careerconv.dump(record, target)\n"
# The killed writers: the record is built once, then for each delay on standard input a writer is forked (a
# process of its own, writing with careerconv.dump from its first instant), killed with SIGKILL after that delay
# and reaped. A new interpreter for each kill spent most of the test starting up and building the record.
FORKING_WRITER = RECORD + textwrap.dedent(
    """
    for delay in sys.stdin:
        writer = os.fork()
        if writer == 0:
            while True:
                careerconv.dump(record, target)
        time.sleep(float(delay))
        os.kill(writer, signal.SIGKILL)
        os.waitpid(writer, 0)
        print("killed", flush=True)
    """
)


def contents(tmp_path: Path, label: str) -> str:
    """What the writer labelled ``label`` writes, computed here the same way."""
    template = careerconv.get_template("standard")
    session = careerconv.start_conversation(template, employee=label)
    for question in template.iter_questions():
        session.answer(question.id, (label + " ") * 4000)
    return careerconv.dumps(session.record)


def start(target: Path, label: str) -> subprocess.Popen[str]:
    process = subprocess.Popen([sys.executable, "-c", WRITER, str(target), label], stdout=subprocess.PIPE, text=True)
    assert process.stdout is not None
    assert process.stdout.readline().strip() == "ready"
    return process


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")
def test_a_writer_killed_at_random_moments_leaves_the_old_or_the_new_file(tmp_path: Path) -> None:
    target = tmp_path / "record.yaml"
    old = "kind: conversation\n# the old file\n"
    rnd = random.Random(7)
    expected = {contents(tmp_path, "alex")}
    command = [sys.executable, "-c", FORKING_WRITER, str(target), "alex"]
    with subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True) as writers:
        assert writers.stdin is not None
        assert writers.stdout is not None
        assert writers.stdout.readline().strip() == "ready"
        for kill in range(KILLS):
            target.write_text(old)
            before = {old}
            writers.stdin.write(f"{rnd.uniform(0, 0.25)}\n")  # a writer, killed after that many seconds
            writers.stdin.flush()
            assert writers.stdout.readline().strip() == "killed"
            assert target.read_text() in before | expected, f"kill {kill}: the file is neither the old nor the new one"
            FIGURES["faults: writer kills survived"] += 1
        writers.stdin.close()
    assert writers.returncode == 0
    leftovers = [p.name for p in tmp_path.iterdir() if p.name != "record.yaml"]
    # A killed writer cannot remove its temporary file; it is hidden (a dot file) and never the target.
    assert all(name.startswith(".record.yaml.") and name.endswith(".tmp") for name in leftovers)


@pytest.mark.skipif(sys.platform == "win32", reason="resource limits are POSIX")
def test_a_full_disk_leaves_the_old_file(tmp_path: Path) -> None:
    target = tmp_path / "record.yaml"
    target.write_text("kind: conversation\n# the old file\n")
    script = textwrap.dedent(
        f"""
        import resource, signal, sys, careerconv
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (4096, 4096))  # the disk is full after 4 KiB
        template = careerconv.get_template("standard")
        session = careerconv.start_conversation(template, employee="alex")
        session.answer("team", "x" * 100000)
        try:
            careerconv.dump(session.record, {str(target)!r})
        except OSError as error:
            print("refused", error.errno)
        """
    )
    out = subprocess.run([sys.executable, "-c", script], check=True, capture_output=True, text=True).stdout
    assert out.startswith("refused")
    assert target.read_text() == "kind: conversation\n# the old file\n"
    assert [p.name for p in tmp_path.iterdir()] == ["record.yaml"]  # the temporary file is gone
    FIGURES["faults: full-disk writes that kept the old file"] += 1


@pytest.mark.skipif(sys.platform == "win32", reason="the same rename semantics are not checked there")
def test_two_writers_at_once_never_interleave(tmp_path: Path) -> None:
    target = tmp_path / "record.yaml"
    careerconv.dump(careerconv.start_conversation(careerconv.get_template("standard"), employee="kim").record, target)
    whole = {target.read_text(), contents(tmp_path, "alex"), contents(tmp_path, "sam")}
    writers = [start(target, "alex"), start(target, "sam")]
    reads = 0
    try:
        deadline = time.monotonic() + 3
        while time.monotonic() < deadline:
            assert target.read_text() in whole
            reads += 1
    finally:
        for writer in writers:
            writer.kill()
            writer.wait()
            assert writer.stdout is not None
            writer.stdout.close()
    assert target.read_text() in whole
    FIGURES["faults: reads during two concurrent writers, all whole"] += reads
