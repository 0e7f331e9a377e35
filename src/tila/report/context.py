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

from tila.framework import PRINCIPLES
from tila.questionnaire.model import Questionnaire
from tila.report import fmt
from tila.report.cautions import Caution, cautions, unknown_share
from tila.report.charts import principle_bars, radar
from tila.report.compare import Difference, baseline_change, leader_gap, self_gap
from tila.report.compare_charts import ChangeRow, change
from tila.report.favour import favour
from tila.report.options import ReportOptions, logo_data_url, report_date
from tila.report.plan import Method, PlanView, ReferenceLike, method, plan_view
from tila.report.privacy import NOTICE, mask
from tila.report.ranking import Standing, band_words, focus_ids, standings
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
from tila.report.svg import Chart
from tila.scoring.result import ScoreResult
from tila.suggestions import ImprovementPlan

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
class FocusLine:
    title: str
    why: str  # one line of data: how far below the overall index, the weakest statement


@dataclass(frozen=True)
class Summary:
    headline: str
    interval: str  # the overall interval in words
    respondents: str
    strengths: tuple[str, ...]
    growth: tuple[str, ...]
    same: str  # "About the same as the others: …" or ""
    focus: tuple[FocusLine, ...]
    focus_note: str  # why there are no (or few) focus areas, or ""
    changes: tuple[str, ...]
    gap: str | None
    sure: str  # "how sure are we", in one or two sentences
    cautions: tuple[str, ...]  # every warning, in plain words
    caution: str


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
    pdf: bool = False  # set by the renderer: the same templates make both outputs


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


def _long_date(d: dt.date) -> str:
    return f"{d.day} {d.strftime('%B')} {d.year}"


def _respondents(result: ScoreResult, invited: int | None) -> str:
    text = f"{fmt.count(result.respondents, 'person', 'people')} answered"
    if invited:
        text += (f" out of {invited:,} invited (a response rate of "
                 f"{fmt.percent(result.respondents, invited)})")
    excluded = sum(result.excluded.values())
    if excluded:
        text += (f"; {fmt.count(excluded, 'more response')} answered too few statements to be "
                 "scored and {0} left out".format("is" if excluded == 1 else "are"))
    return text + "."


def _who(result: ScoreResult, org: str, leader: str | None) -> str:
    # A questionnaire with self and staff forms rates leaders, not the organization.
    if leader and result.form == "staff":
        return f"leader {leader}, as their staff rate them, scores"
    if result.form == "staff":
        return f"{fmt.possessive(org)} leaders, as their staff rate them, score"
    if result.form == "self":
        return f"{fmt.possessive(org)} leaders, rating themselves, score"
    return f"{org} scores"


def _focus_lines(result: ScoreResult, ranks: Mapping[str, Standing]) -> tuple[FocusLine, ...]:
    out = []
    for pid in focus_ids(result):
        st, s = ranks[pid], result.principles[pid]
        items = sorted((i for i in result.items.values() if i.principle == pid and i.n > 0),
                       key=lambda i: i.score)
        why = (f"{fmt.score(s.score)}, {fmt.score(abs(st.diff))} points below people's "
               f"overall score (95% CI {fmt.interval(st.lo, st.hi, sign=True)})")
        if items:
            f = favour(items[0])
            why += (f"; weakest statement “{items[0].text}” "
                    f"({fmt.percent(f.favourable, f.n)} favourable)")
        out.append(FocusLine(s.title, why + "."))
    return tuple(out)


def _summary(result: ScoreResult, org: str, invited: int | None,
             changes: tuple[Difference, ...], gap: GapSection | None,
             leader: str | None = None) -> Summary:
    o = result.overall
    bands = result.questionnaire.scoring.bands
    ranks = standings(result)
    headline = (f"Overall, {_who(result, org, leader)} {fmt.score(o.score)} out of 100, "
                f"{band_words(bands, o)}.")
    interval = (f"Allowing for chance, the overall score lies between {fmt.score(o.ci95[0])} "
                f"and {fmt.score(o.ci95[1])} (95% confidence interval)."
                if fmt.ok(o.ci95[0]) and fmt.ok(o.ci95[1]) else
                "Too few people answered for a confidence interval.")
    by_score = sorted(ranks.values(), key=lambda st: -st.score)

    def line(st: Standing) -> str:
        return (f"{st.title}: {fmt.score(st.score)}, {fmt.score(abs(st.diff))} points "
                f"{'above' if st.diff > 0 else 'below'} people's overall score")

    strengths = tuple(line(st) for st in by_score if st.verdict == "strength")
    growth = tuple(line(st) for st in reversed(by_score) if st.verdict == "growth")
    same = [st.title for st in by_score if st.verdict in ("same", "unknown")]
    # Titles hold commas and "and" themselves, so the list is separated by semicolons.
    same_text = (("About the same as the others (no clear difference from the overall "
                  "score): " + "; ".join(same) + ".") if same else "")
    focus = _focus_lines(result, ranks)
    if focus:
        focus_note = ""
    elif all(st.verdict == "unknown" for st in ranks.values()):
        focus_note = "Too few people answered to single out any principle."
    else:
        focus_note = ("No principle is clearly below the others, so the plan does not single "
                      "one out.")
    change_text: list[str] = []
    if changes:
        clear = [d for d in changes if d.reliable and d.id != "overall"]
        for d in sorted(clear, key=lambda d: -abs(d.diff))[:3]:
            verb = "rose" if d.diff > 0 else "fell"
            change_text.append(f"{d.title} {verb} by {fmt.score(abs(d.diff))} points "
                               f"(95% CI {fmt.interval(d.lo, d.hi, sign=True)}).")
        if not clear:
            change_text.append("No principle changed by more than chance would explain since "
                               "the baseline.")
        elif len(clear) < len(changes) - 1:
            change_text.append("The other principles show no reliable change.")
    gap_text = gap.sentences[0] if gap and gap.sentences else None
    notes = cautions(result)
    caution = ("Scores describe how people experience the organization today; the bands are "
               "indicative stages, not a certification.")
    if not result.questionnaire.validated:
        caution += " This questionnaire is not a validated measure."
    return Summary(headline, interval, _respondents(result, invited), strengths, growth,
                   same_text, focus, focus_note, tuple(change_text), gap_text,
                   _sure(result), _page_one_cautions(result, notes), caution)


def _page_one_cautions(result: ScoreResult, notes: tuple[Caution, ...]) -> tuple[str, ...]:
    """Every caution for page 1; withheld reliability is one line there (each principle's
    section says its own), since it changes how to read the statements, not the scores."""
    withheld = [result.principles[c.target].title for c in notes
                if c.code == "alpha-withheld" and c.target in result.principles]
    out = [c.text for c in notes if c.code not in ("alpha-withheld", "high-unknown")]
    unknown = [c for c in notes if c.code == "high-unknown" and c.target in result.principles]
    if len(unknown) == 1:
        out.append(unknown[0].text)
    elif unknown:
        shares = [f"{result.principles[c.target].title} "
                  f"{fmt.percent(*unknown_share(result, c.target))}" for c in unknown if c.target]
        out.append(f"For {len(unknown)} principles more than a quarter of the answers were "
                   "“Don't know” or “Not applicable” (" + "; ".join(shares) + "). That is a "
                   "finding in itself: many people cannot see what the organization does here.")
    if len(withheld) == 1:
        out += [c.text for c in notes if c.code == "alpha-withheld"]
    elif withheld:
        out.append(f"Reliability (Cronbach's alpha) is not reported for {len(withheld)} "
                   "principles: too few people answered every one of their statements.")
    return tuple(out)


def _sure(result: ScoreResult) -> str:
    """How precise the overall score is, in one sentence computed from its interval."""
    lo, hi = result.overall.ci95
    if not (fmt.ok(lo) and fmt.ok(hi)):
        return "How sure are we? Not at all: too few people answered to say."
    half = (hi - lo) / 2
    text = (f"How sure are we? With {fmt.count(result.respondents, 'person', 'people')}, the "
            f"overall score is known to within about {fmt.score(half)} points either way")
    if half <= 3:
        return text + ", precise enough to compare principles and track change."
    if half <= 8:
        return text + ": treat differences of a few points as noise."
    return text + ": read it as a rough indication, not a measurement."


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
    summary = _summary(result, opts.org, opts.invited, diffs, gaps[0] if gaps else None,
                       opts.leader)
    groups = tuple(group_section(result, result.groups[f]) for f in opts.by
                   if f in result.groups)
    base_scores = ([baseline.principles[p].score if p in baseline.principles else float("nan")
                    for p in pids] if baseline is not None else None)
    ctx = ReportContext(
        meta=meta,
        cover=(q.title + (f": leader {opts.leader}" if opts.leader else ""),
               f"Questionnaire version {q.version}" + (f" · {meta.form}" if meta.form else ""),
               (f"Survey period: {opts.period}" if opts.period else "") or
               f"Report date: {meta.date}", _respondents(result, opts.invited)),
        summary=summary,
        radar=radar(labels, [result.principles[p].score for p in pids], base_scores)
        if len(pids) >= 3 else None,
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
    return _with_toc(ctx)


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


def _with_toc(ctx: ReportContext) -> ReportContext:
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
    toc += [TocEntry("plan", ctx.plan.title), TocEntry("method", "How the scores were made"),
            TocEntry("items", "Appendix: statements in detail")]
    if ctx.notes:
        toc.append(TocEntry("notes", "Notes and evidence"))
    return replace(ctx, toc=tuple(toc))
