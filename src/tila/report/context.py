"""ReportContext: every number and sentence the report shows, computed here and tested here.

Templates only place what this module (with sections.py and plan.py) has written. The order of
the report follows a director's reading: who answered, the summary (strengths first, then growth
areas), the principles in detail, groups and gaps, change since the baseline, the plan, and how
every number was computed.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from tila.framework import PRINCIPLES
from tila.questionnaire.model import Questionnaire
from tila.report import fmt
from tila.report.charts import principle_bars
from tila.report.compare import Difference, baseline_change, leader_gap, self_gap
from tila.report.compare_charts import ChangeRow, change
from tila.report.extras import ExtraSection
from tila.report.options import ReportOptions, logo_data_url, report_date
from tila.report.plan import Method, PlanView, ReferenceLike, method, plan_view
from tila.report.privacy import NOTICE, mask
from tila.report.radar_chart import radar
from tila.report.sections import (
    GapSection,
    GroupSection,
    PrincipleSection,
    group_section,
    heatmap_chart,
    leader_gap_section,
    principle_sections,
    self_gap_section,
)
from tila.report.summary import Summary, respondents
from tila.report.summary import summary as build_summary
from tila.report.svg import Chart
from tila.scoring.result import ScoreResult
from tila.suggestions import ImprovementPlan

if TYPE_CHECKING:
    from tila.report.followup import FollowUpSection
    from tila.report.trend_report import TrendSection

CHART_LABELS = {"safety": "Safety", "trustworthiness": "Trustworthiness & transparency",
                "peer_support": "Peer support", "collaboration": "Collaboration & mutuality",
                "empowerment": "Empowerment, voice & choice",
                "cultural": "Cultural, historical & gender issues"}
assert set(CHART_LABELS) == {p.id for p in PRINCIPLES}


@dataclass(frozen=True)
class Meta:
    title: str
    org: str
    short_name: str  # the running header's name
    kicker: str  # what kind of report this is, from the questionnaire
    period: str | None  # "March 2026"
    cover: bool  # a separate cover page
    instrument: str
    instrument_id: str
    version: str
    form: str | None
    date: str  # "26 November 2026"
    date_iso: str
    language: str
    tila_version: str
    accent: str
    paper: str
    logo: str | None  # data: URL
    author: str
    validated: bool


@dataclass(frozen=True)
class ChangeSection:
    intro: str
    chart: Chart
    sentences: tuple[str, ...]


@dataclass(frozen=True)
class NoteRow:
    item: str  # the statement as the respondents saw it
    principle: str
    note: str
    evidence: str


@dataclass(frozen=True)
class TocEntry:
    anchor: str
    title: str


@dataclass(frozen=True)
class ReportContext:
    meta: Meta
    cover: tuple[str, ...]
    summary: Summary
    radar: Chart | None
    bars: Chart
    heatmap: Chart | None
    principles: tuple[PrincipleSection, ...]
    groups: tuple[GroupSection, ...]
    gaps: tuple[GapSection, ...]
    change: ChangeSection | None
    plan: PlanView
    method: Method
    toc: tuple[TocEntry, ...]
    notes: tuple[NoteRow, ...] = ()  # committee notes and evidence, for the appendix
    comments: tuple[str, ...] = ()  # free-text comments, when enough people answered
    comments_note: str | None = None  # why comments are not shown, when they are not
    comments_notice: str = NOTICE  # read before sharing
    cautions: tuple[str, ...] = ()
    extras: tuple[ExtraSection, ...] = ()  # a site comparison, a benchmark (report/extras.py)
    pdf: bool = False  # set by the renderer: the same templates make both outputs
    trend: TrendSection | None = None  # "Change over time" (report/trend_report.py)
    followup: FollowUpSection | None = None  # "What we said we would do" (report/followup.py)


def kicker(q: Questionnaire) -> str:
    """What kind of report this is, from the questionnaire: leadership, pulse or organization."""
    if q.forms:
        return "Trauma-informed leadership assessment"
    if "pulse" in q.id.lower() or "pulse" in q.title.lower():
        return "Trauma-informed pulse survey"
    return "Trauma-informed organizational self-assessment"


SHORT_NAME = 40  # characters a running header holds on one line


def _short(opts: ReportOptions) -> str:
    """The running header's name: --short-name, else the name, shortened when it would wrap."""
    if opts.short_name:
        return opts.short_name
    name = opts.org
    if len(name) <= SHORT_NAME:
        return name
    return name[:SHORT_NAME - 1].rsplit(" ", 1)[0] + "…"


def _when(period: str | None, dates: tuple[str, str] | None, today: str) -> tuple[str, ...]:
    """When the survey ran: the user's words, else the first and last completion day the
    responses carry (never invented: with neither, only the report date is given)."""
    if period:
        return (f"Survey period: {period}",)
    if dates is not None:
        return (f"Surveyed {fmt.day_range(*dates)}", f"Report date: {today}")
    return (f"Report date: {today}",)


def _long_date(d: dt.date) -> str:
    return f"{d.day} {d.strftime('%B')} {d.year}"


def _change_section(diffs: tuple[Difference, ...], n_then: int) -> ChangeSection:
    rows = [ChangeRow(CHART_LABELS.get(d.id, d.title), d.diff, d.lo, d.hi) for d in diffs]
    sentences = tuple(
        f"{d.title}: {fmt.score(d.a)} then, {fmt.score(d.b)} now, a change of "
        f"{fmt.signed(d.diff)} (95% CI {fmt.interval(d.lo, d.hi, sign=True)}): "
        f"{r.verdict}." for d, r in zip(diffs, rows, strict=True))
    intro = (f"The baseline had {fmt.count(n_then, 'respondent')}. The two surveys are treated "
             "as separate groups of people, so each change has a 95% confidence interval; when "
             "that interval includes zero, the change could be chance and reads “no reliable "
             "change”.")
    return ChangeSection(intro, change(rows), sentences)


def build_context(
    result: ScoreResult,
    *,
    options: ReportOptions | None = None,
    plan: ImprovementPlan | None = None,
    references: Mapping[str, ReferenceLike] | None = None,
    baseline: ScoreResult | None = None,
    self_rating: ScoreResult | None = None,
) -> ReportContext:
    """Everything the templates show, for one scored survey (and optional comparisons)."""
    opts = options or ReportOptions()
    q = result.questionnaire
    day = report_date(opts.date)
    meta = Meta(
        title=f"{opts.org}: {q.title}", org=opts.org, short_name=_short(opts),
        kicker=kicker(q), period=opts.period, cover=opts.cover,
        instrument=q.title, instrument_id=q.id,
        version=q.version, form=next((f.label for f in q.forms if f.id == result.form), None),
        date=_long_date(day), date_iso=day.isoformat(), language=q.language,
        tila_version=result.tila_version, accent=opts.accent, paper=opts.paper,
        logo=logo_data_url(opts.logo), author=opts.author or opts.org, validated=q.validated)
    pids = list(result.principles)
    labels = [CHART_LABELS.get(p, result.principles[p].title) for p in pids]
    diffs = baseline_change(result, baseline) if baseline is not None else ()
    gaps = []
    if "role" in result.groups:
        lg = leader_gap(result, result.groups["role"])
        if lg is not None:
            gaps.append(leader_gap_section(lg))
    if self_rating is not None:
        gaps.append(self_gap_section(self_gap(result, self_rating), result.respondents,
                                     self_rating.respondents))
    view = plan_view(result, plan)
    summary = build_summary(result, opts.org, opts.invited, diffs, gaps[0] if gaps else None,
                       opts.leader)
    groups = tuple(group_section(result, result.groups[f]) for f in opts.by
                   if f in result.groups)
    base_scores = ([baseline.principles[p].score if p in baseline.principles else float("nan")
                    for p in pids] if baseline is not None else None)
    ctx = ReportContext(
        meta=meta,
        cover=(q.title + (f": leader {opts.leader}" if opts.leader else ""),
               f"Questionnaire version {q.version}" + (f" · {meta.form}" if meta.form else ""),
               *_when(opts.period, result.dates, meta.date), respondents(result, opts.invited)),
        summary=summary,
        radar=radar(labels, [result.principles[p].score for p in pids], base_scores)
        if opts.radar and len(pids) >= 3 else None,
        bars=principle_bars([(lab, result.principles[p].score, *result.principles[p].ci95)
                             for lab, p in zip(labels, pids, strict=True)],
                            [(b.label, b.min, b.max) for b in q.scoring.bands]),
        heatmap=heatmap_chart(result),
        principles=principle_sections(result),
        groups=groups,
        gaps=tuple(gaps),
        change=_change_section(diffs, baseline.respondents) if baseline is not None else None,
        plan=view,
        method=method(result, plan, references or {}),
        toc=(),
        notes=_note_rows(result),
        comments=tuple(mask(c) for c in result.comments) if opts.comments else (),
        comments_note=_comments_note(result) if opts.comments else None,
        cautions=summary.cautions,
    )
    return with_toc(ctx)


def _comments_note(result: ScoreResult) -> str | None:
    from tila.scoring.result import COMMENT_MIN_RESPONDENTS

    if not result.comments_withheld:
        return None
    n = result.comments_withheld
    return (f"{fmt.count(n, 'comment')} {'is' if n == 1 else 'are'} not shown: comments appear "
            f"only when at least {COMMENT_MIN_RESPONDENTS} people answered, because the way "
            "someone writes can identify them in a small group.")


def _note_rows(result: ScoreResult) -> tuple[NoteRow, ...]:
    """Notes and evidence recorded in consensus interviews, by statement, without names."""
    rows = []
    for n in result.notes:
        item = result.items[n.item_id]
        rows.append(NoteRow(item=item.text, principle=result.principles[item.principle].title
                            if item.principle in result.principles else item.principle,
                            note=n.note or "", evidence=n.evidence or ""))
    return tuple(rows)


def with_toc(ctx: ReportContext) -> ReportContext:
    """``ctx`` with its contents listed again: callers that add a section after the context
    is built (a trend, a plan followed up) call it so the contents name that section too."""
    from dataclasses import replace

    toc = [TocEntry("summary", "Summary")]
    if ctx.radar or ctx.heatmap:
        toc.append(TocEntry("overview", "The principles at a glance"))
    toc += [TocEntry(p.anchor, p.title) for p in ctx.principles]
    if ctx.groups or ctx.gaps:
        toc.append(TocEntry("groups", "Groups compared"))
    if ctx.comments or ctx.comments_note:
        toc.append(TocEntry("comments", "In their own words"))
    if ctx.change:
        toc.append(TocEntry("change", "Change since the baseline"))
    if ctx.trend:
        toc.append(TocEntry("trend", ctx.trend.title))
    if ctx.followup:
        toc.append(TocEntry("followup", ctx.followup.title))
    toc += [TocEntry("plan", ctx.plan.title), TocEntry("method", "How the scores were made"),
            TocEntry("items", "Appendix: statements in detail")]
    if ctx.notes:
        toc.append(TocEntry("notes", "Notes and evidence"))
    return replace(ctx, toc=tuple(toc))
