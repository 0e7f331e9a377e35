"""The opening screen in a short window (seen in tmux at 60x20: its title and first lines
scrolled off the top): the title, what taking part means, where the answers go and where
support is stay in view, with or without the help shown; at 80x24 nothing is left out."""

from __future__ import annotations

import io

import pytest

from tila.administer import screens
from tila.administer.session import Session
from tila.administer.tui import RichView
from tila.questionnaire.parse import load_questionnaire

SUPPORT = "Call the staff line, 555 0100, any time, or ask Maria Lind in room 12."


def _shown(size: tuple[int, int], hint: str | None, qid: str) -> tuple[list[str], str]:
    q = load_questionnaire(qid)
    screen = screens.opening(Session(q), "/tmp/answers/a.json", "R-1234abcd", support=SUPPORT)
    out = io.StringIO()
    view = RichView(out, color=False, force_terminal=False)
    view._size = lambda: size  # type: ignore[method-assign]
    view.show(screen, hint)
    rows = out.getvalue().splitlines()[1:]  # a blank row first: nothing is cleared here
    return rows, " ".join(out.getvalue().replace("│", " ").split())


@pytest.mark.parametrize("qid", ["tila-starter", "tila-org", "tila-pulse"])
@pytest.mark.parametrize("hint", [None, screens.HELP_OPENING])
@pytest.mark.parametrize("size", [(60, 20), (80, 24)])
def test_the_opening_screen_fits_and_keeps_what_matters(size: tuple[int, int], hint: str | None,
                                                        qid: str) -> None:
    rows, text = _shown(size, hint, qid)
    assert len(rows) + 1 <= size[1], "\n".join(rows)  # and a row for the cursor
    assert max(len(r) for r in rows) <= size[0]
    title = load_questionnaire(qid).title
    assert title in rows[0]
    for words in ("Taking part is voluntary", "To withdraw, press w", "R-1234abcd",
                  "If you would like support: " + SUPPORT, "Enter to begin"):
        assert words in text
    if hint:
        assert hint in text


def test_at_80_by_24_the_description_and_count_are_shown() -> None:
    _, text = _shown((80, 24), None, "tila-starter")
    assert "An 18-item first look" in text
    assert "There are 18 statements" in text
