"""Defect 5 of issue 16: data shown in a terminal is shown, never obeyed. Rich markup in a group
value or file name is printed literally (``[/]`` once crashed ``score -f table`` with exit 3,
``[bold red]`` styled it), and control characters (clear screen, set the window title, bell)
are printed as visible escapes."""

from __future__ import annotations

import csv
from pathlib import Path

from .conftest import DATA

MINI = str(DATA / "mini.yaml")
HOSTILE = ["[/]", "[bold red]x", "\x1b[2J\x1b]0;pwned\x07"]


def _hostile_sites(tmp_path: Path) -> Path:
    rows = list(csv.DictReader((DATA / "mini.csv").open()))
    for n, row in enumerate(rows):
        row["site"] = HOSTILE[n % 3]
    path = tmp_path / "hostile.csv"
    with path.open("w", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    return path


def test_markup_and_escapes_in_group_values_are_shown_literally(cli, tmp_path):
    run = cli("score", str(_hostile_sites(tmp_path)), "-q", MINI, "--by", "site",
              "--min-group-size", "1", "-f", "table")
    assert run.exit_code == 0, run.stderr
    assert "[/]" in run.stdout
    assert "[bold red]x" in run.stdout
    assert "\\x1b[2J\\x1b]0;pwned\\x07" in run.stdout
    for raw in ("\x1b", "\x07"):
        assert raw not in run.stdout
        assert raw not in run.stderr


def test_table_written_to_a_file_is_escaped_too(cli, tmp_path):
    out = tmp_path / "t.txt"
    run = cli("score", str(_hostile_sites(tmp_path)), "-q", MINI, "--by", "site",
              "--min-group-size", "1", "-f", "table", "-o", str(out))
    assert run.exit_code == 0, run.stderr
    text = out.read_text()
    assert "[bold red]x" in text
    assert "\x1b" not in text


def test_output_path_with_markup_is_written_and_named(cli, tmp_path):
    folder = tmp_path / "out[" / "x]"  # the issue's -o 'out[/x]/r.json'
    folder.mkdir(parents=True)
    out = folder / "r.json"
    run = cli("score", str(DATA / "mini.csv"), "-q", MINI, "-o", str(out))
    assert run.exit_code == 0, run.stderr
    assert out.exists()
    assert f"Wrote {out}" in run.stderr


def test_problem_quoting_a_hostile_cell_shows_it_escaped(cli, tmp_path):
    rows = (DATA / "mini.csv").read_text().splitlines()
    rows[1] = rows[1].replace("5,4,2", "\x1b]0;pwned\x07[bold],4,2", 1)
    path = tmp_path / "bad.csv"
    path.write_text("\n".join(rows) + "\n")
    run = cli("score", str(path), "-q", MINI)
    assert "\x1b" not in run.stderr
    assert "\\x1b]0;pwned\\x07[bold]" in run.stderr


def test_file_name_with_control_characters_is_shown_escaped(cli, tmp_path):
    path = tmp_path / "a\x1b[2Jb.csv"
    run = cli("score", str(path), "-q", MINI)
    assert run.exit_code == 1
    assert "\x1b" not in run.stderr
    assert "a\\x1b[2Jb.csv" in run.stderr
