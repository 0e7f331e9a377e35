"""Report sections about the scores: one per principle, the heatmap, groups and gaps.

Each builder returns plain frozen dataclasses holding finished text; templates only place them.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from tila.framework import DOMAINS, PRINCIPLES
from tila.report import fmt
from tila.report.cautions import cautions
from tila.report.charts import heatmap
from tila.report.compare import Difference, LeaderGap
from tila.report.compare_charts import WHOLE, Point, group_dots
from tila.report.favour import favour, said
from tila.report.item_chart import favourable_chart
from tila.report.ranking import Standing, band_words, standings, target
from tila.report.svg import Chart, Table
from tila.scoring.result import GroupBreakdown, ItemStat, ScoreResult, Summary

SHORT = {c.id: c.short for c in (*PRINCIPLES, *DOMAINS)}


@dataclass(frozen=True)
class ItemRow:
    id: str
    text: str
    score: str
    n: int
    favourable: str  # share favourable, reverse wording undone: "72%"
    neutral: str  # "" on a scale with no middle point
    unfavourable: str
    said: str  # what people actually answered: "80% disagreed"
    not_scored: str  # "Don't know" and "Not applicable" answers together: "6", or ""
    reverse: bool


@dataclass(frozen=True)
class PrincipleSection:
    id: str
    anchor: str
    title: str
    score: str
    band: str  # 'in the band “Trauma responsive”' or 'between … and …'
    ci: str
    n: int
    alpha: str
    alpha_note: str
    standing: str  # how it compares with the overall index, from the paired interval
    target: str  # the next survey's target, or ""
    cautions: tuple[str, ...]  # warnings about this principle, in plain words
    drivers: tuple[str, ...]  # sentences: what drives the score
    items: tuple[ItemRow, ...]  # weakest first
    chart: Chart | None


def alpha_note(s: Summary, withheld: bool = False) -> str:
    """The reliability sentence. ``s.alpha`` is the pairwise alpha (scoring/reliability.py)."""
    if withheld or s.alpha is None:
        return ("Reliability (Cronbach's alpha) is not reported: it needs at least 3 statements, "
                "at least 10 people answering each pair of them, and answers that vary.")
    a = s.alpha
    base = (f"Cronbach's alpha is {fmt.alpha(a)}, from each pair of statements over the people "
            "who answered both: ")
    if a >= 0.8:
        return base + "the statements measure the principle consistently."
    if a >= 0.7:
        return base + "the statements measure the principle acceptably."
    if a >= 0:
        return base + ("the statements do not hang together strongly, so read this score "
                       "alongside the individual statements below.")
    return base + ("the statements do not move together in these answers (alpha is below zero), "
                   "so treat this score with caution and read the individual statements below.")


def _item_row(st: ItemStat, min_n: int) -> ItemRow:
    """A statement's row. Its answer shares are shown only when at least ``min_n`` people
    answered it: a share of three answers says how those three people answered."""
    f = favour(st)
    unsure = sum(st.non_scored.values())
    extra = str(unsure) if unsure else ""
    has_mid = len(st.counts) % 2 == 1
    if st.n < min_n:
        hidden = "–" if st.n else ""
        return ItemRow(st.id, st.text, hidden or fmt.score(st.score),
                       st.n, hidden, hidden if has_mid else "", hidden,
                       f"fewer than {min_n} answered" if st.n else "", extra, st.reverse)
    return ItemRow(st.id, st.text, fmt.score(st.score), st.n, fmt.percent(f.favourable, f.n),
                   fmt.percent(f.neutral, f.n) if has_mid else "",
                   fmt.percent(f.unfavourable, f.n), said(f) if f.n else "", extra, st.reverse)


def _driver(prefix: str, st: ItemStat) -> str:
    """A sentence naming a statement, its score and its favourable share, from its answers.

    A reverse-worded statement ("I am expected to answer messages after hours") is favourable
    when people disagree with it: the sentence says what people actually answered, so nobody
    reads a high score as agreement.
    """
    f = favour(st)
    text = (f"{prefix}: “{st.text}” ({fmt.score(st.score)}; {fmt.percent(f.favourable, f.n)} "
            "favourable)")
    if not st.reverse:
        return text + "."
    return f"{text}. It is worded the other way round: {said(f)} with it."


def _standing(st: Standing | None) -> str:
    if st is None or st.verdict == "unknown":
        return "Too few people answered to compare it with the other principles."
    gap = fmt.score(abs(st.diff))
    ci = fmt.interval(st.lo, st.hi, sign=True)
    if st.verdict == "strength":
        return (f"A strength: people rate it {gap} points above their overall score on "
                f"average (95% CI {fmt.size_interval(st.lo, st.hi)} above).")
    if st.verdict == "growth":
        return (f"A growth area: people rate it {gap} points below their overall score on "
                f"average (95% CI {fmt.size_interval(st.lo, st.hi)} below).")
    return (f"About the same as the others: its difference from people's overall score "
            f"({fmt.signed(st.diff)} points, 95% CI {ci}) could be chance.")


def principle_sections(result: ScoreResult) -> tuple[PrincipleSection, ...]:
    q = result.questionnaire
    order = {iid: k for k, iid in enumerate(q.item_ids)}
    ranks = standings(result)
    notes = cautions(result)
    bands = q.scoring.bands
    out = []
    for pid, s in result.principles.items():
        stats = sorted((result.items[i] for i in s.item_ids
                        if result.items[i].principle == pid),
                       key=lambda st: (st.score if fmt.ok(st.score) else 1e9, order[st.id]))
        min_n = result.rules.min_group_size
        rows = tuple(_item_row(st, min_n) for st in stats)
        # Shares of answers, in sentences and bars, only for statements enough people answered.
        scored = [st for st in stats if st.n >= min_n]
        drivers = []
        if len(scored) >= 2:
            hi = max(scored, key=lambda st: (st.score, -order[st.id]))
            drivers.append(_driver("Strongest", hi))
            drivers.append(_driver("Most room to grow", scored[0]))
        unsure = sum(v for st in stats for v in st.non_scored.values())
        if unsure:
            drivers.append(f"There were {fmt.count(unsure, 'answer')} of “Don't know” or "
                           "“Not applicable”; they count as missing, never as a low score.")
        chart = None
        if scored:
            same = [st for st in scored if len(st.counts) == len(scored[0].counts)]
            chart = favourable_chart(f"items-{pid}", f"How people answered: {s.title}", same)
        mine = tuple(c.text for c in notes if c.target == pid)
        withheld = any(c.code == "alpha-withheld" and c.target == pid for c in notes)
        goal = (f"Target for the next survey: {fmt.score(target(bands, s.score))} "
                f"(today {fmt.score(s.score)})." if fmt.ok(s.score) and bands else "")
        out.append(PrincipleSection(
            id=pid, anchor=f"principle-{pid}", title=s.title, score=fmt.score(s.score),
            band=band_words(bands, s), ci=fmt.interval(*s.ci95), n=s.n,
            alpha="not reported" if withheld else fmt.alpha(s.alpha),
            # A caution about reliability already says it in plain words at this principle.
            alpha_note="" if any(c.target == pid and c.code.startswith("alpha-") for c in notes)
            else alpha_note(s, withheld), standing=_standing(ranks.get(pid)),
            target=goal, cautions=mine, drivers=tuple(drivers), items=rows, chart=chart))
    return tuple(out)


def heatmap_chart(result: ScoreResult) -> Chart | None:
    """Average keyed item score per principle and domain (weighted by the item's weight)."""
    q = result.questionnaire
    pids, dids = q.principles_used(), q.domains_used()
    if len(dids) < 2:
        return None
    cells: list[list[float | None]] = []
    for pid in pids:
        row: list[float | None] = []
        for did in dids:
            pairs = [(st.weights[pid], st.score) for st in result.items.values()
                     if st.domain == did and pid in st.weights and fmt.ok(st.score)]
            total = sum(w for w, _ in pairs)
            row.append(sum(w * v for w, v in pairs) / total if total else None)
        cells.append(row)
    # A grid at least half empty (a short leader or pulse form) says less than the bar chart.
    if 2 * sum(v is not None for row in cells for v in row) <= len(pids) * len(dids):
        return None
    return heatmap([result.principles[p].title for p in pids], [SHORT[d] for d in dids], cells,
                   [SHORT[p] for p in pids])


@dataclass(frozen=True)
class GroupSection:
    field: str
    anchor: str
    label: str
    table: Table
    chart: Chart | None
    notes: tuple[str, ...]


def suppression_sentence(min_size: int) -> str:
    """The anonymity rule in words (docs/scoring.md, "Groups and anonymity"), for the group
    tables and the methods section alike."""
    return (f"Figures resting on fewer than {min_size} people are not shown, so nobody's "
            "answers can be singled out. When the people not shown (including those who did "
            "not say) would number fewer than that, the next smallest group is hidden too, "
            "because their figures could otherwise be worked out from the total. The same "
            "holds for each principle, and across breakdowns shown side by side.")


def group_section(result: ScoreResult, g: GroupBreakdown) -> GroupSection:
    pids = list(result.principles)
    header = (g.label, "People", "Overall", *(SHORT[p] for p in pids))
    rows = []
    series: list[tuple[str, list[Point]]] = []
    hidden = 0
    for gs in g.groups:
        if gs.suppressed or gs.principles is None or gs.overall is None:
            hidden += 1
            why = ("fewer than " + str(g.min_group_size) if gs.reason == "small-group"
                   else "protects a smaller group")
            rows.append((gs.value, "not shown", f"not shown ({why})", *("" for _ in pids)))
            continue
        scores = [gs.principles[p].score if p in gs.principles else None for p in pids]
        hidden += bool(gs.hidden_figures)
        rows.append((gs.value, str(gs.n), fmt.score(gs.overall.score),
                     *("not shown" if p in gs.hidden_figures else fmt.score(v)
                       for p, v in zip(pids, scores, strict=True))))
        series.append((gs.value, [(gs.principles[p].score, *gs.principles[p].ci95)
                                  if p in gs.principles else None for p in pids]))
    notes = [suppression_sentence(g.min_group_size)] if hidden else []
    if g.not_stated:
        who = (fmt.count(g.not_stated_shown, 'person', 'people')
               if g.not_stated_shown is not None else f"Fewer than {g.min_group_size} people")
        notes.append(f"{who} did not say ({g.label.lower()}); they are counted in the "
                     "organization's figures only.")
    chart = (group_dots(f"groups-{g.field}", f"Principle scores by {g.label.lower()}",
                        [result.principles[p].title for p in pids], series,
                        [(result.principles[p].score, *result.principles[p].ci95) for p in pids])
             if series else None)
    table = Table(f"Scores by {g.label.lower()}", header, tuple(rows))
    if chart is not None:
        # The one table printed for the comparison (in the appendix, and behind "Show the
        # numbers" on screen): a row per group as above, each score with its interval, so it
        # holds the chart's numbers and the people counts and hidden groups alike.
        whole = (WHOLE, str(result.respondents),
                 *(_cell(s) for s in (result.overall, *(result.principles[p] for p in pids))))
        by_group = {gs.value: gs for gs in g.groups}
        detailed = [whole]
        for row in rows:
            gs = by_group[row[0]]
            if row[1] == "not shown" or gs.principles is None:
                detailed.append(row)
                continue
            detailed.append((*row[:2], _cell(gs.overall),
                             *("not shown" if p in gs.hidden_figures else
                               _cell(gs.principles.get(p)) for p in pids)))
        chart = replace(chart, table=Table(chart.table.caption, header, tuple(detailed)))
    return GroupSection(g.field, f"groups-{g.field}", g.label, table, chart, tuple(notes))


def _cell(s: Summary | None) -> str:
    """A score with its 95% interval, as the dot plot draws it."""
    if s is None or not fmt.ok(s.score):
        return fmt.MISSING
    lo, hi = s.ci95
    return f"{fmt.score(s.score)} ({fmt.interval(lo, hi)})" if fmt.ok(lo) and fmt.ok(hi) \
        else fmt.score(s.score)


@dataclass(frozen=True)
class GapSection:
    title: str
    intro: str
    table: Table
    sentences: tuple[str, ...]


def _gap_sentence(r: Difference, who_a: str, who_b: str, counts: str, ci: bool) -> str:
    """'Safety: leaders rate it 21.5 points higher than staff (7 leaders, 40 staff; …).'"""
    higher = r.a > r.b  # a is the leaders' (or the self-) rating, b the staff's
    top, bottom = (who_a, who_b) if higher else (who_b, who_a)
    verb = "rates" if top == "the self-rating" else "rate"
    text = (f"{r.title}: {top} {verb} it {fmt.score(abs(r.diff))} points higher than "
            f"{bottom} ({counts}")
    if ci:  # only reliable gaps get here: the interval lies on the side the sentence names
        text += f"; 95% CI of the gap {fmt.size_interval(r.lo, r.hi)} higher"
    return text + ")."


def _gap_sentences(rows: tuple[Difference, ...], who_a: str, who_b: str, counts: str,
                   tested: bool) -> tuple[str, ...]:
    if tested:
        clear = sorted((r for r in rows if r.reliable), key=lambda r: -abs(r.diff))
        if not clear:
            return (f"{who_a.capitalize()} and {who_b} see the principles in much the same way: "
                    f"no gap is larger than chance would explain ({counts}).",)
        return tuple(_gap_sentence(r, who_a, who_b, counts, True) for r in clear)
    big = sorted((r for r in rows if abs(r.diff) >= 10), key=lambda r: -abs(r.diff))
    if not big:
        return (f"{who_a[0].upper() + who_a[1:]} and {who_b} rate every principle within 10 "
                f"points of each other ({counts}).",)
    return tuple(_gap_sentence(r, who_a, who_b, counts, False) for r in big)


def leader_gap_section(gap: LeaderGap) -> GapSection:
    table = Table("Leaders and staff", ("Principle", "Leaders", "Staff", "Gap (staff − leaders)",
                                        "95% CI"),
                  tuple((r.title, fmt.score(r.a), fmt.score(r.b), fmt.signed(r.diff),
                         fmt.interval(r.lo, r.hi, sign=True)) for r in gap.rows))
    intro = (f"How the {fmt.count(gap.n_leaders, 'person', 'people')} in “{gap.leaders}” and "
             f"the other {fmt.count(gap.n_staff, 'person', 'people')} who answered see the "
             "organization. A gap is not a judgement of anyone: it shows where experiences "
             "differ and where a conversation could start.")
    return GapSection("Leaders and staff", intro, table,
                      _gap_sentences(gap.rows, "leaders", "staff",
                                     f"{fmt.count(gap.n_leaders, 'leader')}, "
                                     f"{fmt.count(gap.n_staff, 'staff member')}", tested=True))


def self_gap_section(rows: tuple[Difference, ...], n_staff: int, n_self: int) -> GapSection:
    table = Table("Self-rating and staff ratings", ("Principle", "Self-rating", "Staff",
                                                    "Gap (staff − self)"),
                  tuple((r.title, fmt.score(r.a), fmt.score(r.b), fmt.signed(r.diff))
                        for r in rows))
    who = ("The leader's own rating" if n_self == 1 else
           f"The average self-rating of {n_self} leaders")
    intro = (f"{who} beside the ratings of "
             f"{fmt.count(n_staff, 'staff member')}. Differences of 10 points or more are "
             "listed below as starting points for a conversation, not as a verdict.")
    return GapSection("Self-rating and staff ratings", intro, table,
                      _gap_sentences(rows, "the self-rating" if n_self == 1 else
                                     "the leaders' own ratings", "staff",
                                     ("1 self-rating" if n_self == 1 else
                                      f"{n_self} self-ratings") + ", "
                                     f"{fmt.count(n_staff, 'staff rating')}", tested=False))
