"""Properties of scoring that must hold for any data (hypothesis)."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tila.responses.table import ResponseTable
from tila.scoring.engine import keyed_values, score

from .conftest import DATA


@pytest.fixture(scope="module")
def q():
    from tila import load_questionnaire

    return load_questionnaire(DATA / "mini.yaml")


def answers(k: int = 6, min_rows: int = 1, max_rows: int = 30):
    cell = st.one_of(st.integers(1, 5).map(float), st.just(math.nan))
    return st.lists(st.lists(cell, min_size=k, max_size=k), min_size=min_rows,
                    max_size=max_rows)


def table_of(q, rows) -> ResponseTable:
    values = np.array(rows, dtype=float).reshape(len(rows), len(q.items))
    return ResponseTable.build(item_ids=q.item_ids, values=values,
                               status=np.where(np.isnan(values), 1, 0).astype(np.int8),
                               respondent_ids=np.array([f"r{i}" for i in range(len(rows))],
                                                 dtype=object))


@settings(max_examples=50, deadline=None)
@given(answers())
def test_reverse_keying_twice_is_the_identity(q, rows):
    values = np.array(rows, dtype=float)
    np.testing.assert_array_equal(keyed_values(q, keyed_values(q, values)), values)


@settings(max_examples=50, deadline=None)
@given(answers())
def test_scores_stay_within_bounds(q, rows):
    result = score_or_none(q, rows)
    if result is None:
        return
    pr = result.per_respondent
    for matrix in (pr.principle_scores, pr.domain_scores, pr.overall_score):
        finite = matrix[~np.isnan(matrix)]
        assert ((finite >= 0) & (finite <= 100)).all()
    for s in result.principles.values():
        if s.n == 0:  # nobody answered enough of this principle: no score, not zero
            assert math.isnan(s.score)
            assert s.mean is None
            continue
        assert 0 <= s.score <= 100
        assert 1 <= s.mean <= 5


@settings(max_examples=40, deadline=None)
@given(answers(min_rows=2), st.randoms(use_true_random=False))
def test_respondent_order_does_not_change_aggregates(q, rows, rnd):
    first = score_or_none(q, rows)
    shuffled = list(rows)
    rnd.shuffle(shuffled)
    second = score_or_none(q, shuffled)
    if first is None:
        assert second is None
        return
    for pid, s in first.principles.items():
        t = second.principles[pid]
        assert s.n == t.n
        assert s.score == pytest.approx(t.score, nan_ok=True)
        assert s.median == pytest.approx(t.median, nan_ok=True)
        assert s.sd == pytest.approx(t.sd, nan_ok=True)
        assert (s.alpha is None) == (t.alpha is None)
        if s.alpha is not None:
            assert s.alpha == pytest.approx(t.alpha)


@settings(max_examples=30, deadline=None)
@given(answers(min_rows=1, max_rows=12))
def test_batch_scores_equal_one_at_a_time_scores(q, rows):
    batch = score_or_none(q, rows)
    if batch is None:
        return
    for i, row in enumerate(rows):
        single = score_or_none(q, [row])
        got = batch.per_respondent.principle_scores[i]
        if single is None:
            assert np.isnan(got).all()
        else:
            np.testing.assert_allclose(got, single.per_respondent.principle_scores[0],
                                       equal_nan=True)


def test_blocks_do_not_change_results(q, monkeypatch):
    """Rows are scored in blocks; the block size must not change any number."""
    import tila.scoring.accumulate as accumulate

    rng = np.random.default_rng(7)
    rows = rng.integers(1, 6, size=(100, 6)).astype(float)
    rows[rng.random(rows.shape) < 0.1] = np.nan
    whole = score(q, table_of(q, rows.tolist()), per_respondent=True)
    monkeypatch.setattr(accumulate, "BLOCK", 7)
    blocked = score(q, table_of(q, rows.tolist()), per_respondent=True)
    np.testing.assert_array_equal(whole.per_respondent.principle_scores,
                                  blocked.per_respondent.principle_scores)


def score_or_none(q, rows):
    from tila.errors import ScoringError

    try:
        return score(q, table_of(q, rows), per_respondent=True)
    except ScoringError:
        return None
