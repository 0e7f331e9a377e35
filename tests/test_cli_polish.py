"""Command-line polish from issue 17 (points 8 and 9): NO_COLOR and TERM=dumb honoured fully,
counts in words that agree, full column headings, -q inferred from tila JSON files."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tila.administer.session import Session
from tila.administer.store import Meta, SessionFile
from tila.questionnaire.parse import load_questionnaire

pexpect = pytest.importorskip("pexpect")
REPO = Path(__file__).resolve().parents[1]
SAMPLE = REPO / "questionnaires" / "samples" / "sample-org.csv"


def _env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "SOURCE_DATE_EPOCH")}
    env.update(PYTHONPATH=str(REPO / "src"), TERM="xterm-256color", COLUMNS="100")
    env.update(extra)
    return env


def _in_terminal(args: list[str], cwd: Path, **extra: str) -> str:
    child = pexpect.spawn(sys.executable, ["-m", "tila", *args], cwd=str(cwd), env=_env(**extra),
                          dimensions=(50, 100), encoding="utf-8", timeout=60)
    child.logfile_read = io.StringIO()
    child.expect(pexpect.EOF)
    child.close()
    return str(child.logfile_read.getvalue())


def _run(args: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "tila", *args], cwd=cwd, env=_env(),
                          stdin=subprocess.DEVNULL, capture_output=True, text=True, timeout=60)


def _finished(path: Path, qid: str = "tila-starter") -> Path:
    q = load_questionnaire(qid)
    s = Session(q).begin()
    while s.phase == "fields":
        s = s.answer_field(None)
    while s.phase == "items":
        s = s.answer(3)
    SessionFile(path, Meta("R-0000000" + path.stem[-1], qid, "2026-01-01T00:00:00Z")).finish(
        s.review().submit(), {"SOURCE_DATE_EPOCH": "0"})
    return path


@pytest.mark.skipif(sys.platform == "win32", reason="needs a POSIX terminal")
@pytest.mark.parametrize("env", [{"NO_COLOR": "1"}, {"TERM": "dumb"}])
def test_no_color_and_dumb_terminals_get_no_escape_sequences(tmp_path: Path,
                                                             env: dict[str, str]) -> None:
    text = _in_terminal(["score", str(SAMPLE), "-q", "tila-org", "--by", "role"], tmp_path,
                        **env)
    assert "Overall index" in text
    assert "\x1b" not in text


@pytest.mark.skipif(sys.platform == "win32", reason="needs a POSIX terminal")
def test_a_colour_terminal_still_gets_styles(tmp_path: Path) -> None:
    assert "\x1b[" in _in_terminal(["score", str(SAMPLE), "-q", "tila-org"], tmp_path)


def test_one_respondent_is_not_respondents_and_culture_is_spelled_out(tmp_path: Path) -> None:
    one = _finished(tmp_path / "r1.json")
    done = _run(["score", str(one), "-q", "tila-starter"], tmp_path)
    assert done.returncode == 0, done.stderr
    assert "1 respondent\n" in done.stdout or "1 respondent " in done.stdout
    assert "1 respondents" not in done.stdout
    grouped = _run(["score", str(SAMPLE), "-q", "tila-org", "--by", "role"], tmp_path)
    assert "Culture" in grouped.stdout
    assert "Cultur " not in grouped.stdout
    assert "Culture = cultural, historical and gender issues" in grouped.stdout.replace(
        "\n", " ")
    json.loads(one.read_text())  # the response file itself is untouched JSON


def test_score_infers_the_questionnaire_from_tila_json_files_and_folders(tmp_path: Path) -> None:
    folder = tmp_path / "interviews"
    folder.mkdir()
    _finished(folder / "r1.json")
    _finished(folder / "r2.json")
    done = _run(["score", str(folder)], tmp_path)
    assert done.returncode == 0, done.stderr
    assert "Questionnaire tila-starter (named in the response files)" in done.stderr
    assert "2 respondents" in done.stdout
    single = _run(["score", str(folder / "r1.json")], tmp_path)
    assert single.returncode == 0, single.stderr


def test_score_asks_for_q_when_it_cannot_be_inferred(tmp_path: Path) -> None:
    _finished(tmp_path / "r1.json", "tila-starter")
    _finished(tmp_path / "r2.json", "tila-pulse")
    qualtrics = REPO / "questionnaires" / "samples" / "sample-org-qualtrics.csv"
    for args in ([str(tmp_path / "r1.json"), str(tmp_path / "r2.json")], [str(qualtrics)]):
        done = _run(["score", *args], tmp_path)
        assert done.returncode == 2
        assert "give the questionnaire with -q" in done.stderr


def test_a_folder_without_json_names_the_files_it_holds(tmp_path: Path) -> None:
    folder = tmp_path / "exports"
    folder.mkdir()
    (folder / "wave1.csv").write_text(SAMPLE.read_text())
    done = _run(["score", str(folder), "-q", "tila-org"], tmp_path)
    assert done.returncode == 1
    assert "is a folder with no tila JSON responses" in done.stderr
    assert str(folder / "*.csv") in done.stderr


def test_shell_completion_is_offered_and_completes_commands_and_options(tmp_path: Path) -> None:
    # Which shell is asked for is named, not detected: detection reads the process tree, which
    # under a test runner started by a script holds no shell (then typer prints "Shell  not
    # supported"); the setting below is typer's own switch for taking the name as given.
    script = subprocess.run([sys.executable, "-m", "tila", "--show-completion", "bash"],
                            cwd=tmp_path, capture_output=True, text=True, timeout=60,
                            env=_env(_TYPER_COMPLETE_TEST_DISABLE_SHELL_DETECTION="1"),
                            stdin=subprocess.DEVNULL)
    assert script.returncode == 0
    assert "complete -o default -F _tila_completion tila" in script.stdout
    for words, cword, expected in (("tila sc", "1", "score"),
                                   ("tila administer --pl", "2", "--plain")):
        done = subprocess.run([sys.executable, "-m", "tila"], cwd=tmp_path, capture_output=True,
                              text=True, timeout=60,
                              env=_env(_TILA_COMPLETE="complete_bash", COMP_WORDS=words,
                                       COMP_CWORD=cword))
        assert expected in done.stdout.split()
    assert "--install-completion" in _run(["-h"], tmp_path).stdout


def test_workbook_with_several_sheets_names_the_one_read(tmp_path: Path) -> None:
    import csv
    import zipfile

    xlsxwriter = pytest.importorskip("xlsxwriter")
    rows = list(csv.reader((REPO / "questionnaires" / "samples" / "pulse-baseline.csv")
                           .read_text(encoding="utf-8-sig").splitlines()))
    book_path = tmp_path / "pulse.xlsx"
    book = xlsxwriter.Workbook(str(book_path))
    sheet = book.add_worksheet("Responses")
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            sheet.write(r, c, value)
    book.add_worksheet("Notes").write(0, 0, "not responses")
    book.close()
    done = _run(["score", str(book_path), "-q", "tila-pulse"], tmp_path)
    assert done.returncode == 0, done.stderr
    assert "the workbook has 2 sheets; read the first, 'Responses', and not 'Notes'" in \
        " ".join(done.stderr.split())

    broken = tmp_path / "broken.xlsx"
    with zipfile.ZipFile(broken, "w") as archive:  # a zip, but not a workbook
        archive.writestr("hello.txt", "not a spreadsheet")
    done = _run(["score", str(broken), "-q", "tila-pulse"], tmp_path)
    assert done.returncode == 1
    assert "damaged, incomplete or password-protected" in " ".join(done.stderr.split())
    assert "Error" not in done.stderr  # no library exception names (CalamineError)


@pytest.mark.parametrize("command", ["score", "report", "demo", "import", "validate", "schema",
                                     "questionnaires", "show", "administer", "deploy"])
def test_every_command_shows_an_example(cli, command: str) -> None:
    run = cli(command, "--help")
    assert run.exit_code == 0
    assert "Example" in run.stdout
    assert f"tila {command}" in run.stdout
