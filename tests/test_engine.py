"""The scoring rules of DESIGN.md "Scoring, exactly", checked against numbers worked out by hand.

tests/data/mini.csv, item order s1 s2 s3(reverse) t1 t2 x1; x1 counts for trustworthiness (1.0)
and safety (0.5). Reverse keying on a 1-5 scale: 6 - value.

    R1: 5 4 2 4 4 5   -> s3 keyed 4
    R2: 4 3 . 3 2 DK  -> safety 2 of 4 items, trust 2 of 3: both reach min_answered 0.5
    R3: 2 2 4 2 1 1   -> s3 keyed 2
    R4: 3 . . . 3 .   -> 2 of 6 answered: excluded (too few answers)
    R5: 5 5 1 5 5 4   -> s3 keyed 5
    R6: nothing       -> excluded (no answers)
"""

from __future__ import annotations

import math

import numpy as np
import pytest

from tila import read_responses, score
from tila.errors import ScoringError

from .conftest import DATA

SAFETY = {  # weighted means: (sum of w*x) / (sum of w over answered items)
    "R1": (5 + 4 + 4 + 0.5 * 5) / 3.5,
    "R2": (4 + 3) / 2,
    "R3": (2 + 2 + 2 + 0.5 * 1) / 3.5,
    "R5": (5 + 5 + 5 + 0.5 * 4) / 3.5,
}
TRUST = {"R1": (4 + 4 + 5) / 3, "R2": (3 + 2) / 2, "R3": (2 + 1 + 1) / 3, "R5": (5 + 5 + 4) / 3}
OVERALL = {"R1": 26 / 6, "R2": 12 / 4, "R3": 10 / 6, "R5": 29 / 6}


def to100(mean: float) -> float:
    return (mean - 1) / 4 * 100


@pytest.fixture
def result(mini):
    return score(mini, read_responses(DATA / "mini.csv", mini), by=["role"], min_group_size=1,
                 per_respondent=True)


def test_respondents_with_too_few_answers_are_excluded_and_counted(result):
    assert result.respondents == 4
    assert result.excluded == {"too-few-answers": 1, "no-answers": 1}


def test_principle_means_follow_weights_reverse_keying_and_missing(result):
    safety, trust = result.principles["safety"], result.principles["trustworthiness"]
    assert safety.n == 4
    assert safety.mean == pytest.approx(sum(SAFETY.values()) / 4)
    assert safety.score == pytest.approx(sum(to100(m) for m in SAFETY.values()) / 4)
    assert trust.mean == pytest.approx(sum(TRUST.values()) / 4)
    assert result.overall.mean == pytest.approx(sum(OVERALL.values()) / 4)


def test_per_respondent_scores_and_exclusions(result):
    pr = result.per_respondent
    ids = list(pr.ids)
    s = pr.principle_ids.index("safety")
    for rid, mean in SAFETY.items():
        assert pr.principle_scores[ids.index(rid), s] == pytest.approx(to100(mean))
        assert pr.principle_means[ids.index(rid), s] == pytest.approx(mean)
    assert np.isnan(pr.principle_scores[ids.index("R4")]).all()
    assert pr.excluded[ids.index("R4")] == "too-few-answers"
    assert pr.excluded[ids.index("R6")] == "no-answers"


def test_spread_median_and_t_interval(result):
    scores = sorted(to100(m) for m in TRUST.values())
    trust = result.principles["trustworthiness"]
    mean = sum(scores) / 4
    sd = math.sqrt(sum((x - mean) ** 2 for x in scores) / 3)
    assert trust.sd == pytest.approx(sd)
    assert trust.median == pytest.approx((scores[1] + scores[2]) / 2)
    half = 3.182446305284263 * sd / 2  # t(0.975, df=3) from tables, times sd / sqrt(4)
    assert trust.ci95[0] == pytest.approx(max(0.0, mean - half))
    assert trust.ci95[1] == pytest.approx(min(100.0, mean + half))


def test_cronbach_alpha_over_complete_cases(mini, monkeypatch):
    # Trust items t1 t2 x1 answered by R1 (4 4 5), R3 (2 1 1), R5 (5 5 4); R2 said "Don't know".
    # Item variances 7/3, 13/3, 13/3; variance of the totals (13, 4, 14) is 91/3.
    # Three people are too few to report alpha (scoring/reliability.py), so the rule is relaxed
    # here to see the number itself.
    monkeypatch.setattr("tila.scoring.reliability.MIN_CASES", 3)
    result = score(mini, read_responses(DATA / "mini.csv", mini), per_respondent=True)
    expected = 3 / 2 * (1 - (7 / 3 + 13 / 3 + 13 / 3) / (91 / 3))
    trust = result.principles["trustworthiness"]
    assert trust.alpha_complete == pytest.approx(expected)
    assert trust.alpha_n == 3


def test_alpha_is_withheld_for_so_few_people(result):
    trust = result.principles["trustworthiness"]
    assert trust.alpha is None
    assert trust.alpha_complete is None
    assert trust.alpha_pairwise is None
    assert trust.alpha_n == 3
    assert trust.alpha_withheld == "few-respondents"
    codes = {(w.code, w.location.path) for w in result.warnings}
    assert ("alpha-withheld", "principles.trustworthiness") in codes


def test_band_comes_from_the_mean_score(result):
    overall = result.overall
    assert overall.band_id == ("high" if overall.score >= 50 else "low")


def test_item_distribution_counts_answers_non_scored_and_skips(result):
    x1 = result.items["x1"]
    # Kept respondents R1 R2 R3 R5 answered x1 with 5, Don't know, 1, 4.
    assert x1.counts == (1, 0, 0, 1, 1)
    assert x1.non_scored == {"dont_know": 1, "not_applicable": 0}
    s3 = result.items["s3"]
    assert s3.skipped == 1  # R2 left it blank
    assert s3.mean == pytest.approx((2 + 4 + 1) / 3)  # as answered
    assert s3.score == pytest.approx(to100((4 + 2 + 5) / 3))  # after reverse keying


def test_groups_are_case_insensitive_and_declined_is_not_a_group(result):
    role = result.groups["role"]
    values = {g.value: g for g in role.groups}
    assert set(values) == {"A", "B"}  # "a" is role A; "Prefer not to say" is not a group
    assert values["A"].n == 2
    assert role.not_stated == 1
    a = values["A"].principles["safety"]
    assert a.score == pytest.approx((to100(SAFETY["R1"]) + to100(SAFETY["R2"])) / 2)


def test_small_groups_are_suppressed_with_the_complementary_rule(mini):
    result = score(mini, read_responses(DATA / "mini.csv", mini), by=["role"], min_group_size=2,
                   per_respondent=True)
    groups = {g.value: g for g in result.groups["role"].groups}
    assert groups["B"].suppressed
    assert groups["B"].reason == "small-group"
    # With a minimum of 3, B (1) and the one who preferred not to say (1) pool to 2: A (2)
    # must go too, or the total minus A would be those two.
    result = score(mini, read_responses(DATA / "mini.csv", mini), by=["role"], min_group_size=3,
                   per_respondent=True)
    groups = {g.value: g for g in result.groups["role"].groups}
    assert groups["A"].suppressed
    assert groups["A"].reason == "small-group"
    assert groups["A"].principles is None


def test_min_answered_zero_scores_anyone_with_one_answer(mini):
    result = score(mini, read_responses(DATA / "mini.csv", mini), min_answered=0,
                   per_respondent=True)
    assert result.respondents == 5  # R4 now counts; R6 answered nothing
    pr = result.per_respondent
    r4 = list(pr.ids).index("R4")
    assert pr.principle_means[r4, pr.principle_ids.index("safety")] == pytest.approx(3.0)


def test_unknown_group_field_is_a_clear_error(mini):
    with pytest.raises(ScoringError) as info:
        score(mini, read_responses(DATA / "mini.csv", mini), by=["team"], per_respondent=True)
    assert info.value.codes == ("unknown-field",)
    assert "role" in info.value.problems[0].hint


def test_nobody_scored_is_an_error(mini, write):
    path = write("empty.csv", "respondent_id,s1,s2,s3,t1,t2,x1\nR1,,,,,,\n")
    with pytest.raises(ScoringError) as info:
        score(mini, read_responses(path, mini), per_respondent=True)
    assert info.value.codes == ("nobody-scored",)
