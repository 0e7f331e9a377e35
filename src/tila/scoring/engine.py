"""The scoring engine: answers in, per-respondent and organization scores out.

The rules are DESIGN.md's "Scoring, exactly". Every principle, domain and the overall index is a
column of one weight matrix W (items x targets), so a respondent's weighted mean for every target
is a matrix product over the answered cells: ``sum(w * value) / sum(w)``. accumulate.py makes the
one pass over the answers; aggregate.py turns its sums into organization figures.
"""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING

import numpy as np
import numpy.typing as npt

from tila._threads import thread_count
from tila._version import __version__
from tila.errors import Location, Problem, ScoringError
from tila.responses.dates import merged
from tila.scoring.targets import build_targets

# The pass and the summaries (accumulate, aggregate, result) are imported where they are used:
# this module stays light to import, and a reader imports them in the background while polars
# parses a file (see tila.scoring.preload), so their ~50 ms of imports costs nothing there.
if TYPE_CHECKING:
    from tila.questionnaire.model import Questionnaire
    from tila.responses.table import ResponseTable
    from tila.scoring.result import ItemNote, RespondentScores, ScoreResult


def keyed_values(q: Questionnaire, values: npt.NDArray[np.floating]) -> npt.NDArray[np.float64]:
    """Reverse-key answers: a reverse-keyed item scores ``min + max - value``."""
    from tila.scoring.plan import reverse_key

    rev = np.flatnonzero([it.reverse for it in q.items])
    lohi = np.array([q.scales[q.items[i].scale].min + q.scales[q.items[i].scale].max
                     for i in rev])
    x = np.array(values, dtype=np.float64)  # a copy: keying works in place
    reverse_key(x, rev, lohi)
    return x


def score(
    q: Questionnaire,
    table: ResponseTable,
    *,
    by: tuple[str, ...] | list[str] = (),
    min_group_size: int = 5,
    min_answered: float | None = None,
    threads: int | None = None,
    per_respondent: bool = False,
) -> ScoreResult:
    """Score every respondent and summarise the organization, optionally by respondent fields.

    A respondent who answered fewer than ``min_answered`` of all items is excluded (counted,
    never scored); a principle or domain needs that fraction of its own items. ``threads`` is
    how many threads every threaded step uses (None: tila._threads' default; 1: none).
    ``per_respondent`` adds every respondent's scores (``ScoreResult.per_respondent``; the
    report needs them); without it they are never made. The result holds no reference to
    ``table``.
    """
    from tila.responses.table import UNFINISHED
    from tila.scoring import warnings as caution
    from tila.scoring.accumulate import run_pass
    from tila.scoring.aggregate import (
        descriptives,
        item_stats,
        reliabilities,
        summarize,
    )
    from tila.scoring.groups import build_groups
    from tila.scoring.reliability import alpha_warnings
    from tila.scoring.result import EXCLUSION_REASONS, RespondentScores, Rules, ScoreResult

    if table.item_ids != q.item_ids:
        raise ScoringError("the responses were read for a different questionnaire",
                           code="questionnaire-mismatch")
    if min_group_size < 1:
        raise ScoringError("`min_group_size` must be at least 1", code="bad-min-group-size")
    threads = thread_count(threads)  # ValueError below 1: a caller's bug, not a data problem
    threshold = q.scoring.min_answered if min_answered is None else min_answered
    _check_fields(q, table, by)
    targets = build_targets(q)
    grouped = {field: table.group_codes(field) for field in by}
    scored = run_pass(q, table, targets, threshold, threads=threads,
                      groupings=[(codes, len(values)) for codes, values in grouped.values()])
    # Excluded respondents are usually few: everything about them comes from their rows, and
    # the kept rows are listed only when someone was excluded (None means everyone).
    dropped = np.flatnonzero(~scored.kept)
    n_kept = table.n_respondents - dropped.size
    excluded = _exclusion_codes(scored.answered, dropped)
    kept = np.flatnonzero(scored.kept) if dropped.size else None
    unfinished = sum(s.dropped.get(UNFINISHED, 0) for s in table.sources)
    if n_kept == 0:
        raise ScoringError([Problem(
            code="nobody-scored",
            message=f"no respondent answered enough items to be scored "
                    f"(at least {threshold:.0%} of the items are needed)" + (
                        f"; {unfinished} unfinished interview(s) were left out" if unfinished
                        else ""),
            hint="use `include_incomplete=True` to score paused interviews" if unfinished else
                 "check that the file holds answers for this questionnaire",
            location=Location(file=table.sources[0].path if table.sources else None))])
    reliability = reliabilities(targets, scored.moments)
    total = descriptives(scored, scored.histogram(), kept, threads=threads)
    summaries = summarize(q, targets, total, reliability)
    counts = np.bincount(excluded[dropped], minlength=1 + len(EXCLUSION_REASONS))
    reasons = {r: int(counts[1 + i]) for i, r in enumerate(EXCLUSION_REASONS)}
    reasons["unfinished-interview"] = unfinished
    p_ids = [i for i, k in zip(targets.ids, targets.kinds, strict=True) if k == "principle"]
    d_ids = [i for i, k in zip(targets.ids, targets.kinds, strict=True) if k == "domain"]
    comments, withheld = _comments(table, kept)
    principles = {pid: summaries[pid] for pid in p_ids}
    items = item_stats(q, targets, scored.moments, table.form, reliability)

    @cache  # asked for by the group breakdown and the per-respondent scores alike; the
    # function (and the table it reads) lives only until score() returns
    def all_scores() -> npt.NDArray[np.float64]:
        if scored.score_columns == tuple(range(len(targets.ids))):
            return scored.scores
        # The summaries are done: this pass only needs the scores, not the sums behind them.
        return run_pass(q, table, targets, threshold, threads=threads, keep_scores=True,
                        scores_only=True).scores

    return ScoreResult(
        questionnaire=q,
        rules=Rules(min_answered=threshold, min_group_size=min_group_size),
        tila_version=__version__,
        respondents=int(n_kept),
        excluded={r: n for r, n in reasons.items() if n},
        principles=principles,
        domains={did: summaries[did] for did in d_ids},
        overall=summaries["overall"],
        items=items,
        groups=build_groups(q, targets, scored, grouped, min_group_size,
                            {t: s.n for t, s in summaries.items()}, all_scores,
                            threads=threads),
        per_respondent=RespondentScores(
            ids=table.respondent_ids, principle_ids=tuple(p_ids), domain_ids=tuple(d_ids),
            scores=all_scores(), scale_min=targets.scale_min, scale_max=targets.scale_max,
            answered=scored.answered, excluded_code=excluded) if per_respondent else None,
        warnings=(*caution.unfinished(unfinished),
                  *caution.few_respondents(int(n_kept), min_group_size),
                  *caution.coverage(principles, int(n_kept)),
                  *caution.heavy_unknown(principles, items),
                  *alpha_warnings([*((f"principles.{p}", summaries[p]) for p in p_ids),
                                   ("overall", summaries["overall"])])),
        form=table.form,
        notes=_notes(q, table, kept),
        comments=comments,
        comments_withheld=withheld,
        dates=merged(src.dates for src in table.sources),
    )


def score_respondents(q: Questionnaire, table: ResponseTable, *,
                      min_answered: float | None = None,
                      threads: int | None = None) -> RespondentScores:
    """Every respondent's scores alone, without the organization's figures: one pass that skips
    every sum (the same numbers as ``score(..., per_respondent=True).per_respondent``)."""
    from tila.scoring.accumulate import run_pass
    from tila.scoring.result import RespondentScores

    if table.item_ids != q.item_ids:
        raise ScoringError("the responses were read for a different questionnaire",
                           code="questionnaire-mismatch")
    threshold = q.scoring.min_answered if min_answered is None else min_answered
    targets = build_targets(q)
    scored = run_pass(q, table, targets, threshold, threads=thread_count(threads),
                      keep_scores=True, scores_only=True)
    p = sum(1 for k in targets.kinds if k == "principle")
    d = sum(1 for k in targets.kinds if k == "domain")
    return RespondentScores(
        ids=table.respondent_ids, principle_ids=targets.ids[:p], domain_ids=targets.ids[p:p + d],
        scores=scored.scores, scale_min=targets.scale_min, scale_max=targets.scale_max,
        answered=scored.answered,
        excluded_code=_exclusion_codes(scored.answered, np.flatnonzero(~scored.kept)))


def _exclusion_codes(answered: npt.NDArray[np.int64], dropped: npt.NDArray[np.intp]
                     ) -> npt.NDArray[np.int8]:
    """Per respondent 0 (scored) or 1 + the index of why not, in EXCLUSION_REASONS order."""
    excluded = np.zeros(answered.shape[0], dtype=np.int8)
    excluded[dropped] = np.where(answered[dropped] == 0, 2, 1)
    return excluded


def _comments(table: ResponseTable, kept: npt.NDArray[np.intp] | None
              ) -> tuple[tuple[str, ...], int]:
    """Free-text comments of the kept rows (None: all) and how many were withheld (see
    ScoreResult.comments)."""
    from tila.scoring.result import COMMENT_COLUMNS, COMMENT_MIN_RESPONDENTS

    found = [str(v).strip() for name in COMMENT_COLUMNS if name in table.texts
             for v in (table.texts[name] if kept is None else table.texts[name][kept])
             if v is not None and str(v).strip()]
    if (table.n_respondents if kept is None else kept.size) < COMMENT_MIN_RESPONDENTS:
        return (), len(found)
    return tuple(sorted(found)), 0


def _notes(q: Questionnaire, table: ResponseTable, kept: npt.NDArray[np.intp] | None
           ) -> tuple[ItemNote, ...]:
    """Item notes and evidence of scored respondents (``<item>_note``/``<item>_evidence``;
    ``kept`` None: all rows)."""
    from tila.scoring.result import ItemNote

    out = []
    rows = range(table.n_respondents) if kept is None else kept
    for item_id in q.item_ids:
        notes = table.texts.get(f"{item_id}_note")
        evidence = table.texts.get(f"{item_id}_evidence")
        if notes is None and evidence is None:
            continue
        for r in rows:
            note = notes[r] if notes is not None else None
            ev = evidence[r] if evidence is not None else None
            if note or ev:
                out.append(ItemNote(item_id, note or None, ev or None))
    return tuple(out)


def _check_fields(q: Questionnaire, table: ResponseTable, by: tuple[str, ...] | list[str]) -> None:
    known = [f.id for f in q.respondent_fields]
    problems = []
    for f in by:
        if f not in known:
            problems.append(Problem(
                code="unknown-field", message=f"'{f}' is not a respondent field of "
                f"{q.id}", hint="fields you can group by: " + (", ".join(known) or "none")))
        elif f not in table.fields:
            problems.append(Problem(
                code="field-not-in-data", message=f"the responses have no '{f}' column",
                hint="add the column, or group by another field"))
    if problems:
        raise ScoringError(problems)
