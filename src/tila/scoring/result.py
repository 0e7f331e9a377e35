"""What scoring produces: plain frozen dataclasses over numpy arrays.

A ScoreResult is a value: it holds figures, never the responses it was computed from (so the
table, free text included, can be freed once ``score`` returns) and it pickles.

Scores are on 0 to 100 (``(mean - min) / (max - min) * 100``); ``mean`` is on the items' own
scale (1 to 5 for an agreement scale) and is None when the items of one summary use different
scales. ``sd``, ``median`` and ``ci95`` describe the 0-100 scores across respondents.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import numpy.typing as npt

from tila.errors import Problem
from tila.questionnaire.model import Questionnaire

FloatArray = npt.NDArray[np.float64]
EXCLUSION_REASONS = ("too-few-answers", "no-answers")
COMMENT_MIN_RESPONDENTS = 10
COMMENT_COLUMNS = ("comment", "comments")


@dataclass(frozen=True)
class Summary:
    """One principle, domain or the overall index across a set of respondents."""

    id: str
    title: str
    n: int  # respondents with a score
    mean: float | None  # on the items' scale; None when items mix scales or n == 0
    score: float  # 0-100 mean; NaN when n == 0
    sd: float  # of the 0-100 scores (ddof=1); NaN when n < 2
    median: float
    ci95: tuple[float, float]  # t interval of the mean 0-100 score; NaN when n < 2
    band_id: str | None
    band_label: str | None
    item_ids: tuple[str, ...]
    # Cronbach's alpha (scoring/reliability.py): ``alpha`` is the one shown, the pairwise one;
    # each is None when withheld (fewer than 3 items or 10 people) or not computable.
    alpha: float | None = None
    alpha_n: int = 0  # respondents who answered every item (the cases alpha_complete uses)
    alpha_pairwise: float | None = None  # from pairwise-complete covariances (psych's default)
    alpha_complete: float | None = None  # over the alpha_n respondents who answered every item
    alpha_pair_n: int = 0  # fewest respondents who answered any two of the items together
    alpha_withheld: str | None = None  # why ``alpha`` is None (a code of scoring/reliability)


@dataclass(frozen=True)
class ItemStat:
    id: str
    text: str
    principle: str  # primary principle id
    weights: dict[str, float]
    domain: str
    reverse: bool
    n: int  # respondents who gave a scored answer
    mean: float | None  # as answered, on the item's scale (before reverse keying)
    score: float  # 0-100 after reverse keying, so higher is always better
    sd: float  # of the raw answers
    labels: tuple[str, ...]  # scale point labels, lowest value first
    counts: tuple[int, ...]  # answers per scale point, as answered
    non_scored: dict[str, int]  # non-scored option id -> count
    skipped: int
    item_rest: float | None  # correlation with the rest of its primary principle (keyed)


@dataclass(frozen=True)
class GroupSummary:
    value: str
    n: int
    suppressed: bool
    reason: str | None = None  # "small-group" or "complementary" when suppressed
    principles: dict[str, Summary] | None = None
    domains: dict[str, Summary] | None = None
    overall: Summary | None = None
    # Figures of a shown group that rest on too few people, by target id (principle, domain or
    # "overall") -> "small-group" or "complementary"; those targets are absent above.
    hidden_figures: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class GroupBreakdown:
    field: str
    label: str
    min_group_size: int
    groups: tuple[GroupSummary, ...]
    # Blank or "prefer not to say": counted in the organization, never shown as a group.
    not_stated: int
    # What may be printed: None when the count could single out fewer than min_group_size
    # people (say "fewer than min_group_size" then).
    not_stated_shown: int | None = None


@dataclass(frozen=True, eq=False)
class RespondentScores:
    """Per-respondent scores for every input row, in input order (excluded rows are NaN).

    Made only when asked for (``score(..., per_respondent=True)`` or ``score_respondents``):
    summaries do not need them, and a million respondents' scores are 136 MB to fill. Only
    0-100 scores are stored; a mean on the answer scale is the same number in other units
    (``min + score / 100 * (max - min)``) and is computed on request.
    """

    ids: npt.NDArray[np.object_]  # respondent ids, in input order
    principle_ids: tuple[str, ...]
    domain_ids: tuple[str, ...]
    scores: FloatArray  # (n, P + D + 1) 0-100 scores in target order
    answered: npt.NDArray[np.int64]  # scored answers per respondent
    excluded_code: npt.NDArray[np.int8]  # 0 scored, else 1 + index into EXCLUSION_REASONS
    scale_min: FloatArray  # per target (principles, domains, overall); NaN when mixed
    scale_max: FloatArray

    @property
    def principle_scores(self) -> FloatArray:
        """(n, P) 0-100, NaN = not enough answers."""
        return self.scores[:, :len(self.principle_ids)]

    @property
    def domain_scores(self) -> FloatArray:
        """(n, D)"""
        p = len(self.principle_ids)
        return self.scores[:, p:p + len(self.domain_ids)]

    @property
    def overall_score(self) -> FloatArray:
        """(n,)"""
        return self.scores[:, -1]

    @property
    def excluded(self) -> npt.NDArray[np.object_]:
        """Per respondent None, or why they were not scored ("too-few-answers", ...)."""
        lookup = np.array([None, *EXCLUSION_REASONS], dtype=object)
        return lookup[self.excluded_code]

    def _means(self, scores: FloatArray, lo: FloatArray, hi: FloatArray) -> FloatArray:
        return np.asarray(lo + scores / 100.0 * (hi - lo), dtype=np.float64)

    @property
    def principle_means(self) -> FloatArray:
        p = len(self.principle_ids)
        return self._means(self.principle_scores, self.scale_min[:p], self.scale_max[:p])

    @property
    def domain_means(self) -> FloatArray:
        p, d = len(self.principle_ids), len(self.domain_ids)
        return self._means(self.domain_scores, self.scale_min[p:p + d],
                           self.scale_max[p:p + d])

    @property
    def overall_mean(self) -> FloatArray:
        return self._means(self.overall_score, self.scale_min[-1], self.scale_max[-1])


@dataclass(frozen=True)
class ItemNote:
    """A note and/or evidence recorded for an item (consensus interviews write these)."""

    item_id: str
    note: str | None
    evidence: str | None


@dataclass(frozen=True)
class Rules:
    min_answered: float
    min_group_size: int
    reverse_keying: str = "min + max - value"
    missing: str = "blank, non-scored options (Don't know, Not applicable) and skips are missing"
    ci: str = "95% t interval of the mean"
    alpha: str = (  # the thresholds are scoring/reliability.py's (a test checks)
        "Cronbach's raw alpha from pairwise-complete covariances (as R psych::alpha); "
        "alpha_complete is over the respondents who answered every item (alpha_n). Not "
        "reported for fewer than 3 items, or fewer than 10 respondents answering each pair "
        "of items (pairwise) or every item (complete)")


@dataclass(frozen=True, eq=False)
class ScoreResult:
    questionnaire: Questionnaire
    rules: Rules
    tila_version: str
    respondents: int  # respondents scored
    excluded: dict[str, int]  # reason -> count
    principles: dict[str, Summary]
    domains: dict[str, Summary]
    overall: Summary
    items: dict[str, ItemStat]
    groups: dict[str, GroupBreakdown]
    # Present when asked for (score's per_respondent=True); the report's standings need them.
    per_respondent: RespondentScores | None = None
    warnings: tuple[Problem, ...] = field(default_factory=tuple)
    form: str | None = None
    notes: tuple[ItemNote, ...] = ()  # in questionnaire order; never tied to a respondent id
    # Free-text comments of scored respondents, sorted (so their order cannot be traced back to
    # rows), or empty when fewer than COMMENT_MIN_RESPONDENTS were scored: a comment's wording
    # can identify its writer in a small team, so comments need a larger crowd than scores.
    comments: tuple[str, ...] = ()
    comments_withheld: int = 0  # comments not shown because too few people were scored
    # First and last completion day (ISO) of the responses read, when every file has them
    # (responses/dates.py): the survey period's evidence, never a person's date.
    dates: tuple[str, str] | None = None

    def respondent_scores(self) -> RespondentScores:
        """The per-respondent scores; ValueError when the result was made without them."""
        if self.per_respondent is None:
            raise ValueError("this result has no per-respondent scores: score with "
                             "per_respondent=True")
        return self.per_respondent
