"""Defect 7 of issue 16: a malformed row is named (its line), and a file where many rows have
no answers at all says so loudly instead of exiting 0 in silence."""

from __future__ import annotations

from pathlib import Path

from .conftest import DATA

MINI = str(DATA / "mini.yaml")
HEADER = "respondent_id,role,site,s1,s2,s3,t1,t2,x1\n"


def _write(tmp_path: Path, body: str) -> Path:
    path = tmp_path / "rows.csv"
    path.write_text(HEADER + body)
    return path


def test_a_row_with_extra_cells_is_named(cli, tmp_path):
    path = _write(tmp_path, "R1,A,North,5,4,2,4,4,5\nR2,A,North,4,3,3,3,2,4,9,9\n"
                            "R3,B,South,2,2,4,2,1,1\n")
    run = cli("score", str(path), "-q", MINI)
    assert run.exit_code == 1
    assert f"{path}:3: error: the file is not a well-formed table: the record starting on " \
           "line 3 has 11 cells where the header has 9" in run.stderr


def test_an_unclosed_quote_is_named(cli, tmp_path):
    path = _write(tmp_path, 'R1,A,North,5,4,2,4,4,5\nR2,"A,North,4,3,3,3,2,4\n'
                            "R3,B,South,2,2,4,2,1,1\n")
    run = cli("score", str(path), "-q", MINI)
    assert run.exit_code == 1
    assert "a quote on line 3 is not closed" in run.stderr


def test_many_rows_without_answers_is_a_loud_warning(cli, tmp_path):
    rows = []
    for n in range(1, 21):  # every other row written with ';' by another program
        sep = "," if n % 2 else ";"
        rows.append(sep.join([f"R{n}", "A", "North", "4", "3", "3", "3", "2", "4"]))
    path = _write(tmp_path, "\n".join(rows) + "\n")
    run = cli("score", str(path), "-q", MINI, "-f", "json")
    assert run.exit_code == 0, run.stderr
    assert "10 of 20 rows (50%) have no answers at all" in run.stderr


def test_a_few_empty_rows_are_not_alarming(cli):
    run = cli("score", str(DATA / "mini.csv"), "-q", MINI, "-f", "json")  # 1 of 6 empty
    assert run.exit_code == 0
    assert "have no answers at all" not in run.stderr
