"""Pasted text never becomes answers (issue 17, point 7)."""

from __future__ import annotations

import io
import json
import os
import sys
import time
from pathlib import Path

import pytest

from tila.administer.terminal import PASTE_OFF, PASTE_ON, looks_pasted

pexpect = pytest.importorskip("pexpect")
pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="needs a POSIX terminal")
REPO = Path(__file__).resolve().parents[1]
COMMAND = "tila score answers.json -q tila-starter --by role\r"


def _spawn(args: list[str], cwd: Path, **extra: str) -> pexpect.spawn:
    env = {k: v for k, v in os.environ.items() if k != "NO_COLOR"}
    env.update(PYTHONPATH=str(REPO / "src"), TERM="xterm-256color", COLUMNS="80", LINES="24")
    env.update(extra)
    child = pexpect.spawn(sys.executable, ["-m", "tila", "administer", *args], cwd=str(cwd),
                          env=env, dimensions=(24, 80), encoding="utf-8", timeout=20)
    child.logfile_read = io.StringIO()
    return child


def _to_statement_one(child: pexpect.spawn) -> None:
    child.expect("Taking part is voluntary")
    child.send("\r")
    child.expect("Your role")
    child.send("p")
    child.expect("Your answer: ")
    child.sendline("")
    child.expect("Statement 1 of 18")


def test_bracketed_paste_is_ignored_on_answer_screens(tmp_path: Path) -> None:
    out = tmp_path / "p.json"
    child = _spawn(["tila-starter", "-o", str(out)], tmp_path)
    _to_statement_one(child)
    child.send("\x1b[200~" + COMMAND + "\x1b[201~")  # what a terminal sends for a paste
    child.expect("Pasted text is ignored here")
    time.sleep(0.3)
    assert json.loads(out.read_text())["answers"] == {}  # no "d", no skip, no note
    child.send("4")  # the next real keypress answers as usual
    child.expect("Statement 2 of 18")
    child.send("q")
    child.expect(pexpect.EOF)
    log = child.logfile_read.getvalue()
    assert PASTE_ON in log
    assert log.rindex(PASTE_OFF) > log.rindex(PASTE_ON)  # the terminal is left as it was
    assert json.loads(out.read_text())["answers"] == {"saf1": 4}


def test_unmarked_paste_is_ignored_without_escape_sequences(tmp_path: Path) -> None:
    out = tmp_path / "n.json"
    child = _spawn(["tila-starter", "-o", str(out)], tmp_path, NO_COLOR="1")
    _to_statement_one(child)
    child.send(COMMAND)  # arrives in one read, as a paste does
    child.expect("Pasted text is ignored here")
    child.send("2")
    child.expect("Statement 2 of 18")
    child.send("q")
    child.expect(pexpect.EOF)
    assert "\x1b" not in child.logfile_read.getvalue()  # no bracketed-paste request either
    assert json.loads(out.read_text())["answers"] == {"saf1": 2}


def test_keys_typed_ahead_are_not_mistaken_for_a_paste() -> None:
    assert not looks_pasted("1234512345123")
    assert not looks_pasted("4\r")
    assert not looks_pasted("d s")  # too short to be anything but keys
    assert looks_pasted("tila score a.json\r")
    assert looks_pasted("line one\nline two")
