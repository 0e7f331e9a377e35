"""Defect 16 of issue 16: blank lines at the end of a file are not respondents (a LimeSurvey
export ending in an empty line reported "dropped 1: unfinished" for it)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tila.questionnaire.parse import load_questionnaire
from tila.responses.readers import read_responses

from .conftest import DATA

LIMESURVEY = DATA / "platforms" / "limesurvey_text.csv"


@pytest.mark.parametrize("tail", [b"\n", b"\r\n\r\n"])
def test_limesurvey_export_with_trailing_blank_lines_reads_the_same(tmp_path: Path, tail):
    q = load_questionnaire("tila-starter")
    plain = read_responses(LIMESURVEY, q).sources[0]
    path = tmp_path / "export.csv"
    path.write_bytes(LIMESURVEY.read_bytes() + tail)
    padded = read_responses(path, q).sources[0]
    assert (padded.rows_read, padded.rows_kept, padded.dropped) == (
        plain.rows_read, plain.rows_kept, plain.dropped)


def test_native_csv_with_trailing_blank_lines_has_no_extra_respondents(tmp_path: Path):
    q = load_questionnaire(DATA / "mini.yaml")
    path = tmp_path / "mini.csv"
    path.write_bytes((DATA / "mini.csv").read_bytes() + b"\n\n")
    table = read_responses(path, q)
    assert list(table.respondent_ids) == ["R1", "R2", "R3", "R4", "R5", "R6"]
