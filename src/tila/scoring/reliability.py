"""Which Cronbach's alpha a summary shows, when it is withheld, and the warnings that say so.

Two alphas are computed for every principle, domain and the overall index (docs/scoring.md):

- pairwise: from pairwise-complete covariances, as R ``psych::alpha`` computes it by default.
  Each covariance uses everyone who answered both of its statements, so it uses (nearly) every
  answer given. This is the alpha shown (``Summary.alpha``).
- complete: over the respondents who answered every statement (``alpha_n`` of them). With
  "Don't know" common these are a small group that need not resemble the rest.

Both use the statements that belong to the target, unweighted (a statement weighted toward a
second principle counts there as a whole statement), as psych has no item weights.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from tila.errors import Location, Problem
from tila.scoring.result import Summary

MIN_ITEMS = 3  # fewer statements make no scale to be consistent about
MIN_CASES = 10  # fewer people give an alpha too unstable to print
# Why Summary.alpha is None (Summary.alpha_withheld).
FEW_ITEMS, FEW_RESPONDENTS, NO_VARIANCE, NOT_FOR_GROUPS = (
    "few-items", "few-respondents", "no-variance", "not-for-groups")


@dataclass(frozen=True)
class Alpha:
    pairwise: float | None  # None when withheld or not computable
    complete: float | None
    n_complete: int  # respondents who answered every item
    pair_n: int  # fewest respondents who answered any two of the items (or one) together
    withheld: str | None  # why the shown alpha is None

    @property
    def shown(self) -> float | None:
        return self.pairwise


def judge(n_items: int, pairwise: float | None, pair_n: int, complete: float | None,
          n_complete: int) -> Alpha:
    """Apply the reporting rules to the computed alphas of one target."""
    few_items = n_items < MIN_ITEMS
    shown_pw = None if few_items or pair_n < MIN_CASES else pairwise
    shown_cc = None if few_items or n_complete < MIN_CASES else complete
    withheld = None
    if few_items:
        withheld = FEW_ITEMS
    elif pair_n < MIN_CASES:
        withheld = FEW_RESPONDENTS
    elif shown_pw is None:
        withheld = NO_VARIANCE
    return Alpha(shown_pw, shown_cc, n_complete, pair_n, withheld)


def _people(n: int) -> str:
    return f"{n} person" if n == 1 else f"{n} people"


def _statements(n: int) -> str:
    return f"{n} statement" if n == 1 else f"{n} statements"


def alpha_warnings(summaries: Iterable[tuple[str, Summary]]) -> list[Problem]:
    """``alpha-withheld`` and ``alpha-negative`` warnings for the given (path, summary) pairs:
    the principles and the overall index (per domain they would flood the list; domains carry
    the reason in ``alpha_withheld`` instead)."""
    out = []
    for path, s in summaries:
        where = Location(path=path)
        name = "the overall index" if path == "overall" else s.title
        if s.alpha_withheld == FEW_ITEMS:
            out.append(Problem(
                code="alpha-withheld", severity="warning", location=where,
                message=f"Reliability (alpha) for {name} is not reported: it has only "
                        f"{_statements(len(s.item_ids))}; at least {MIN_ITEMS} are needed."))
        elif s.alpha_withheld == FEW_RESPONDENTS:
            together = "answered both of its statements" if len(s.item_ids) == 2 else \
                "answered some two of its statements together"
            out.append(Problem(
                code="alpha-withheld", severity="warning", location=where,
                message=f"Reliability (alpha) for {name} is not reported: only "
                        f"{_people(s.alpha_pair_n)} {together}; at least {MIN_CASES} are "
                        "needed."))
        elif s.alpha_withheld == NO_VARIANCE:
            out.append(Problem(
                code="alpha-withheld", severity="warning", location=where,
                message=f"Reliability (alpha) for {name} is not reported: the answers to its "
                        "statements do not vary together enough to work it out."))
        elif s.alpha is not None and s.alpha < 0:
            value = f"{s.alpha:.2f}".replace("-", "\u2212")
            if value == "\u22120.00":  # a tiny negative alpha is still below zero
                value = "just below 0"
            out.append(Problem(
                code="alpha-negative", severity="warning", location=where,
                message=f"The statements of {name} do not move together in these answers "
                        f"(alpha {value}): treat this score with caution.",
                hint="look at the statements one by one; a reverse-worded statement that is "
                     "not marked as reversed is a common cause"))
    return out
