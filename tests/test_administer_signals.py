"""Ctrl-Z then fg, and resizing the window, in a real pseudo-terminal (issue 17, point 1)."""

from __future__ import annotations

import io
import json
import os
import re
import sys
import termios
import time
from pathlib import Path

import pytest

pexpect = pytest.importorskip("pexpect")
pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="needs a POSIX terminal")

REPO = Path(__file__).resolve().parents[1]
ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")


def _env() -> dict[str, str]:
    # no COLUMNS/LINES: the size must come from the terminal itself, as it does for people
    env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "COLUMNS", "LINES")}
    env.update(PYTHONPATH=str(REPO / "src"), TERM="xterm-256color", PS1="$ ")
    return env


def _to_statement_one(child: pexpect.spawn) -> None:
    child.expect("Taking part is voluntary")
    child.send("\r")
    child.expect("Your role")
    child.send("3")
    child.expect("Your answer: ")
    child.sendline("Main street")
    child.expect("Statement 1 of 18")
    child.expect("to save and quit")


def test_ctrl_z_then_fg_restores_the_terminal_and_the_keys(tmp_path: Path) -> None:
    out = tmp_path / "z.json"
    child = pexpect.spawn("bash", ["--norc", "--noprofile", "-i"], cwd=str(tmp_path),
                          env=_env(), dimensions=(24, 80), encoding="utf-8", timeout=20)
    child.logfile_read = io.StringIO()
    child.expect_exact("$ ")
    child.sendline(f"{sys.executable} -m tila administer tila-starter -o {out}")
    _to_statement_one(child)
    child.send("\x1a")  # Ctrl-Z
    child.expect("Stopped")
    child.expect_exact("$ ")
    # while stopped, the shell has its ordinary terminal back: echo and line editing
    child.sendline("stty -a; echo done-stty")
    child.expect("done-stty")
    child.expect("done-stty")
    settings = child.before
    assert re.search(r"(?<!-)\bicanon\b", settings)
    assert re.search(r"(?<!-)\becho\b", settings)
    child.expect_exact("$ ")
    child.sendline("fg")
    child.expect("Statement 1 of 18")  # drawn again
    child.expect("to save and quit")
    time.sleep(0.3)
    child.send("4")  # a single keypress answers at once: cbreak mode is back
    child.expect("Statement 2 of 18")
    assert json.loads(out.read_text())["answers"] == {"saf1": 4}
    child.send("q")
    child.expect("--resume")
    child.expect_exact("$ ")
    child.sendline("exit")
    child.expect(pexpect.EOF)


def _last_screen(log: str) -> list[str]:
    """The rows drawn after the last screen clear, without escape sequences."""
    last = log.rsplit("\x1b[2J", 1)[-1]
    return [ANSI.sub("", row) for row in last.replace("\r", "").split("\n")]


def test_resize_redraws_to_fit_without_splitting_key_entries(tmp_path: Path) -> None:
    out = tmp_path / "w.json"
    child = pexpect.spawn(sys.executable, ["-m", "tila", "administer", "tila-starter", "-o",
                                           str(out)], cwd=str(tmp_path), env=_env(),
                          dimensions=(24, 80), encoding="utf-8", timeout=20)
    child.logfile_read = io.StringIO()
    _to_statement_one(child)
    child.send("?")  # help shown: the tallest item screen
    child.expect("to save and quit")
    time.sleep(0.3)
    child.setwinsize(20, 60)
    child.expect("Statement 1 of 18")
    child.expect("to save and quit")
    time.sleep(0.3)
    rows = _last_screen(child.logfile_read.getvalue())
    while rows and not rows[-1].strip():
        rows.pop()
    assert len(rows) <= 19  # the heading and progress stay on a 20-row screen
    assert rows[0].startswith("╭─ Safety")
    assert "Statement 1 of 18" in rows[1]
    assert max(len(r) for r in rows) <= 60
    keys = [r for r in rows if not r.startswith(("│", "╭", "╰"))]
    entries = [e.strip() for r in keys for e in r.strip().split("   ")]
    assert {"1-5 to answer", "d for don't know", "n for not applicable", "s to skip",
            "b to go back", "? for help", "q to save and quit"} <= set(entries)
    assert termios.tcgetattr(child.child_fd)[3] & termios.ICANON == 0  # still single keys
    child.send("5")
    child.expect("Statement 2 of 18")
    child.send("q")
    child.expect(pexpect.EOF)
    assert json.loads(out.read_text())["answers"] == {"saf1": 5}
