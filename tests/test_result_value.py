"""A ScoreResult is a value: it pickles, round-trips, and keeps no hold on the responses."""

from __future__ import annotations

import gc
import json
import pickle
import weakref

import numpy as np
import pytest

from tila import load_questionnaire, read_responses, score
from tila.paths import questionnaires_dir
from tila.scoring.engine import score_respondents
from tila.scoring.serialize import respondent_csv, result_dict

from .conftest import DATA

SAMPLE = questionnaires_dir() / "samples" / "sample-org.csv"


@pytest.mark.parametrize("per_respondent", [False, True])
def test_a_result_pickles_and_round_trips(per_respondent: bool) -> None:
    q = load_questionnaire("tila-org")
    result = score(q, read_responses(SAMPLE, q), by=["role", "site"],
                   per_respondent=per_respondent)
    back = pickle.loads(pickle.dumps(result))
    assert json.dumps(result_dict(back, per_respondent=per_respondent)) == \
        json.dumps(result_dict(result, per_respondent=per_respondent))
    assert back.comments == result.comments
    assert back.notes == result.notes
    if per_respondent:
        assert respondent_csv(back) == respondent_csv(result)


@pytest.mark.parametrize("per_respondent", [False, True])
def test_the_responses_can_be_freed_once_score_returns(per_respondent: bool) -> None:
    q = load_questionnaire("tila-org")
    table = read_responses(SAMPLE, q)
    gone = weakref.ref(table)
    result = score(q, table, by=["role", "site"], per_respondent=per_respondent)
    del table
    gc.collect()
    assert gone() is None
    assert result.respondents > 0  # the result itself is intact


def test_per_respondent_scores_are_made_only_when_asked() -> None:
    q = load_questionnaire("tila-org")
    table = read_responses(SAMPLE, q)
    assert score(q, table).per_respondent is None
    with pytest.raises(ValueError, match="per_respondent=True"):
        respondent_csv(score(q, table))


def test_score_respondents_equals_the_scores_of_a_full_result() -> None:
    q = load_questionnaire(DATA / "mini.yaml")
    table = read_responses(DATA / "mini.csv", q)
    full = score(q, table, by=["role"], per_respondent=True).per_respondent
    alone = score_respondents(q, table)
    assert full is not None
    assert list(alone.ids) == list(full.ids)
    assert alone.principle_ids == full.principle_ids
    assert alone.domain_ids == full.domain_ids
    np.testing.assert_array_equal(alone.scores, full.scores)
    np.testing.assert_array_equal(alone.answered, full.answered)
    np.testing.assert_array_equal(alone.excluded_code, full.excluded_code)
    assert alone.excluded_code.any()  # mini.csv has people with too few answers
