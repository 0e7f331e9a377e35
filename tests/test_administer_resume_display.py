"""A screen-reader user who pauses comes back to the same plain interview (issue 17, point 4)."""

from __future__ import annotations

import io
import json
import os
import re
import sys
from pathlib import Path

import pytest

from tila.administer import screens

pexpect = pytest.importorskip("pexpect")
pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="needs a POSIX terminal")

REPO = Path(__file__).resolve().parents[1]
ESC = "\x1b"


def _spawn(args: list[str], cwd: Path) -> pexpect.spawn:
    env = {k: v for k, v in os.environ.items() if k != "NO_COLOR"}
    env.update(PYTHONPATH=str(REPO / "src"), TERM="xterm-256color")
    child = pexpect.spawn(sys.executable, ["-m", "tila", "administer", *args], cwd=str(cwd),
                          env=env, dimensions=(24, 80), encoding="utf-8", timeout=20)
    child.logfile_read = io.StringIO()
    return child


def test_resume_command_is_exact_and_quoted() -> None:
    assert screens.resume_command("a.json") == "tila administer --resume a.json"
    assert screens.resume_command("my answers.json", plain=True) == (
        "tila administer --resume 'my answers.json' --plain")


def test_plain_mode_is_kept_in_the_file_and_used_on_resume(tmp_path: Path) -> None:
    out = tmp_path / "my answers.json"
    child = _spawn(["tila-starter", "--plain", "-o", str(out)], tmp_path)
    child.expect("Your choice, then Enter: ")
    child.sendline("")
    child.expect("Your role")
    child.sendline("p")
    child.expect("Your main site")
    child.sendline("")
    child.expect("Statement 1 of 18")
    child.sendline("4")
    child.expect("Statement 2 of 18")
    child.sendline("q")
    child.expect(re.escape(f"tila administer --resume '{out}' --plain"))
    child.expect(pexpect.EOF)
    assert json.loads(out.read_text())["tila_session"]["display"] == "plain"

    # resumed WITHOUT --plain: still plain, still no escape sequences or boxes
    child = _spawn(["--resume", str(out)], tmp_path)
    child.expect("Statement 2 of 18")
    child.expect("Your choice, then Enter: ")
    child.sendline("q")
    child.expect(re.escape("--plain"))
    child.expect(pexpect.EOF)
    text = child.logfile_read.getvalue()
    assert ESC not in text
    assert not set(text) & set("╭╮╰╯│─█░◀")


def test_standard_interview_resumes_standard_and_can_switch_to_plain(tmp_path: Path) -> None:
    out = tmp_path / "s.json"
    child = _spawn(["tila-starter", "-o", str(out)], tmp_path)
    child.expect("Taking part is voluntary")
    child.send("\r")
    child.expect("Your role")
    child.send("q")
    child.expect(re.escape(f"tila administer --resume {out}"))
    child.expect(pexpect.EOF)
    assert "--plain" not in child.logfile_read.getvalue()
    assert json.loads(out.read_text())["tila_session"]["display"] == "standard"

    child = _spawn(["--resume", str(out), "--plain"], tmp_path)
    child.expect("Your role")
    child.expect("Your choice, then Enter: ")
    child.sendline("q")
    child.expect(re.escape(f"tila administer --resume {out} --plain"))
    child.expect(pexpect.EOF)
    assert ESC not in child.logfile_read.getvalue()
    assert json.loads(out.read_text())["tila_session"]["display"] == "plain"


def test_pause_message_wraps_between_words_and_keeps_the_command_whole() -> None:
    from tila.administer.tui import RichView

    out = io.StringIO()
    view = RichView(out, color=False)
    view.console.size = (60, 20)
    path = "/tmp/a-rather-long-folder-name/and-a-long-interview-file-name.json"
    support = "Talk to Sam Okafor in room 4, or call the confidential staff line on 0800 123 456."
    view.say("\n" + screens.paused(path, support=support))
    rows = out.getvalue().splitlines()
    assert f"  tila administer --resume {path}" in rows  # one copyable piece
    for row in rows:
        if not row.startswith("  tila"):
            assert len(row) < 60 or " " not in row  # only a path too long for a row
            for word in row.split():
                assert word in screens.paused(path, support=support).split(), word
