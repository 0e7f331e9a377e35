"""Defect 14 of issue 16: each problem about a cell quotes that cell. One message built from a
column's first bad cell used to be attached to every bad row ("row 10 ... 'Yesss' is not an
answer" when row 10 held 'Nope')."""

from __future__ import annotations

from pathlib import Path

import pytest

from tila.errors import ResponseError
from tila.questionnaire.parse import load_questionnaire
from tila.responses.readers import read_responses

from .conftest import DATA


def _with_cells(tmp_path: Path, cells: dict[int, str]) -> Path:
    """mini.csv with item s1 of the given data rows (1-based) replaced."""
    lines = (DATA / "mini.csv").read_text().splitlines()
    for row, value in cells.items():
        parts = lines[row].split(",")
        parts[3] = value  # s1
        lines[row] = ",".join(parts)
    path = tmp_path / "cells.csv"
    path.write_text("\n".join(lines) + "\n")
    return path


def _messages(path: Path) -> dict[int | None, str]:
    with pytest.raises(ResponseError) as caught:
        read_responses(path, load_questionnaire(DATA / "mini.yaml"))
    return {p.location.row: p.message for p in caught.value.problems
            if p.location.field == "s1"}


def test_each_unknown_label_message_quotes_its_own_cell(tmp_path):
    found = _messages(_with_cells(tmp_path, {1: "Yesss", 3: "Nope"}))
    assert found[2] == "'Yesss' is not an answer on the scale of item 's1'"
    assert found[4] == "'Nope' is not an answer on the scale of item 's1'"


def test_each_out_of_range_message_quotes_its_own_value(tmp_path):
    found = _messages(_with_cells(tmp_path, {1: "7", 2: "Nope", 3: "9"}))
    assert found[2] == "value 7 is outside the scale of item 's1'"
    assert found[4] == "value 9 is outside the scale of item 's1'"


def test_import_summary_counts_every_invalid_cell(cli, tmp_path):
    import csv

    source = DATA / "platforms" / "google_forms.csv"
    rows = list(csv.reader(source.open(encoding="utf-8-sig")))
    header, body = rows[0], rows[1:]
    many = []
    for n in range(30):  # 30 rows whose first item holds a word that is no answer
        row = list(body[n % len(body)])
        row[1] = f"person{n}@example.org"
        row[2] = f"Nope{n}"
        many.append(row)
    path = tmp_path / "export.csv"
    with path.open("w", newline="", encoding="utf-8") as fh:
        csv.writer(fh).writerows([header, *many])
    run = cli("import", str(path), "-q", "tila-starter", "-o", str(tmp_path / "out.csv"))
    assert run.exit_code == 0, run.stderr
    assert "30 invalid cells, the first 20 listed above" in run.stderr
    assert "'Nope0' is not an answer" in run.stderr
    assert "'Nope19' is not an answer" in run.stderr
