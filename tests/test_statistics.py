"""Statistics helpers against published table values and hand calculations."""

from __future__ import annotations

import math

import numpy as np
import pytest

from tila.statistics import cronbach, describe, suppress_small_groups, t_quantile


@pytest.mark.parametrize(
    ("df", "expected"),
    [  # two-sided 95% critical values of Student's t, from standard tables
        (1, 12.7062047), (2, 4.3026527), (3, 3.1824463), (5, 2.5705818), (10, 2.2281389),
        (30, 2.0422725), (100, 1.9839715), (1000, 1.9623391),
    ],
)
def test_t_quantile_matches_tables(df, expected):
    assert t_quantile(0.975, df) == pytest.approx(expected, abs=1e-6)


def test_describe_ignores_missing_values_per_column():
    x = np.array([[1.0, np.nan], [2.0, 4.0], [3.0, np.nan], [np.nan, np.nan]])
    d = describe(x)
    assert list(d.n) == [3, 1]
    assert d.mean[0] == pytest.approx(2.0)
    assert d.sd[0] == pytest.approx(1.0)
    assert d.median[1] == 4.0
    assert math.isnan(d.sd[1])  # one value has no spread
    assert d.ci_low[0] == pytest.approx(2.0 - 4.3026527 * 1.0 / math.sqrt(3), abs=1e-6)


def test_alpha_is_one_for_parallel_items_and_none_without_variance():
    x = np.array([[1.0, 1.0], [2.0, 2.0], [4.0, 4.0]])
    assert cronbach(x).alpha == pytest.approx(1.0)
    assert cronbach(np.ones((4, 3))).alpha is None


def test_item_rest_correlation_by_hand():
    x = np.array([[1.0, 2.0, 3.0], [2.0, 2.0, 4.0], [3.0, 5.0, 4.0], [4.0, 4.0, 5.0]])
    rest0 = x[:, 1] + x[:, 2]
    expected = np.corrcoef(x[:, 0], rest0)[0, 1]
    assert cronbach(x).item_rest[0] == pytest.approx(expected)


def test_suppression_hides_small_groups():
    assert suppress_small_groups({"a": 10, "b": 3, "c": 2}, 5) == {
        "b": "small-group", "c": "small-group"}


def test_suppression_hides_the_next_smallest_when_only_one_is_small():
    hidden = suppress_small_groups({"a": 10, "b": 3, "c": 6, "d": 8}, 5)
    assert hidden == {"b": "small-group", "c": "complementary"}


def test_pooled_small_groups_cannot_be_recovered_together():
    # 2 + 1 hidden people would be one pool of 3 by subtraction: the next smallest goes too.
    hidden = suppress_small_groups({"a": 10, "b": 2, "c": 1, "d": 7}, 5)
    assert hidden == {"b": "small-group", "c": "small-group", "d": "complementary"}


def test_people_who_did_not_say_are_a_hidden_cell_of_their_own():
    # The 5 + 5 + 1 layout of the reported leak: the one person who preferred not to say
    # would be the organization total minus both groups, so one group must be hidden.
    assert suppress_small_groups({"a": 5, "b": 5}, 5, unstated=1) == {"a": "complementary"}
    assert suppress_small_groups({"a": 5, "b": 5}, 5, unstated=5) == {}
    # Nobody to protect them with: everything is hidden, and that is all that can be done.
    assert suppress_small_groups({"a": 6}, 5, unstated=2) == {"a": "complementary"}


def test_nothing_is_hidden_when_every_group_is_large_enough():
    assert suppress_small_groups({"a": 5, "b": 9}, 5) == {}


def test_describe_of_constant_and_single_values():
    d = describe(np.array([[7.5, 3.0], [7.5, np.nan], [7.5, np.nan]]))
    assert list(d.median) == [7.5, 3.0]
    assert d.sd[0] == 0.0
    assert math.isnan(d.sd[1])
