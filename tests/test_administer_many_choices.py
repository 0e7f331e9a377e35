"""Respondent fields with ten or more choices (issue 17, point 2): the number is typed, seen
and confirmed with Enter, so "1" does not pick choice 1 while someone means 12."""

from __future__ import annotations

import io
import json
import os
import sys
import time
from pathlib import Path

import pytest

from tila.administer import screens
from tila.administer.keys import interpret_field_key
from tila.administer.session import Session
from tila.administer.tui import RichView
from tila.questionnaire.parse import load_questionnaire

pexpect = pytest.importorskip("pexpect")
REPO = Path(__file__).resolve().parents[1]
FORMS = Path(__file__).parent / "data" / "administer-forms.yaml"


def _questionnaire(tmp_path: Path, n_sites: int) -> Path:
    """The two-form test questionnaire with a site field of n choices."""
    text = FORMS.read_text()
    sites = ", ".join(f"Site {i:02d}" for i in range(1, n_sites + 1))
    text = text.replace("scales:", f"respondent_fields:\n  - id: site\n    label: Your site\n"
                                   f"    choices: [{sites}]\nscales:", 1)
    path = tmp_path / f"sites{n_sites}.yaml"
    path.write_text(text)
    return path


def _spawn(args: list[str], cwd: Path, rows: int = 24, cols: int = 80) -> pexpect.spawn:
    env = {k: v for k, v in os.environ.items() if k != "NO_COLOR"}
    env.update(PYTHONPATH=str(REPO / "src"), TERM="xterm-256color")
    child = pexpect.spawn(sys.executable, ["-m", "tila", "administer", *args], cwd=str(cwd),
                          env=env, dimensions=(rows, cols), encoding="utf-8", timeout=20)
    child.logfile_read = io.StringIO()
    return child


@pytest.mark.parametrize("n_sites", [12, 30])
def test_every_choice_can_be_picked_by_typing_its_number(tmp_path: Path, n_sites: int) -> None:
    out = tmp_path / "a.json"
    q = str(_questionnaire(tmp_path, n_sites))
    child = _spawn([q, "--form", "staff", "-o", str(out)], tmp_path)
    child.expect("Taking part is voluntary")
    child.send("\r")
    child.expect(f"1-{n_sites}\\S* \\S*then Enter to choose")
    child.expect("Type the number of your choice, then Enter: ")
    first, rest = str(n_sites)[0], str(n_sites)[1:]
    child.send(first)
    child.expect(first)  # the typed digit is echoed, and nothing is chosen yet
    time.sleep(0.3)
    assert json.loads(out.read_text())["fields"] == {}
    child.send(rest + "\r")
    child.expect("Statement 1 of 3")
    assert json.loads(out.read_text())["fields"] == {"site": f"Site {n_sites}"}
    child.send("b")  # back to the list: a one-digit number is confirmed with Enter too
    child.expect("Type the number of your choice")
    child.sendline("7")
    child.expect("Statement 1 of 3")
    child.send("q")
    child.expect(pexpect.EOF)
    assert json.loads(out.read_text())["fields"] == {"site": "Site 07"}


def test_single_digit_lists_still_take_one_keypress(tmp_path: Path) -> None:
    q = load_questionnaire(_questionnaire(tmp_path, 9))
    screen = screens.respondent_field(Session(q, form="staff").begin())
    assert not screen.line_input
    assert screen.keys[0] == "1-9 to choose"


def test_typed_numbers_labels_and_out_of_range(tmp_path: Path) -> None:
    spec = load_questionnaire(_questionnaire(tmp_path, 30)).respondent_fields[0]
    assert interpret_field_key(spec, "30").value == "Site 30"
    assert interpret_field_key(spec, " 12 ").value == "Site 12"
    assert interpret_field_key(spec, "site 07").value == "Site 07"
    assert interpret_field_key(spec, "31").kind == "unknown"
    assert interpret_field_key(spec, "?").kind == "help"


@pytest.mark.parametrize("n_sites", [12, 30])
def test_long_lists_fit_the_screen_in_columns(tmp_path: Path, n_sites: int) -> None:
    q = load_questionnaire(_questionnaire(tmp_path, n_sites))
    out = io.StringIO()
    view = RichView(out, color=False, force_terminal=False)
    view.show(screens.respondent_field(Session(q, form="staff").begin()))
    rows = out.getvalue().splitlines()
    assert len(rows) <= 24
    assert max(len(r) for r in rows) <= 80
    text = out.getvalue()
    for i in range(1, n_sites + 1):
        assert f"{i:>2}  Site {i:02d}" in text
