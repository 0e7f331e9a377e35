"""Defect 15 of issue 16: several exports without respondent ids can be combined (the ids tila
makes up for their rows name the file), and a real duplicate names both files."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tila.errors import ResponseError
from tila.questionnaire.parse import load_questionnaire
from tila.responses.readers import read_responses

from .conftest import DATA

GOOGLE = DATA / "platforms" / "google_forms.csv"


def test_two_exports_without_ids_combine_with_file_qualified_ids(tmp_path: Path):
    first, second = tmp_path / "wave1.csv", tmp_path / "wave2.csv"
    shutil.copy(GOOGLE, first)
    shutil.copy(GOOGLE, second)
    q = load_questionnaire("tila-starter")
    single = read_responses(first, q)
    both = read_responses([first, second], q)
    assert both.n_respondents == 2 * single.n_respondents
    ids = list(both.respondent_ids)
    assert len(set(ids)) == len(ids)
    assert ids[0] == "wave1.csv:" + str(single.respondent_ids[0])
    assert ids[-1] == "wave2.csv:" + str(single.respondent_ids[-1])


def test_a_single_export_keeps_plain_row_ids():
    table = read_responses(GOOGLE, load_questionnaire("tila-starter"))
    assert str(table.respondent_ids[0]).startswith("row-")


def test_same_file_names_in_two_folders_still_get_distinct_ids(tmp_path: Path):
    paths = []
    for wave in ("a", "b"):
        (tmp_path / wave).mkdir()
        paths.append(tmp_path / wave / "export.csv")
        shutil.copy(GOOGLE, paths[-1])
    ids = list(read_responses(paths, load_questionnaire("tila-starter")).respondent_ids)
    assert len(set(ids)) == len(ids)


def test_a_real_duplicate_id_names_both_files(tmp_path: Path):
    first, second = tmp_path / "one.csv", tmp_path / "two.csv"
    shutil.copy(DATA / "mini.csv", first)
    shutil.copy(DATA / "mini.csv", second)
    with pytest.raises(ResponseError) as caught:
        read_responses([first, second], load_questionnaire(DATA / "mini.yaml"))
    messages = [p.message for p in caught.value.problems]
    assert f"respondent id 'R1' appears in {first} and {second}" in messages
