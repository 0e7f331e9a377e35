"""`?` helps on every statement of the built-in instruments (issue 17, point 6), and a
statement with its help, the support line and a committee note still fits 80x24 and 60x20."""

from __future__ import annotations

import io

import pytest

from tila.administer import screens
from tila.administer.session import Session
from tila.administer.tui import RichView
from tila.questionnaire.parse import load_questionnaire

BUILT_IN = ["tila-starter", "tila-pulse", "tila-org", "tila-leader"]
SUPPORT = "Talk to Maria Lind (room 12) or call the staff helpline, 0800 123 456."


@pytest.mark.parametrize("qid", BUILT_IN)
def test_every_built_in_statement_has_its_own_help_with_an_example(qid: str) -> None:
    q = load_questionnaire(qid)
    seen: dict[str, str] = {}
    for item in q.items:
        assert item.help, f"{qid}:{item.id} has no help"
        # the same statement may share its help across instruments, never two statements
        assert seen.setdefault(item.help, item.text) == item.text or item.help.startswith(
            "Choose Not applicable"), item.id
    # what the statement means, then an example (a few older texts only say when to choose
    # "Not applicable" or what a word covers)
    missing_example = [it.id for it in q.items
                       if not any(w in it.help for w in ("For example", "for example",
                                                         "Think of", "e.g."))]
    assert len(missing_example) <= len(q.items) // 4, missing_example


def _tall_screens(qid: str) -> list[screens.Screen]:
    q = load_questionnaire(qid)
    form = q.forms[0].id if q.forms else None
    s = Session(q, form=form, consensus=True).begin()
    while s.phase == "fields":
        s = s.answer_field(None if s.current_field.prefer_not_to_say else "L01")
    out = []
    for position in range(len(q.items)):
        at = s.go_to(position + 1)
        at = at.set_note("Agreed after a long discussion of incident reviews", "policy 4.2")
        out.append(screens.item(at.toggle_help(), SUPPORT))
    return out


@pytest.mark.parametrize("qid", BUILT_IN)
@pytest.mark.parametrize(("cols", "rows"), [(80, 24), (60, 20)])
def test_help_keeps_heading_and_progress_in_view(qid: str, cols: int, rows: int) -> None:
    for screen in _tall_screens(qid):
        out = io.StringIO()
        view = RichView(out, color=False)
        view.console.size = (cols, rows)
        view.show(screen, screens.HINT_UNKNOWN_KEY)
        drawn = out.getvalue().rstrip("\n").split("\n")[1:]
        assert len(drawn) <= rows - 1, "\n".join(drawn)  # a row left for the cursor
        assert drawn[0].startswith("╭─ ")
        assert "Statement" in drawn[1]
        assert max(len(line) for line in drawn) <= cols

