"""Consensus notes (issue 17, point 5): the chosen rating stays in view, the keys are those of
typing a note, long notes wrap between words, and notes and evidence may run over lines."""

from __future__ import annotations

import io
import json
import os
import sys
from pathlib import Path

import pytest

from tila.administer import screens
from tila.administer.session import Note, Session
from tila.administer.tui import RichView
from tila.questionnaire.parse import load_questionnaire

pexpect = pytest.importorskip("pexpect")
REPO = Path(__file__).resolve().parents[1]
LONG = ("The committee agreed after a long discussion of the incident reviews from the winter "
        "and the staff survey comments about the night shift arrangements")
LINK = "https://intranet.example.org/policies/safety-walkthrough-2025.pdf"


def _rich(screen: screens.Screen, width: int = 80) -> list[str]:
    out = io.StringIO()
    view = RichView(out, color=False)
    view.console.width = width
    view.show(screen)
    return out.getvalue().splitlines()


def test_note_screen_shows_the_rating_and_the_keys_for_typing() -> None:
    q = load_questionnaire("tila-org")
    s = Session(q, consensus=True).begin()
    while s.phase == "fields":
        s = s.answer_field(None)
    screen = screens.note_screen(s, 4.0, Note(), "note")
    text = " ".join(line.text for line in screen.body)
    assert "Rating chosen: Agree (4)" in text
    assert screen.keys == ("Enter on an empty line to finish",)
    assert not any("to answer" in k for k in screen.keys)
    again = screens.note_screen(s, 4.0, Note("kept", "ev"), "evidence", "kept")
    assert "- to remove it" in again.keys
    assert "Now: ev" in " ".join(line.text for line in again.body)


@pytest.mark.parametrize("width", [80, 60])
def test_long_notes_wrap_between_words(width: int) -> None:
    q = load_questionnaire("tila-org")
    s = Session(q, consensus=True).begin()
    while s.phase == "fields":
        s = s.answer_field(None)
    for step in ("note", "evidence"):
        screen = screens.note_screen(s, 2.0, Note(LONG, LINK), step,  # type: ignore[arg-type]
                                     LONG)
        vocabulary = {w for line in screen.body for w in line.text.split()}
        rows = _rich(screen, width)
        inside = [r.strip("│ ") for r in rows if r.startswith("│")]
        for row in inside:
            for word in row.split():
                word = word.removesuffix("…")
                folded = any(word in v for v in vocabulary if len(v) > width - 4)
                if not folded:  # only a word longer than a row may be folded
                    assert word in vocabulary or any(v.startswith(word) and row.endswith("…")
                                                     for v in vocabulary), (word, row)
    if width == 80:
        assert any(LINK in row for row in _rich(screens.note_screen(
            s, 2.0, Note(LONG, LINK), "evidence", LONG)))  # a link that fits is never split


def test_item_screen_clips_notes_between_words() -> None:
    assert screens._clip("Note: " + LONG).endswith("…")
    clipped = screens._clip("Note: " + LONG)[:-1]
    assert LONG.startswith(clipped[len("Note: "):])
    assert clipped.split()[-1] in LONG.split()
    assert screens._clip("Note: one\ntwo") == "Note: one / two"


@pytest.mark.skipif(sys.platform == "win32", reason="needs a POSIX terminal")
def test_multi_line_note_and_link_evidence_in_a_terminal(tmp_path: Path) -> None:
    out = tmp_path / "c.json"
    env = {k: v for k, v in os.environ.items() if k != "NO_COLOR"}
    env.update(PYTHONPATH=str(REPO / "src"), TERM="xterm-256color", COLUMNS="80", LINES="24")
    child = pexpect.spawn(sys.executable, ["-m", "tila", "administer", "tila-starter",
                                           "--consensus", "-o", str(out)], env=env,
                          dimensions=(24, 80), encoding="utf-8", timeout=20)
    child.logfile_read = io.StringIO()
    child.expect("committee rating")
    child.send("\r")
    child.expect("Your role")
    child.send("p")
    child.expect("Your answer: ")
    child.sendline("")
    child.expect("Statement 1 of 18")
    child.send("4")
    child.expect("Rating chosen: Agree")
    child.expect("Note: ")
    child.sendline("First point agreed.")
    child.sendline("Second point: night shift.")
    child.sendline("")
    child.expect("Evidence: ")
    child.sendline(LINK)
    child.sendline("")
    child.expect("Statement 2 of 18")
    child.send("q")
    child.expect(pexpect.EOF)
    log = child.logfile_read.getvalue()
    note_screen = log[log.index("Rating chosen"):log.index("Note: ")]
    assert "to answer" not in note_screen
    assert json.loads(out.read_text())["notes"] == {
        "saf1": {"note": "First point agreed.\nSecond point: night shift.", "evidence": LINK}}
