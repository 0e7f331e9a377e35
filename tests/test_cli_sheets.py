"""Workbooks with several sheets (issue 17, point 9): the sheet read is named on stderr, --sheet
chooses another by name or number for score, report and import (native tables and platform
exports alike), and a sheet that is not there is an error listing the sheets."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

xlsxwriter = pytest.importorskip("xlsxwriter")
REPO = Path(__file__).resolve().parents[1]
SAMPLES = REPO / "questionnaires" / "samples"


def _words(text: str) -> str:
    return " ".join(text.split())


def _book(path: Path, sheets: list[tuple[str, Path | None]]) -> Path:
    """A workbook whose sheets hold these CSV files (None: a sheet of notes)."""
    book = xlsxwriter.Workbook(str(path))
    for name, source in sheets:
        sheet = book.add_worksheet(name)
        if source is None:
            sheet.write(0, 0, "Collected in March; see the cover letter")
            continue
        rows = list(csv.reader(source.read_text(encoding="utf-8-sig").splitlines()))
        for r, row in enumerate(rows):
            for c, value in enumerate(row):
                sheet.write_string(r, c, value)
    book.close()
    return path


@pytest.fixture
def notes_first(tmp_path: Path) -> Path:
    return _book(tmp_path / "wave.xlsx", [("Notes", None), ("Responses", SAMPLES /
                                                               "pulse-baseline.csv"),
                                          ("Later", SAMPLES / "pulse-6months.csv")])


def test_the_first_sheet_is_named_and_the_others_listed(cli, notes_first: Path) -> None:
    run = cli("score", str(notes_first), "-q", "tila-pulse")
    assert run.exit_code == 1  # the notes are not responses
    text = _words(run.stderr)
    assert "the workbook has 3 sheets; read the first, 'Notes', and not 'Responses', 'Later'" \
        in text
    assert "--sheet NAME or --sheet N" in text


@pytest.mark.parametrize("sheet", ["Responses", "responses", "2"])
def test_sheet_by_name_or_number(cli, notes_first: Path, sheet: str) -> None:
    run = cli("score", str(notes_first), "-q", "tila-pulse", "--sheet", sheet, "-f", "json")
    assert run.exit_code == 0, run.stderr
    assert f"Read sheet 2 of 3, 'Responses', of {notes_first}" in _words(run.stderr)
    assert "read the first" not in run.stderr
    from_csv = cli("score", str(SAMPLES / "pulse-baseline.csv"), "-q", "tila-pulse", "-f",
                   "json")
    assert run.stdout.replace(str(notes_first), "X") == \
        from_csv.stdout.replace(str(SAMPLES / "pulse-baseline.csv"), "X")


def test_another_sheet_gives_other_answers(cli, notes_first: Path) -> None:
    second = cli("score", str(notes_first), "-q", "tila-pulse", "--sheet", "2", "-f", "json")
    third = cli("score", str(notes_first), "-q", "tila-pulse", "--sheet", "Later", "-f", "json")
    assert second.exit_code == third.exit_code == 0
    assert second.stdout != third.stdout


@pytest.mark.parametrize("sheet", ["Answers", "4", "0"])
def test_a_missing_sheet_lists_the_sheets(cli, notes_first: Path, sheet: str) -> None:
    run = cli("score", str(notes_first), "-q", "tila-pulse", "--sheet", sheet)
    assert run.exit_code == 1
    text = _words(run.stderr)
    assert f"the workbook has no sheet '{sheet}'; its sheets are 1. 'Notes', 2. 'Responses', " \
           "3. 'Later'" in text
    assert "a number from 1 to 3" in text
    assert run.stdout == ""


def test_sheet_chooses_for_inferring_the_questionnaire_too(cli, notes_first: Path) -> None:
    run = cli("score", str(notes_first), "--sheet", "Responses")
    assert run.exit_code == 0, run.stderr
    assert "Scoring with tila-pulse (its columns match)" in _words(run.stderr)


def test_sheet_without_a_workbook_is_a_usage_error(cli) -> None:
    run = cli("score", str(SAMPLES / "pulse-baseline.csv"), "-q", "tila-pulse", "--sheet", "2")
    assert run.exit_code == 2
    assert "--sheet chooses a sheet of an .xlsx workbook, and none of the inputs is one" in \
        _words(run.stderr)


def test_import_and_platform_exports_honour_sheet(cli, tmp_path: Path) -> None:
    # A Qualtrics export saved as a workbook behind a sheet of notes: read by the Qualtrics
    # adapter (rawtable), not the native reader.
    book = _book(tmp_path / "qualtrics.xlsx", [("About", None),
                                               ("Export", SAMPLES / "sample-org-qualtrics.csv")])
    out = tmp_path / "native.csv"
    run = cli("import", str(book), "-q", "tila-org", "--sheet", "Export", "-o", str(out))
    assert run.exit_code == 0, run.stderr
    assert "Detected Qualtrics export" in run.stderr
    assert "Read sheet 2 of 2, 'Export'" in _words(run.stderr)
    from_csv = cli("import", str(SAMPLES / "sample-org-qualtrics.csv"), "-q", "tila-org")
    assert out.read_text(encoding="utf-8") == from_csv.stdout
    unchosen = cli("import", str(book), "-q", "tila-org", "-o", str(tmp_path / "x.csv"))
    assert unchosen.exit_code == 1
    assert "read the first, 'About', and not 'Export'" in _words(unchosen.stderr)


def test_report_takes_sheet(cli, notes_first: Path, tmp_path: Path) -> None:
    out = tmp_path / "r.html"
    run = cli("report", str(notes_first), "-q", "tila-pulse", "--sheet", "Responses",
              "--baseline", str(notes_first), "-o", str(out))
    assert run.exit_code == 0, run.stderr
    assert out.is_file()
