"""``assemble_report``: read responses in, the scored results a report is made from out.

The rules that decide *whose* answers a report may show live here, in the library, so every
front end (the CLI, a script, a notebook) gets them: a report about one leader shows only that
leader's ratings and only when enough staff rated them to stay anonymous; their self-rating is
theirs alone; a baseline answered with another version of the questionnaire is refused, because
the change would not be comparable. ``render_report`` refuses a leader report that did not come
through here, so the threshold cannot be skipped by scoring the whole table and naming a leader.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from tila.errors import Problem, ReportError
from tila.report.options import ReportOptions

if TYPE_CHECKING:
    from tila.questionnaire.model import Questionnaire
    from tila.responses.table import ResponseTable
    from tila.scoring.result import ScoreResult


@dataclass(frozen=True)
class AssembledReport:
    """Everything a report shows, already checked: pass it to ``render_report``."""

    result: ScoreResult
    options: ReportOptions
    baseline: ScoreResult | None = None
    self_rating: ScoreResult | None = None

    def results(self) -> tuple[ScoreResult, ...]:
        """The scored results in the order they were assembled (for their warnings)."""
        return tuple(r for r in (self.result, self.baseline, self.self_rating) if r is not None)


def assemble_report(
    q: Questionnaire,
    responses: ResponseTable,
    *,
    options: ReportOptions | None = None,
    baseline: ResponseTable | None = None,
    self_rating: ResponseTable | None = None,
) -> AssembledReport:
    """Score ``responses`` (and an earlier ``baseline``, and a leader's ``self_rating`` read
    with form ``self``) for a report with ``options``.

    With ``options.leader`` only that leader's ratings are scored, and at least
    ``options.min_group_size`` staff must have rated them; otherwise a ``ReportError`` with code
    ``unknown-leader``, ``too-few-raters`` or ``no-leader-field`` is raised. Without a leader,
    the self-ratings of several leaders are averaged, so there must be one, or at least
    ``min_group_size`` (``too-few-self-ratings``).
    """
    from tila.scoring.engine import score

    opts = options or ReportOptions()
    if opts.min_group_size < 1:
        # Checked before the leader filter, which would otherwise accept a leader rated by nobody.
        raise ReportError([Problem(code="bad-min-group-size",
                                   message="`min_group_size` must be at least 1")])
    if baseline is not None:
        _same_version(baseline, q)
    if opts.leader is not None:
        responses = one_leader(responses, opts.leader, opts.min_group_size)
        if self_rating is not None:
            # A self-rating is one person's own view: it is shown beside the staff ratings
            # only when it is theirs, and it has no group to hide in, so no threshold applies.
            self_rating = one_leader(self_rating, opts.leader, 1)
    # per_respondent: the report ranks principles and compares waves by each person's scores
    result = score(q, responses, by=_fields(q, responses, opts.by),
                   min_group_size=opts.min_group_size, per_respondent=True)
    base = (score(q, baseline, min_group_size=opts.min_group_size, per_respondent=True)
            if baseline is not None else None)
    mine = (score(q, self_rating, min_group_size=1, per_respondent=True)
            if self_rating is not None else None)
    if mine is not None and opts.leader is None:
        _enough_self_ratings(mine.respondents, opts.min_group_size)
    return AssembledReport(result=result, options=opts, baseline=base, self_rating=mine)


def _fields(q: Questionnaire, table: ResponseTable, by: tuple[str, ...]) -> list[str]:
    # The leader-versus-staff gap needs the role breakdown even when ``by`` does not ask for it.
    role = "role" in table.fields and any(f.id == "role" for f in q.respondent_fields)
    return list(dict.fromkeys([*by, *(["role"] if role else [])]))


def _enough_self_ratings(n: int, min_group_size: int) -> None:
    # Several leaders' self-ratings are shown as one average. Each leader knows their own, so
    # with two the average gives away the other's answers, and with a few it narrows them to
    # fewer people than the minimum group size: the same rule as for any published figure.
    if 1 < n < min_group_size:
        raise ReportError([Problem(
            code="too-few-self-ratings",
            message=f"{n} self-ratings would be shown as one average; with fewer than "
                    f"{min_group_size}, a leader could work out the others' answers from it",
            hint="report on one leader (`leader`) beside their own self-rating, or give at "
                 f"least {min_group_size} self-ratings")])


def _same_version(baseline: ResponseTable, q: Questionnaire) -> None:
    for src in baseline.sources:
        if any(w.code == "version-mismatch" for w in src.warnings):
            # Scores from two versions of a questionnaire are not comparable wave to wave.
            raise ReportError([Problem(
                code="baseline-version", message=f"the baseline was answered with another "
                f"version of {q.id} than {q.version}; the change would not be comparable",
                hint="compare waves answered with the same questionnaire version")])


def one_leader(table: ResponseTable, leader: str, min_raters: int) -> ResponseTable:
    """Only the ratings of one leader; there must be at least ``min_raters`` of them."""
    import numpy as np

    if "leader" not in table.fields:
        raise ReportError([Problem(code="no-leader-field", message="the responses have no "
                                   "'leader' column", hint="a report about one leader (`leader`) "
                                   "needs tila-leader ratings that name the leader they are "
                                   "about")])
    codes, known = table.group_codes("leader")
    if leader not in known:
        raise ReportError([Problem(code="unknown-leader", message=f"no ratings for leader "
                                   f"'{leader}'", hint="leaders in the data: " +
                                   ", ".join(known[:20]))])
    mask = codes == known.index(leader)
    if int(mask.sum()) < min_raters:
        raise ReportError([Problem(
            code="too-few-raters",
            message=f"only {int(mask.sum())} staff rated leader '{leader}'; at least "
                    f"{min_raters} are needed so that no one can be recognized by their answers",
            hint="collect more ratings before reporting on this leader")])
    return table.take(np.flatnonzero(mask))
