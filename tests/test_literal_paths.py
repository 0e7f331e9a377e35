"""Defect 2 of issue 16: a path that exists is read as that file, never as a pattern (a folder
named ``wave[1]`` once silently scored its sibling ``wave1``); a pattern is expanded only when no
such file exists, and stderr says what it matched."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import polars as pl

from tila.questionnaire.parse import load_questionnaire
from tila.responses.readers import read_responses

from .conftest import DATA

MINI = str(DATA / "mini.yaml")


def _lookalikes(tmp_path: Path, suffix: str = ".csv") -> tuple[Path, Path]:
    """``wave[1]/r`` with all six respondents and ``wave1/r`` (what the pattern matches) with
    only the first two."""
    (tmp_path / "wave[1]").mkdir()
    (tmp_path / "wave1").mkdir()
    frame = pl.read_csv(DATA / "mini.csv", infer_schema=False)
    real, sibling = tmp_path / "wave[1]" / f"r{suffix}", tmp_path / "wave1" / f"r{suffix}"
    if suffix == ".parquet":
        frame.write_parquet(real)
        frame.head(2).write_parquet(sibling)
    else:
        shutil.copy(DATA / "mini.csv", real)
        frame.head(2).write_csv(sibling)
    return real, sibling


def test_score_reads_a_bracketed_path_literally(cli, tmp_path):
    real, _ = _lookalikes(tmp_path)
    run = cli("score", str(real), "-q", MINI, "-f", "json")
    assert run.exit_code == 0, run.stderr
    doc = json.loads(run.stdout)
    assert doc["respondents"] + doc["excluded"]["count"] == 6
    assert "Expanded" not in run.stderr


def test_library_reads_bracketed_csv_and_parquet_literally(tmp_path):
    q = load_questionnaire(MINI)
    real, _ = _lookalikes(tmp_path)
    assert read_responses(real, q).n_respondents == 6
    other = tmp_path / "p"
    other.mkdir()
    real_pq, _ = _lookalikes(other, ".parquet")
    assert read_responses(real_pq, q).n_respondents == 6


def test_a_pattern_that_is_no_file_is_expanded_and_said(cli, tmp_path):
    folder = tmp_path / "waves"
    folder.mkdir()
    frame = pl.read_csv(DATA / "mini.csv", infer_schema=False)
    frame.write_csv(folder / "a.csv")
    frame.with_columns(pl.col("respondent_id") + "b").write_csv(folder / "b.csv")
    run = cli("score", str(folder / "*.csv"), "-q", MINI, "-f", "json")
    assert run.exit_code == 0, run.stderr
    assert f"Expanded {folder / '*.csv'} to 2 file(s)" in run.stderr
    doc = json.loads(run.stdout)
    assert doc["respondents"] + doc["excluded"]["count"] == 12


def test_a_pattern_matching_nothing_is_reported_as_missing(cli, tmp_path):
    run = cli("score", str(tmp_path / "nothing*.csv"), "-q", MINI)
    assert run.exit_code == 1
    assert "no such file" in run.stderr
