"""``--plain`` text breaks between words at the window's width: a screen reader reads the
terminal's rows, so "state" / "ment" would be read as two words (seen in tmux at 60 columns)."""

from __future__ import annotations

import io

import pytest

from tila.administer import screens
from tila.administer.session import Session
from tila.administer.terminal import PlainView
from tila.questionnaire.parse import load_questionnaire


def _words(text: str) -> list[str]:
    return text.split()


@pytest.mark.parametrize("width", [40, 60, 80])
def test_every_plain_row_fits_and_no_word_is_cut(width: int) -> None:
    q = load_questionnaire("tila-starter")
    session = Session(q).begin().answer_field(None).answer_field(None)
    for _ in range(5):
        session = session.answer(3)
    out = io.StringIO()
    view = PlainView(out, width)
    notice = screens.welcome_back(session)
    support = "Call the staff line, 555 0100, any time, or write to wellbeing@example.org."
    view.show(screens.item(session.toggle_help(), support), notice)
    view.hint(screens.item(session), screens.no_such_choice(45, 30))
    view.say(screens.paused("/tmp/a very/long/folder/name/answers.json", plain=True,
                            support=support))
    rows = out.getvalue().splitlines()
    command = screens.resume_command("/tmp/a very/long/folder/name/answers.json", plain=True)
    for row in rows:
        if row.strip() != command:  # the resume command stays one copyable piece
            assert len(row) <= width, row
    text = out.getvalue()
    # every sentence comes out whole, word for word, however the rows fall
    for sentence in (notice, screens.no_such_choice(45, 30), session.text_of(
            session.current_item), f"If you would like support: {support}"):
        assert " ".join(_words(sentence)) in " ".join(_words(text))
    assert f"  {command}\n" in text
