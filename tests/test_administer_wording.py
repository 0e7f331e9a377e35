"""Trauma-informed wording (issue 17, point 3): hard experiences, support, privacy, withdrawal,
leader ratings, and the refused --form self --consensus combination."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from collections import deque
from pathlib import Path

import pytest

from tila.administer import screens
from tila.administer.interview import Interview
from tila.administer.session import Session
from tila.administer.store import Meta, SessionFile
from tila.administer.terminal import PlainView
from tila.questionnaire.parse import load_questionnaire

REPO = Path(__file__).resolve().parents[1]
SUPPORT = "Talk to Maria Lind (room 12) or call the staff helpline, 0800 123 456."


def _text(screen: screens.Screen) -> str:
    return " ".join(line.text for line in screen.body)


class Keys:
    lines_only = False

    def __init__(self, *keys: str) -> None:
        self.keys = deque(keys)

    def read_key(self) -> str:
        return self.keys.popleft()

    def read_line(self, prompt: str) -> str | None:
        return self.keys.popleft()

    def discard_typeahead(self) -> None:
        return None


def _run(path: Path, *keys: str, support: str | None = None) -> tuple[int, str]:
    """The exit code and what was said, its rows joined (plain text is wrapped to 80)."""
    out = io.StringIO()
    meta = Meta("R-00000001", "tila-starter", "2026-01-01T00:00:00Z", support=support)
    interview = Interview(Session(load_questionnaire("tila-starter")), SessionFile(path, meta),
                          PlainView(out, 80), Keys(*keys))
    return interview.run(), out.getvalue().replace("\n", " ")


def test_opening_names_hard_experiences_support_and_privacy() -> None:
    q = load_questionnaire("tila-starter")
    plain = _text(screens.opening(Session(q), "a.json", "R-1"))
    assert "Some statements touch on hard experiences" in plain
    assert "ask them who will see it" in plain  # the honest default when nobody said
    assert "support" not in plain.lower()  # no empty promise of support
    told = _text(screens.opening(Session(q), "a.json", "R-1", support=SUPPORT,
                                 privacy="Only the wellbeing team sees the answers."))
    assert f"If you would like support: {SUPPORT}" in told
    assert "Only the wellbeing team sees the answers." in told
    assert "ask them who will see it" not in told


def test_support_is_in_help_and_at_the_end() -> None:
    q = load_questionnaire("tila-starter")
    s = Session(q).begin().answer_field(None).answer_field(None).toggle_help()
    assert SUPPORT in _text(screens.item(s, SUPPORT))
    assert "w withdraws" in _text(screens.item(s, SUPPORT))
    assert SUPPORT in _text(screens.finished("a.json", SUPPORT))
    assert SUPPORT in screens.paused("a.json", support=SUPPORT)
    assert SUPPORT in screens.field_help(q.respondent_fields[0], SUPPORT)


def test_leader_field_says_what_is_true_for_a_group_of_one() -> None:
    q = load_questionnaire("tila-leader")
    s = Session(q, form="self").begin()
    assert s.current_field.id == "leader"
    text = _text(screens.respondent_field(s))
    assert "small groups are never shown" not in text
    assert "self-rating is not anonymous" in text
    s = s.answer_field("L03")  # the next field (role) is grouped as usual
    assert "small groups are never shown" in _text(screens.respondent_field(s))


def test_field_help_offers_prefer_not_only_where_it_exists() -> None:
    q = load_questionnaire("tila-leader")
    leader, role = q.respondent_fields[0], q.respondent_fields[1]
    assert "prefer not to say" not in screens.field_help(leader)
    assert "press p if you prefer not to say" in screens.field_help(role)


def test_withdraw_needs_a_yes_then_deletes_everything(tmp_path: Path) -> None:
    path = tmp_path / "w.json"
    code, out = _run(path, "", "p", "", "4", "w", "", "w", "no", "q", support=SUPPORT)
    assert code == 0
    assert "Withdraw and delete everything saved" in out
    assert out.count("Nothing was deleted; your answers are kept.") == 2
    assert json.loads(path.read_text())["answers"] == {"saf1": 4}
    code, out = _run(path, "", "p", "", "4", "5", "w", "yes")
    assert code == 0
    assert not path.exists()
    assert "Everything you answered has been deleted" in out
    assert not list(tmp_path.iterdir())  # no temporary file left behind either


def test_withdraw_from_review_and_about_you(tmp_path: Path) -> None:
    path = tmp_path / "r.json"
    code, _ = _run(path, "", "p", "w", "yes")  # from a free-text About-you question
    assert code == 0
    assert not path.exists()
    keys = ["", "p", ""] + ["3"] * 18 + ["w", "yes"]  # from the review screen
    code, out = _run(path, *keys, support=SUPPORT)
    assert code == 0
    assert not path.exists()
    assert SUPPORT in out


def test_withdraw_before_anything_is_saved_says_so(tmp_path: Path) -> None:
    path = tmp_path / "n.json"
    code, out = _run(path, "w", "q")
    assert code == 0
    assert "Press Enter to begin" in out  # w is not a choice before anything is saved
    assert not path.exists()


def _cli(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, PYTHONPATH=str(REPO / "src"))
    return subprocess.run([sys.executable, "-m", "tila", "administer", *args], cwd=cwd, env=env,
                          stdin=subprocess.DEVNULL, capture_output=True, text=True, timeout=60)


def test_self_form_and_consensus_are_refused_together(tmp_path: Path) -> None:
    answers = tmp_path / "a.yaml"
    answers.write_text("fields: {leader: L01}\nanswers: {}\n")
    done = _cli("tila-leader", "--form", "self", "--consensus", "--answers", str(answers),
                "-o", str(tmp_path / "x.json"), cwd=tmp_path)
    assert done.returncode == 2
    assert "--form staff --consensus" in done.stderr
    assert not (tmp_path / "x.json").exists()


@pytest.mark.skipif(sys.platform == "win32", reason="needs a POSIX terminal")
def test_support_and_privacy_options_are_shown_and_kept_on_resume(tmp_path: Path) -> None:
    pexpect = pytest.importorskip("pexpect")
    out = tmp_path / "s.json"
    env = dict(os.environ, PYTHONPATH=str(REPO / "src"), TERM="dumb")
    child = pexpect.spawn(sys.executable, ["-m", "tila", "administer", "tila-starter", "-o",
                                           str(out), "--support", SUPPORT, "--privacy-note",
                                           "Only the wellbeing team sees the answers."],
                          env=env, dimensions=(24, 80), encoding="utf-8", timeout=20)
    child.expect("wellbeing")
    child.expect("If you would like support")
    child.send("\r")
    child.expect("Your role")
    child.send("q")
    child.expect("--resume")
    child.expect("If you would like support")
    child.expect(pexpect.EOF)
    saved = json.loads(out.read_text())["tila_session"]
    assert saved["support"] == SUPPORT
    assert saved["privacy_note"] == "Only the wellbeing team sees the answers."


def test_question_mark_helps_on_every_screen(tmp_path: Path) -> None:
    """Opening, both About-you questions (choices and free text), a statement, the review."""
    path = tmp_path / "h.json"
    keys = ["?", "", "?", "p", "?", "", "?", "?"] + ["3"] * 18 + ["?", "q"]
    code, out = _run(path, *keys)
    assert code == 0
    assert screens.HELP_OPENING in out
    assert "Choose the answer closest to yours" in out  # role, a list of choices
    assert "Type your answer, or press Enter alone if you prefer not to say" in out  # site
    # on the typed answer w needs Enter, and the screen itself says w withdraws
    assert "To withdraw and delete everything saved, type w and press Enter." in out
    assert "b, ?, q or w and Enter go back, show help, pause or withdraw." in out
    assert "everything saved, press w." in out  # the role: a keypress screen
    assert screens.HELP_REVIEW in out
    assert "isn't one of the choices" not in out
    for screen in (screens.opening(Session(load_questionnaire("tila-starter")), "a", "R-1"),):
        assert "? for help" in screen.keys
