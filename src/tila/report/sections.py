"""Report sections about the scores: one per principle, the heatmap, groups and gaps.

Each builder returns plain frozen dataclasses holding finished text; templates only place them.
"""

from __future__ import annotations

from dataclasses import dataclass

from tila.framework import DOMAINS, PRINCIPLES
from tila.report import fmt
from tila.report.charts import ItemBar, diverging, heatmap
from tila.report.compare import Difference, LeaderGap
from tila.report.compare_charts import Point, group_dots
from tila.report.svg import Chart, Table
from tila.scoring.result import GroupBreakdown, ItemStat, ScoreResult, Summary

SHORT = {c.id: c.short for c in (*PRINCIPLES, *DOMAINS)}


@dataclass(frozen=True)
class ItemRow:
    id: str
    text: str
    score: str
    n: int
    agree: str  # share agreeing (top half of the scale)
    not_scored: str  # "Don't know 4, Not applicable 2" or ""
    reverse: bool


@dataclass(frozen=True)
class PrincipleSection:
    id: str
    anchor: str
    title: str
    score: str
    band: str
    ci: str
    n: int
    alpha: str
    alpha_note: str
    drivers: tuple[str, ...]  # sentences: what drives the score
    items: tuple[ItemRow, ...]  # weakest first
    chart: Chart | None


def alpha_note(s: Summary) -> str:
    if s.alpha is None:
        return ("Reliability could not be computed (it needs at least two statements and two "
                "people who answered all of them).")
    a = s.alpha
    who = fmt.count(s.alpha_n, "person", "people")
    base = f"Cronbach's alpha is {fmt.alpha(a)}, from the {who} who answered every statement: "
    if a >= 0.8:
        return base + "the statements measure the principle consistently."
    if a >= 0.7:
        return base + "the statements measure the principle acceptably."
    return base + ("the statements do not hang together strongly, so read this score "
                   "alongside the individual statements below.")


def _item_row(q_scale_mid: int, st: ItemStat, labels: dict[str, str]) -> ItemRow:
    n = sum(st.counts)
    top = sum(st.counts[len(st.counts) - q_scale_mid:])
    extra = ", ".join(f"{labels.get(k, k)} {v}" for k, v in st.non_scored.items() if v)
    return ItemRow(st.id, st.text, fmt.score(st.score), st.n, fmt.percent(top, n), extra,
                   st.reverse)


def _driver(prefix: str, st: ItemStat, *, high: bool) -> str:
    """A sentence naming a statement and its score. A reverse-scored statement ("I am expected
    to answer messages after hours") is strong when people disagree with it, which the sentence
    must say, or a reader would take its high score as agreement."""
    text = f"{prefix}: “{st.text}” ({fmt.score(st.score)})"
    if not st.reverse:
        return text + "."
    leaning = "disagree with it" if high else "agree with it"
    return (f"{text}; this statement is reverse-scored, so its {'high' if high else 'low'} "
            f"score means people tended to {leaning}.")


def principle_sections(result: ScoreResult) -> tuple[PrincipleSection, ...]:
    q = result.questionnaire
    order = {iid: k for k, iid in enumerate(q.item_ids)}
    out = []
    for pid, s in result.principles.items():
        stats = sorted((result.items[i] for i in s.item_ids
                        if result.items[i].principle == pid),
                       key=lambda st: (st.score if fmt.ok(st.score) else 1e9, order[st.id]))
        labels = {o.id: o.label for sc in q.scales.values() for o in sc.non_scored}
        rows = tuple(_item_row(len(st.labels) // 2, st, labels) for st in stats)
        scored = [st for st in stats if st.n > 0]
        drivers = []
        if len(scored) >= 2:
            hi = max(scored, key=lambda st: (st.score, -order[st.id]))
            lo = scored[0]
            drivers.append(_driver("Strongest", hi, high=True))
            drivers.append(_driver("Most room to grow", lo, high=False))
        unsure = sum(v for st in stats for v in st.non_scored.values())
        if unsure:
            drivers.append(f"There were {fmt.count(unsure, 'answer')} of “Don't know” or "
                           "“Not applicable”; they count as missing, never as a low score.")
        chart = None
        if scored:
            point_labels = scored[0].labels
            bars = [ItemBar(st.text + (" (reverse-scored: agreeing lowers the score)"
                                       if st.reverse else ""), st.counts, st.score)
                    for st in scored if st.labels == point_labels]
            chart = diverging(f"items-{pid}", f"How people answered: {s.title}",
                              point_labels, bars)
        out.append(PrincipleSection(
            id=pid, anchor=f"principle-{pid}", title=s.title, score=fmt.score(s.score),
            band=s.band_label or fmt.MISSING, ci=fmt.interval(*s.ci95), n=s.n,
            alpha=fmt.alpha(s.alpha), alpha_note=alpha_note(s), drivers=tuple(drivers),
            items=rows, chart=chart))
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
    return (f"Figures resting on fewer than {min_size} people are not shown, so nobody's "
            "answers can be singled out. When the people not shown (including those who did "
            "not say) would number fewer than that, the next smallest group is hidden too, "
            "because their figures could otherwise be worked out from the total.")


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
    return GroupSection(g.field, f"groups-{g.field}", g.label,
                        Table(f"Scores by {g.label.lower()}", header, tuple(rows)), chart,
                        tuple(notes))


@dataclass(frozen=True)
class GapSection:
    title: str
    intro: str
    table: Table
    sentences: tuple[str, ...]


def _gap_sentences(rows: tuple[Difference, ...], who_a: str, who_b: str,
                   tested: bool) -> tuple[str, ...]:
    if tested:
        clear = sorted((r for r in rows if r.reliable), key=lambda r: -abs(r.diff))
        if not clear:
            return (f"{who_a.capitalize()} and {who_b} see the principles in much the same way: "
                    "no gap is larger than chance would explain.",)
        return tuple(f"{r.title}: {who_b} score {fmt.score(r.b)} and {who_a} "
                     f"{fmt.score(r.a)}, a gap of {fmt.signed(r.diff)} points "
                     f"(95% CI {fmt.interval(r.lo, r.hi, sign=True)})." for r in clear)
    big = sorted((r for r in rows if abs(r.diff) >= 10), key=lambda r: -abs(r.diff))
    if not big:
        return (f"{who_a.capitalize()} and {who_b} rate every principle within 10 points of "
                "each other.",)
    return tuple(f"{r.title}: {who_b} {fmt.score(r.b)}, {who_a} {fmt.score(r.a)} "
                 f"({fmt.signed(r.diff)} points)." for r in big)


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
                      _gap_sentences(gap.rows, "leaders", "staff", tested=True))


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
                      _gap_sentences(rows, "the self-rating", "staff", tested=False))
