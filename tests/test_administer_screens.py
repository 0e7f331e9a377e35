"""What the interview screens say and how they are laid out, without a real terminal."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest

from tila.administer import screens
from tila.administer.session import Session
from tila.administer.terminal import PlainView
from tila.administer.tui import RichView, use_color
from tila.questionnaire.model import Questionnaire
from tila.questionnaire.parse import load_questionnaire

DATA = Path(__file__).parent / "data"
ESC = "\x1b"
UNKIND = re.compile(r"\b(error|invalid|wrong|illegal|must)\b", re.IGNORECASE)


@pytest.fixture(scope="module")
def starter() -> Questionnaire:
    return load_questionnaire("tila-starter")


def _all_screens(q: Questionnaire, *, consensus: bool = False) -> list[screens.Screen]:
    """Every screen of a full interview, items with their help shown and an answer given."""
    s = Session(q, consensus=consensus)
    out = [screens.opening(s, "tila-starter-R-12345678.json", "R-12345678")]
    s = s.begin()
    while s.phase == "fields":
        out.append(screens.respondent_field(s))
        s = s.answer_field(None)
    while s.phase == "items":
        s = s.set_note("Agreed after a long talk about the rota and cover.",
                       "policy 4.2, staff survey 2025") if consensus else s
        s = s.answer(3).back().toggle_help()
        out.append(screens.item(s))
        s = s.skip()
    out += [screens.review(s), screens.finished("tila-starter-R-12345678.json")]
    return out


def _text(screen: screens.Screen) -> str:
    return " ".join([screen.heading, *(line.text for line in screen.body), *screen.keys])


def test_opening_tells_what_matters_before_starting(starter: Questionnaire) -> None:
    text = _text(screens.opening(Session(starter), "out.json", "R-1a2b3c4d"))
    for words in ("voluntary", "touch on hard experiences", "skip any of them", "out.json",
                  "R-1a2b3c4d", "who will see it", "about 5 minutes", "Pause at any time with q",
                  "To withdraw, press w",
                  "Don't know", "Not applicable"):
        assert words in text


def test_time_estimate_without_minutes_is_twelve_seconds_an_item() -> None:
    q = load_questionnaire(DATA / "administer-forms.yaml")
    text = _text(screens.opening(Session(q, form="self"), "o.json", "R-1"))
    assert "3 statements; it takes about 1 minute." in text
    assert "Form: Leader self-rating" in text


@pytest.mark.parametrize(("seconds", "words"), [
    (0, "almost done"), (30, "less than a minute left"), (60, "about 1 minute left"),
    (61, "about 2 minutes left"), (300, "about 5 minutes left"),
])
def test_time_left(seconds: float, words: str) -> None:
    assert screens.time_left(seconds) == words


def test_item_screen_shows_heading_progress_text_and_choices(starter: Questionnaire) -> None:
    s = Session(starter).begin().answer_field(None).answer_field(None).answer(4).back()
    screen = screens.item(s)
    assert (screen.heading, screen.area) == ("Safety", "Physical Environment")
    assert screen.progress == (1, 18, pytest.approx(300.0))
    assert screen.body[0].text == "I feel physically safe in the building where I work."
    choices = [(line.key, line.text, line.current) for line in screen.body
               if line.kind == "choice"]
    assert choices[3] == ("4", "Agree", True)
    assert [c[0] for c in choices] == ["1", "2", "3", "4", "5", "d", "n"]
    assert screen.keys[0] == "Enter to keep as is"
    assert "s to skip" in screen.keys
    assert "q to save and quit" in screen.keys


def test_help_shows_the_item_explanation(starter: Questionnaire) -> None:
    s = Session(starter).begin().answer_field(None).answer_field(None).answer(3).answer(3)
    assert "Think of the last month" in _text(screens.item(s.toggle_help()))
    assert "Think of the last month" not in _text(screens.item(s))


def test_headings_fit_an_80_column_box(starter: Questionnaire) -> None:
    for screen in _all_screens(starter):
        assert len(screens.section_heading(screen)) <= 72
    long = screens.Screen("Trustworthiness and Transparency", (),
                          area="Screening, Assessment, and Treatment Services")
    assert screens.section_heading(long) == "Trustworthiness and Transparency · Services"


def test_review_counts_each_kind_with_statement_numbers(starter: Questionnaire) -> None:
    s = Session(starter).begin().answer_field(None).answer_field(None)
    s = s.answer(4).skip().answer("not_applicable").answer("dont_know").review()
    text = _text(screens.review(s))
    assert "Answered: 1" in text
    assert "Skipped: 1 (statement 2)" in text
    assert "Not applicable: 1 (statement 3)" in text
    assert "Don't know: 1 (statement 4)" in text
    assert "Not reached yet: 14 (statements 5, 6" in text
    assert "and 2 more" in text


def test_wording_is_calm(starter: Questionnaire) -> None:
    texts = [_text(s) for s in _all_screens(starter, consensus=True)]
    texts += [screens.HINT_UNKNOWN_KEY, screens.HINT_FIELD_KEY, screens.HINT_REVIEW_KEY,
              screens.HINT_START, screens.no_such_choice(45, 30), screens.paused("f.json"),
              screens.welcome_back(
                  Session(starter).begin())]
    for text in texts:
        assert not UNKIND.search(text), text
    assert screens.HINT_UNKNOWN_KEY == "That key isn't one of the choices; press ? for help."


def test_key_help_wraps_between_entries() -> None:
    entries = ["Enter to keep as is", "1-5 to answer", "d for don't know",
               "n for not applicable", "s to skip", "b to go back", "? for help",
               "q to save and quit"]
    rows = screens.wrap_entries(entries, 79)
    assert len(rows) == 2
    assert all(len(r) <= 79 for r in rows)
    assert "   ".join(rows) == "   ".join(entries)  # rows break only between entries


# ---- rendering ---------------------------------------------------------------------------


def _rich(color: bool, screen: screens.Screen, hint: str | None = None) -> str:
    out = io.StringIO()
    view = RichView(out, color=color)
    view.show(screen, hint)
    return out.getvalue()


def test_every_screen_fits_80_by_24_without_colour(starter: Questionnaire) -> None:
    for screen in _all_screens(starter, consensus=True):
        text = _rich(False, screen, screens.HINT_UNKNOWN_KEY)
        lines = text.rstrip("\n").split("\n")[1:]  # the separating blank line scrolls away
        assert len(lines) <= 23, "\n".join(lines)  # leaves a row for the prompt
        assert max(len(line) for line in lines) <= 80
        assert ESC not in text


def test_colour_view_uses_colour_and_no_colour_view_none(
        starter: Questionnaire, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TERM", "xterm-256color")
    monkeypatch.delenv("NO_COLOR", raising=False)
    screen = _all_screens(starter)[3]
    out = io.StringIO()
    RichView(out, color=True, force_terminal=True).show(screen)
    assert ESC in out.getvalue()
    out = io.StringIO()
    RichView(out, color=False, force_terminal=True).show(screen)
    assert ESC not in out.getvalue()


def test_no_color_and_dumb_terminals_turn_colour_off() -> None:
    assert use_color({"TERM": "xterm-256color"})
    assert not use_color({"NO_COLOR": "1", "TERM": "xterm"})
    assert use_color({"NO_COLOR": "", "TERM": "xterm"})  # empty means unset (no-color.org)
    assert not use_color({"TERM": "dumb"})


def test_plain_view_is_text_a_screen_reader_can_read(starter: Questionnaire) -> None:
    out = io.StringIO()
    view = PlainView(out, 80)
    for screen in _all_screens(starter, consensus=True):
        view.show(screen)
    text = out.getvalue()
    assert ESC not in text
    assert not set(text) & set("╭╮╰╯│─█░◀")  # no box drawing or bars
    assert "Safety.\nArea: Physical Environment.\nStatement 1 of 18" in text
    assert "4: Agree" in text
    assert ("Press Enter alone to keep as is, a number from 1 to 5 to answer, d for don't "
            "know,") in " ".join(text.split())
    assert "or q to save and quit." in text
    assert "(your current answer)" in text
