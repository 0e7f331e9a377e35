"""Defect 1 of issue 16: no command ever writes over one of its own inputs, or one output over
another, whatever path spelling, symlink or hard link names the same file. The refusal comes
before anything is read, exits 2 and names both paths."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from .conftest import DATA

MINI = str(DATA / "mini.yaml")


@pytest.fixture
def data(tmp_path: Path) -> Path:
    path = tmp_path / "in.csv"
    shutil.copy(DATA / "mini.csv", path)
    return path


def _unchanged(path: Path, before: bytes) -> None:
    assert path.read_bytes() == before, "the input was overwritten"


def test_score_refuses_output_equal_to_input(cli, data):
    before = data.read_bytes()
    run = cli("score", str(data), "-q", MINI, "-f", "csv", "-o", str(data))
    assert run.exit_code == 2, run.stderr
    assert f"the output {data} (-o) is the same file as the input {data}" in run.stderr
    _unchanged(data, before)


def test_score_refuses_output_through_a_symlink(cli, data, tmp_path):
    link = tmp_path / "link.csv"
    link.symlink_to(data)
    before = data.read_bytes()
    run = cli("score", str(data), "-q", MINI, "-f", "csv", "-o", str(link))
    assert run.exit_code == 2
    assert str(link) in run.stderr
    assert str(data) in run.stderr
    _unchanged(data, before)


def test_score_refuses_output_that_is_a_hard_link_to_the_input(cli, data, tmp_path):
    hard = tmp_path / "hard.csv"
    os.link(data, hard)
    before = data.read_bytes()
    run = cli("score", str(data), "-q", MINI, "-f", "csv", "-o", str(hard))
    assert run.exit_code == 2
    _unchanged(data, before)


def test_score_refuses_another_spelling_of_the_input(cli, data, tmp_path):
    spelled = tmp_path / "sub" / ".." / "in.csv"
    (tmp_path / "sub").mkdir()
    run = cli("score", str(data), "-q", MINI, "-f", "csv", "-o", str(spelled))
    assert run.exit_code == 2


def test_score_refuses_output_over_the_questionnaire(cli, data, tmp_path):
    q = tmp_path / "q.yaml"
    shutil.copy(MINI, q)
    before = q.read_bytes()
    run = cli("score", str(data), "-q", str(q), "-f", "csv", "-o", str(q))
    assert run.exit_code == 2
    assert "(-q)" in run.stderr
    _unchanged(q, before)


def test_import_refuses_write_map_over_the_export(cli, data):
    before = data.read_bytes()
    run = cli("import", str(data), "-q", MINI, "--write-map", str(data))
    assert run.exit_code == 2
    assert "(--write-map)" in run.stderr
    assert "(EXPORT)" in run.stderr
    _unchanged(data, before)


def test_import_refuses_output_equal_to_export(cli, data):
    before = data.read_bytes()
    run = cli("import", str(data), "-q", MINI, "-o", str(data))
    assert run.exit_code == 2
    _unchanged(data, before)


def test_import_refuses_write_map_equal_to_output(cli, data, tmp_path):
    out = tmp_path / "out.csv"
    run = cli("import", str(data), "-q", MINI, "-o", str(out), "--write-map", str(out))
    assert run.exit_code == 2
    assert "one would replace the other" in run.stderr
    assert not out.exists()


def test_import_refuses_write_map_over_the_map_it_reads(cli, data, tmp_path):
    mapping = tmp_path / "map.yaml"
    mapping.write_text("source: csv\n")
    before = mapping.read_bytes()
    run = cli("import", str(data), "-q", MINI, "--map", str(mapping), "--write-map",
              str(mapping))
    assert run.exit_code == 2
    _unchanged(mapping, before)


def test_report_refuses_output_equal_to_input(cli, data):
    before = data.read_bytes()
    run = cli("report", str(data), "-q", MINI, "-f", "html", "-o", str(data))
    assert run.exit_code == 2
    _unchanged(data, before)


def test_report_refuses_plan_csv_equal_to_output(cli, data, tmp_path):
    out = tmp_path / "r.html"
    run = cli("report", str(data), "-q", MINI, "-o", str(out), "--plan-csv", str(out))
    assert run.exit_code == 2
    assert "(--plan-csv)" in run.stderr
    assert "(-o)" in run.stderr
    assert not out.exists()


def test_report_refuses_output_over_a_baseline(cli, data, tmp_path):
    base = tmp_path / "base.csv"
    shutil.copy(data, base)
    before = base.read_bytes()
    run = cli("report", str(data), "-q", MINI, "--baseline", str(base), "-f", "html", "-o",
              str(base))
    assert run.exit_code == 2
    assert "(--baseline)" in run.stderr
    _unchanged(base, before)


def test_report_refuses_output_over_a_template(cli, data, tmp_path):
    tpl = tmp_path / "tpl"
    tpl.mkdir()
    (tpl / "report.html.j2").write_text("x")
    run = cli("report", str(data), "-q", MINI, "--templates", str(tpl), "-o",
              str(tpl / "report.html.j2"), "-f", "html")
    assert run.exit_code == 2
    assert (tpl / "report.html.j2").read_text() == "x"


def test_administer_refuses_output_over_its_answers_file(cli, tmp_path):
    answers = tmp_path / "a.json"
    answers.write_text("{}")
    run = cli("administer", MINI, "--answers", str(answers), "-o", str(answers), "--force")
    assert run.exit_code == 2
    assert answers.read_text() == "{}"


def test_distinct_outputs_are_still_written(cli, data, tmp_path):
    out = tmp_path / "s.csv"
    run = cli("score", str(data), "-q", MINI, "-f", "csv", "-o", str(out))
    assert run.exit_code == 0, run.stderr
    assert out.read_text().startswith("group_field,group_value,level,")
