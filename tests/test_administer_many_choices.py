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


def _long_questionnaire(tmp_path: Path, n_sites: int) -> Path:
    """Sites with long names: at 60 columns only one fits a row."""
    text = FORMS.read_text()
    sites = ", ".join(f"Northside Community Centre {i:02d}" for i in range(1, n_sites + 1))
    text = text.replace("scales:", f"respondent_fields:\n  - id: site\n    label: Your site\n"
                                   f"    choices: [{sites}]\nscales:", 1)
    path = tmp_path / f"long{n_sites}.yaml"
    path.write_text(text)
    return path


def _view(width: int, height: int) -> tuple[RichView, io.StringIO]:
    out = io.StringIO()
    view = RichView(out, color=False, force_terminal=False)
    view._size = lambda: (width, height)  # type: ignore[method-assign]
    return view, out


def _shown_numbers(text: str) -> set[int]:
    import re

    return {int(n) for n in re.findall(r"\s(\d+) {1,2}(?:Site|Northside)", text)}


@pytest.mark.parametrize("long_names", [False, True])
@pytest.mark.parametrize("n_sites", [12, 30])
@pytest.mark.parametrize("size", [(60, 20), (80, 24)])
@pytest.mark.parametrize("hint", [None, "help"])
def test_the_heading_stays_in_view_with_help_shown(tmp_path: Path, n_sites: int,
                                                   long_names: bool, size: tuple[int, int],
                                                   hint: str | None) -> None:
    make = _long_questionnaire if long_names else _questionnaire
    session = Session(load_questionnaire(make(tmp_path, n_sites)), form="staff").begin()
    screen = screens.respondent_field(session)
    text_hint = screens.field_help(session.current_field, "Call the helpline") if hint else None
    view, out = _view(*size)
    view.show(screen, text_hint)
    rows = out.getvalue().splitlines()[1:]  # (a blank row first: nothing is cleared here)
    # every row printed, and one more for the typed answer, fit the window
    assert len(rows) + 1 <= size[1], "\n".join(rows)
    assert max(len(r) for r in rows) <= size[0]
    assert "About you" in rows[0]
    assert "1-" + str(n_sites) + " then Enter to choose" in out.getvalue()
    if text_hint:
        assert "Call the helpline" in " ".join(out.getvalue().split())


@pytest.mark.parametrize("n_sites", [12, 30])
def test_a_list_too_long_for_the_window_is_paged_through_every_choice(tmp_path: Path,
                                                                      n_sites: int) -> None:
    session = Session(load_questionnaire(_long_questionnaire(tmp_path, n_sites)),
                      form="staff").begin()
    screen = screens.respondent_field(session)
    view, out = _view(60, 20)
    seen: list[set[int]] = []
    pages: list[str] = []
    for _ in range(10):
        out.seek(0)
        out.truncate()
        view.show(screen)
        numbers = _shown_numbers(out.getvalue())
        if seen and numbers == seen[0]:
            break  # + after the last page comes back to the first
        seen.append(numbers)
        pages.append(" ".join(out.getvalue().split()))
        view.more()
    assert len(seen) > 1  # one site per row: 30 (or 12) rows cannot fit 20
    assert set().union(*seen) == set(range(1, n_sites + 1))
    assert sum(len(s) for s in seen) == n_sites  # each choice on one page only
    assert f"Choices 1-{max(seen[0])} of {n_sites} (+ then Enter: the next ones)" in pages[0]
    assert f"of {n_sites} (+ then Enter: from the first)" in pages[-1]


@pytest.mark.skipif(sys.platform == "win32", reason="needs a POSIX terminal")
def test_at_60_by_20_thirty_long_choices_page_and_keep_the_heading(tmp_path: Path) -> None:
    import re

    out = tmp_path / "a.json"
    q = str(_long_questionnaire(tmp_path, 30))
    child = _spawn([q, "--form", "staff", "-o", str(out)], tmp_path, rows=20, cols=60)
    child.expect("Taking part is voluntary")
    child.send("\r")
    child.expect("Type the number of your choice, then Enter: ")

    def last_frame() -> list[str]:
        # what follows the last clear-screen is what the window shows
        raw = child.logfile_read.getvalue().rsplit("\x1b[2J", 1)[-1]
        plain = re.sub(r"\x1b\[[0-9;?]*[A-Za-z]|\x1b\][^\x07]*\x07|\r", "", raw)
        return plain.split("\n")

    child.sendline("?")  # help below the list: the heading must not scroll off
    child.expect("type w and")
    child.expect("Type the number of your choice, then Enter: ")
    frame = last_frame()
    assert len(frame) <= 20, "\n".join(frame)
    assert "About you" in frame[0]
    assert "Choices 1-" in "\n".join(frame)
    child.sendline("+")
    child.expect(r"Choices (\d+)-(\d+) of 30")
    assert int(child.match.group(1)) > 1
    child.expect("Type the number of your choice, then Enter: ")
    frame = last_frame()
    assert len(frame) <= 20
    assert "About you" in frame[0]
    child.sendline("30")  # any number can be typed, shown on this page or not
    child.expect("Statement 1 of 3")
    child.send("q")
    child.expect(pexpect.EOF)
    assert json.loads(out.read_text())["fields"] == {"site": "Northside Community Centre 30"}


@pytest.mark.skipif(sys.platform == "win32", reason="needs a POSIX terminal")
def test_a_long_scale_pages_on_a_statement_too(tmp_path: Path) -> None:
    import re

    text = FORMS.read_text()
    points = "\n".join(f"      - {{value: {i}, label: \"{i}: a long description of point {i} "
                       "on this scale\"}" for i in range(11))
    q = tmp_path / "eleven.yaml"
    q.write_text(re.sub(r"    points:\n(      - .*\n)+", "    points:\n" + points + "\n", text))
    out = tmp_path / "a.json"
    child = _spawn([str(q), "--form", "staff", "-o", str(out)], tmp_path, rows=20, cols=60)
    child.expect("Taking part is voluntary")
    child.send("\r")
    child.expect("Type the number of your answer, then Enter: ")
    child.sendline("?")  # the statement's help takes rows: the scale is paged
    child.expect(r"Choices 1-(\d+) of 11 \(\+ then Enter: the next ones\)")
    child.sendline("+")
    child.expect(r"Choices \d+-11 of 11 \(\+ then Enter: from the first\)")
    child.sendline("11")
    child.expect("Statement 2 of 3")
    child.sendline("q")  # a typed scale: q is typed as a line too
    child.expect(pexpect.EOF)
    assert json.loads(out.read_text())["answers"]["lead1"] == 10


class _Keys:
    """Typed lines or keys, in order, as a keyboard (or a screen reader's typed lines) gives
    them."""

    def __init__(self, *keys: str, lines_only: bool) -> None:
        self.keys = list(keys)
        self.lines_only = lines_only

    def read_key(self) -> str:
        return self.keys.pop(0)

    def read_line(self, prompt: str) -> str | None:
        return self.keys.pop(0)

    def discard_typeahead(self) -> None:
        return None


@pytest.mark.parametrize("lines_only", [False, True])  # keypresses, and --plain's typed lines
def test_a_number_outside_the_list_says_which_numbers_there_are(tmp_path: Path,
                                                                lines_only: bool) -> None:
    from tila.administer.interview import Interview
    from tila.administer.store import Meta, SessionFile
    from tila.administer.terminal import PlainView

    q = load_questionnaire(_questionnaire(tmp_path, 30))
    path = tmp_path / "a.json"
    out = io.StringIO()
    # 45 and 0 on the list of 30 sites; "07" is site 7; then 7 and 0 on the four-point scale,
    # 3 answers it, and q pauses
    keys = _Keys("45", "0", "07", "7", "0", "3", "q", lines_only=lines_only)
    Interview(Session(q, form="staff").begin(), SessionFile(path, Meta("R-1", "x", "t")),
              PlainView(out, 80), keys).run()
    text = " ".join(out.getvalue().split())
    assert "There is no choice 45; choose 1 to 30." in text
    assert "There is no choice 0; choose 1 to 30." in text
    assert "There is no choice 7; choose 1 to 4." in text
    assert "There is no choice 0; choose 1 to 4." in text
    assert "isn't one of the choices" not in text
    saved = json.loads(path.read_text())
    assert saved["fields"] == {"site": "Site 07"}
    assert saved["answers"] == {"lead1": 3}


def test_the_hint_for_a_one_choice_list_does_not_offer_a_range() -> None:
    assert screens.no_such_choice(2, 1) == "There is no choice 2; choose 1."
    assert screens.no_such_choice(45, 30) == "There is no choice 45; choose 1 to 30."


@pytest.mark.skipif(sys.platform == "win32", reason="needs a POSIX terminal")
@pytest.mark.parametrize("plain", [False, True])
def test_typing_45_with_30_choices_in_a_terminal(tmp_path: Path, plain: bool) -> None:
    out = tmp_path / "a.json"
    q = str(_questionnaire(tmp_path, 30))
    child = _spawn([q, "--form", "staff", "-o", str(out), *(["--plain"] if plain else [])],
                   tmp_path)
    child.expect("Taking part is voluntary")
    child.send("\r")
    child.expect("Type the number of your choice, then Enter: " if not plain else "Site 30")
    child.sendline("45")
    child.expect(r"There is no choice 45;\s+choose 1 to 30\.")
    child.sendline("30")
    child.expect("Statement 1 of 3")
    child.send("7" if not plain else "7\r")
    child.expect(r"There is no choice 7;\s+choose 1 to 4\.")
    child.send("q" if not plain else "q\r")
    child.expect(pexpect.EOF)
    saved = json.loads(out.read_text())
    assert saved["fields"] == {"site": "Site 30"}
    assert saved["answers"] == {}


@pytest.mark.skipif(sys.platform == "win32", reason="needs a POSIX terminal")
def test_resizing_while_a_number_is_typed_redraws_and_keeps_the_digits(tmp_path: Path) -> None:
    """Seen in tmux: shrinking the window to 60x20 while the number of a site was being typed
    left the 80-column screen wrapped into a jumble until Enter."""
    import re

    out = tmp_path / "a.json"
    q = str(_long_questionnaire(tmp_path, 30))
    child = _spawn([q, "--form", "staff", "-o", str(out)], tmp_path)
    child.expect("Taking part is voluntary")
    child.send("\r")
    child.expect("Type the number of your choice, then Enter: ")
    child.send("2")
    child.expect("2")
    child.logfile_read = io.StringIO()  # from here on: what the resize draws
    child.setwinsize(20, 60)
    child.expect(r"Type the number of your choice, then Enter: 2")  # the digit is kept
    raw = child.logfile_read.getvalue()
    assert "\x1b[2J" in raw  # drawn again, not just the prompt
    frame = re.sub(r"\x1b\[[0-9;?]*[A-Za-z]|\x1b\][^\x07]*\x07|\r", "",
                   raw.rsplit("\x1b[2J", 1)[-1]).split("\n")
    assert "About you" in frame[0]
    assert len(frame) <= 20
    assert max(len(row) for row in frame) <= 60, "\n".join(frame)
    child.send("x\x7f5\r")  # Backspace edits what was typed: 2x, then 2, then 25
    child.expect("Statement 1 of 3")
    child.send("q")
    child.expect(pexpect.EOF)
    assert json.loads(out.read_text())["fields"] == {"site": "Northside Community Centre 25"}


def test_a_typed_list_says_p_and_w_need_enter(tmp_path: Path) -> None:
    """Ten or more choices are typed: p and w are typed and confirmed with Enter as well."""
    long = load_questionnaire(_questionnaire(tmp_path, 12))
    screen = screens.respondent_field(Session(long, form="staff").begin())
    assert "p then Enter for prefer not to say" in screen.keys
    text = screens.field_help(long.respondent_fields[0])
    assert "type p and press Enter if you prefer not to say" in text
    assert "type w and press Enter" in text
    short = load_questionnaire(_questionnaire(tmp_path, 9))
    assert "p for prefer not to say" in screens.respondent_field(
        Session(short, form="staff").begin()).keys
    assert "press w." in screens.field_help(short.respondent_fields[0])
