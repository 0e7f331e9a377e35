"""Synthetic surveys for the report tests: reproducible answers with a known shape.

Lives beside the tests (not in tila) because only tests need made-up organizations; the real
sample organization is questionnaires/samples/.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from tila.questionnaire.parse import load_questionnaire
from tila.responses.table import ResponseTable
from tila.scoring.engine import score
from tila.scoring.result import ScoreResult

ROLES = ("Leadership", "Direct service", "Administrative or support")


def make_table(q_id: str = "tila-starter", n: int = 60, seed: int = 1, shift: float = 0.0,
               roles: tuple[str, ...] = ROLES, role_sizes: tuple[int, ...] | None = None,
               sites: tuple[str, ...] = ("North", "South")) -> ResponseTable:
    """Answers 1-5 whose item means rise with the item's position (so low items are known)."""
    q = load_questionnaire(q_id)
    rng = np.random.default_rng(seed)
    k = len(q.items)
    centre = np.linspace(2.2, 4.2, k) + shift
    values = np.clip(np.rint(rng.normal(centre, 0.9, size=(n, k))), 1, 5)
    status = np.zeros((n, k), dtype=np.int8)
    dk = rng.random((n, k)) < 0.04
    values[dk] = np.nan
    status[dk] = 2  # the first non-scored option (Don't know)
    if role_sizes is None:
        role_col = np.array([roles[i % len(roles)] for i in range(n)], dtype=object)
    else:
        role_col = np.array([r for r, m in zip(roles, role_sizes, strict=True)
                             for _ in range(m)], dtype=object)
    site_col = np.array([sites[i % len(sites)] for i in range(n)], dtype=object)
    return ResponseTable.build(item_ids=q.item_ids, values=values, status=status,
                               respondent_ids=np.array([f"R{i:03d}" for i in range(n)],
                                                       dtype=object),
                               fields={"role": role_col, "site": site_col})


def make_result(q_id: str = "tila-starter", by: tuple[str, ...] = ("role",), **kw: object
                ) -> ScoreResult:
    q = load_questionnaire(q_id)
    return score(q, make_table(q_id, **kw), by=by, per_respondent=True)  # type: ignore[arg-type]


@dataclass(frozen=True)
class FakeSuggestion:
    id: str
    title: str
    principle: str
    domain: str = "governance"
    bands: tuple[str, ...] = ("aware", "sensitive", "responsive", "informed")
    effort: str = "medium"
    items: tuple[str, ...] = ()
    why: str = "Because it helps."
    actions: tuple[str, ...] = ("Start.", "Continue.", "Review.")
    horizon: int = 90
    owner: str = "leadership"
    references: tuple[str, ...] = ()
    cost_of_inaction: str | None = None


@dataclass(frozen=True)
class FakeLibrary:
    suggestions: tuple[FakeSuggestion, ...]
    references: dict[str, object] = field(default_factory=dict)
