"""The interview loop with scripted keys and an in-memory screen (no terminal needed)."""

from __future__ import annotations

import io
import json
from collections import deque
from pathlib import Path

from tila.administer.interview import Interview
from tila.administer.session import Session
from tila.administer.store import Meta, SessionFile, from_document, read_document
from tila.administer.terminal import PlainView
from tila.questionnaire.parse import load_questionnaire

META = Meta("R-00000001", "tila-starter", "2026-01-01T00:00:00Z")


class Keys:
    """Stands in for the keyboard: hands out the given keys and lines in order."""

    lines_only = False

    def __init__(self, *keys: str) -> None:
        self.keys = deque(keys)

    def read_key(self) -> str:
        return self.keys.popleft()

    def read_line(self, prompt: str) -> str | None:
        return self.keys.popleft()

    def discard_typeahead(self) -> None:
        return None


def _interview(session: Session, path: Path, *keys: str) -> tuple[Interview, io.StringIO]:
    out = io.StringIO()
    return Interview(session, SessionFile(path, META), PlainView(out, 80), Keys(*keys)), out


def _finished(path: Path) -> Session:
    q = load_questionnaire("tila-starter")
    s = Session(q).begin().answer_field(None).answer_field(None)
    while s.phase == "items":
        s = s.answer(2)
    SessionFile(path, META).finish(s.submit(), {"SOURCE_DATE_EPOCH": "0"})
    return from_document(read_document(path), q, str(path))[0]


def test_every_change_is_saved_before_the_next_screen(tmp_path: Path) -> None:
    path = tmp_path / "s.json"
    q = load_questionnaire("tila-starter")
    saved_at_prompt: list[dict[str, object]] = []
    interview, _ = _interview(Session(q), path, "", "1", "", "4", "s", "n", "q")
    reader = interview.reader
    assert isinstance(reader, Keys)
    original = reader.read_key

    def read_and_record() -> str:
        if path.exists():
            saved_at_prompt.append(json.loads(path.read_text())["answers"])
        return original()

    reader.read_key = read_and_record  # type: ignore[method-assign]
    assert interview.run() == 0
    assert saved_at_prompt[-1] == {"saf1": 4, "saf2": None, "saf3": "not_applicable"}
    assert {"saf1": 4} in saved_at_prompt


def test_reopened_finished_file_untouched_stays_finished(tmp_path: Path) -> None:
    path = tmp_path / "done.json"
    session = _finished(path)
    before = path.read_bytes()
    interview, out = _interview(session, path, "g", "3", "", "q")  # look, keep, leave
    assert interview.run() == 0
    assert path.read_bytes() == before
    assert "still submitted" in out.getvalue()


def test_reopened_file_changed_and_changed_back_is_saved(tmp_path: Path) -> None:
    path = tmp_path / "done.json"
    session = _finished(path)
    interview, _ = _interview(session, path, "g", "3", "5", "g", "3", "2", "q")
    assert interview.run() == 0
    doc = json.loads(path.read_text())
    assert doc["answers"]["saf3"] == 2  # the last answer given, not the one before it
    assert doc["tila_session"]["state"] == "in_progress"
    interview, _ = _interview(interview.session, path, "")
    assert interview.run() == 0
    doc = json.loads(path.read_text())
    assert "tila_session" not in doc
    assert doc["completed_at"] is not None


def test_unknown_keys_get_a_hint_and_change_nothing(tmp_path: Path) -> None:
    path = tmp_path / "s.json"
    q = load_questionnaire("tila-starter")
    interview, out = _interview(Session(q), path, "x", "", "9", "z", "p", "", "7", "z", "q")
    assert interview.run() == 0
    text = " ".join(out.getvalue().split())
    assert "Press Enter to begin, or q to leave without starting." in text
    # a number outside the list names the numbers there are; any other key the general hint
    roles = len(q.respondent_fields[0].choices or ())
    assert f"There is no choice 9; choose 1 to {roles}." in text
    assert "That key isn't one of the choices here" in text
    assert "There is no choice 7; choose 1 to 5." in text
    assert "That key isn't one of the choices; press ? for help." in text
    assert json.loads(path.read_text())["answers"] == {}


def test_quitting_on_the_opening_screen_writes_nothing(tmp_path: Path) -> None:
    path = tmp_path / "s.json"
    interview, out = _interview(Session(load_questionnaire("tila-starter")), path, "q")
    assert interview.run() == 0
    assert not path.exists()
    assert "Nothing was saved" in out.getvalue()
