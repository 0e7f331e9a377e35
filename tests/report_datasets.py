"""Generated data sets with the shapes real organizations produce, for sentence-truth and golden
tests of the report (issue 14): every sentence the report writes must be true for each of them.

* ``all_high``: an organization near the top of the scale, reverse-worded statements firmly
  disagreed with (so they are favourable).
* ``all_low``: the opposite: low everywhere, reverse-worded statements agreed with.
* ``tiny``: six respondents.
* ``heavy_unknown``: 35% of the answers are "Don't know" or "Not applicable".
* ``reverse_dominated``: ordinary statements rated well, reverse-worded ones agreed with, so the
  reverse-worded statements are the organization's weakest.

Each is reproducible (fixed seeds) and answers tila-org, the questionnaire with reverse-worded
statements.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from tila.questionnaire.parse import load_questionnaire
from tila.responses.table import ResponseTable
from tila.scoring.engine import score
from tila.scoring.result import ScoreResult

Q_ID = "tila-org"
ROLES = ("Leadership", "Direct service", "Administrative or support")


def _table(n: int, agree: float, reverse_agree: float, seed: int, unknown: float = 0.04,
           spread: float = 0.7) -> ResponseTable:
    """n people answering 1-5: ordinary statements centred on ``agree`` (plus a small rise with
    the statement's position, so items differ), reverse-worded ones on ``reverse_agree``;
    a share ``unknown`` of answers is "Don't know" (or "Not applicable")."""
    q = load_questionnaire(Q_ID)
    rng = np.random.default_rng(seed)
    k = len(q.items)
    reverse = np.array([it.reverse for it in q.items])
    centre = np.where(reverse, reverse_agree, agree + np.linspace(-0.4, 0.4, k))
    person = rng.normal(0.0, 0.35, size=(n, 1))  # people differ in how they rate everything
    values = np.clip(np.rint(rng.normal(centre + np.where(reverse, -person, person), spread,
                                        size=(n, k))), 1, 5)
    status = np.zeros((n, k), dtype=np.int8)
    unsure = rng.random((n, k)) < unknown
    values[unsure] = np.nan
    status[unsure] = np.where(rng.random(int(unsure.sum())) < 0.8, 2, 3)
    roles = np.array([ROLES[i % len(ROLES)] for i in range(n)], dtype=object)
    return ResponseTable.build(item_ids=q.item_ids, values=values, status=status,
                               respondent_ids=np.array([f"R{i:03d}" for i in range(n)],
                                                       dtype=object),
                               fields={"role": roles})


def _scored(table: ResponseTable) -> ScoreResult:
    return score(load_questionnaire(Q_ID), table, by=("role",), per_respondent=True)


def all_high() -> ScoreResult:
    return _scored(_table(60, agree=4.75, reverse_agree=1.2, seed=11, spread=0.45))


def all_low() -> ScoreResult:
    return _scored(_table(60, agree=1.5, reverse_agree=4.6, seed=12, spread=0.5))


def tiny() -> ScoreResult:
    return _scored(_table(6, agree=3.3, reverse_agree=2.8, seed=13))


def heavy_unknown() -> ScoreResult:
    return _scored(_table(80, agree=3.4, reverse_agree=2.6, seed=14, unknown=0.35))


def reverse_dominated() -> ScoreResult:
    return _scored(_table(60, agree=4.2, reverse_agree=4.6, seed=15))


DATASETS: dict[str, Callable[[], ScoreResult]] = {
    "all_high": all_high, "all_low": all_low, "tiny": tiny, "heavy_unknown": heavy_unknown,
    "reverse_dominated": reverse_dominated}
EDGE = ("all_high", "tiny", "heavy_unknown", "reverse_dominated")  # the four golden files
