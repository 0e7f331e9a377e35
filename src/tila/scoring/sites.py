"""One report per site (program, team): which sites may have a report, and the figures for each.

A site's report publishes the site's own figures, and the organization excluding that site
("the rest of the organization") beside them. The organization's total is published too (in
its own report and in the leadership summary), so a reader can add and subtract all of these.
The rule is the one of docs/scoring.md: no combination of published figures may describe 1 to
``min_size - 1`` people. The published sets are the total and the shown sites (each site's
"rest" is the total minus the site, so it adds nothing new); the only further set subtraction
can describe is the pool of everyone in no shown site (refused sites and people who did not
state their site). So, per principle, domain and the overall index:

- a site whose figure on any target rests on fewer than ``min_size`` people is refused
  ("small-site");
- while the pool on any target holds 1 to ``min_size - 1`` people, the smallest site still
  shown is refused too ("complementary"), exactly tila.statistics.complementary's rule.

A refused site gets no report at all rather than a report with holes: its people are counted in
the organization's and in every other site's "rest". The loop repeats until nothing changes,
since refusing one site can make another target's pool small. (Groups *inside* a site report
are checked across sites by tila.report.sites, which needs the rendered breakdowns.)
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

import numpy as np
import numpy.typing as npt

from tila.statistics import complementary

if TYPE_CHECKING:
    from tila.questionnaire.model import Questionnaire
    from tila.responses.table import ResponseTable
    from tila.scoring.result import GroupSummary, ScoreResult

Floats = npt.NDArray[np.float64]


@dataclass(frozen=True)
class Figure:
    """n, mean and SD of the 0-100 scores of a set of respondents on one target."""

    n: int
    score: float  # NaN when n == 0
    sd: float  # NaN when n < 2


@dataclass(frozen=True)
class Site:
    value: str
    n: int  # respondents scored
    rows: npt.NDArray[np.intp]  # rows of the input table
    refused: str | None = None  # "small-site" or "complementary"; None: it gets a report
    because: str | None = None  # the target (principle, domain, "overall") that decided it
    result: ScoreResult | None = None  # the site's own scores, only when not refused
    # The organization excluding this site, by target id (principles, domains, "overall").
    rest: dict[str, Figure] | None = None


@dataclass(frozen=True)
class SiteSplit:
    field: str
    label: str
    min_size: int
    organization: ScoreResult
    sites: tuple[Site, ...]  # in the questionnaire's order of choices, others alphabetically
    not_stated: int  # scored respondents who did not say which site they are in
    # Group fields left out of every site report because, across sites, they could single
    # out a few people (see inner_leak).
    withheld: tuple[str, ...] = ()

    @property
    def shown(self) -> tuple[Site, ...]:
        return tuple(s for s in self.sites if s.refused is None)

    @property
    def refused(self) -> tuple[Site, ...]:
        return tuple(s for s in self.sites if s.refused is not None)


def target_ids(result: ScoreResult) -> list[str]:
    r = result.respondent_scores()
    return [*r.principle_ids, *r.domain_ids, "overall"]


def refuse_sites(has_score: npt.NDArray[np.bool_], site_codes: npt.NDArray[np.intp],
                 n_sites: int, min_size: int, answered: npt.NDArray[np.bool_] | None = None,
                 breakdown: npt.NDArray[np.bool_] | None = None
                 ) -> dict[int, tuple[str, int | None]]:
    """Sites to refuse: code -> (reason, the target index that decided it, None for people),
    given who has a score on each target.

    ``has_score`` is (respondents, targets) over scored respondents; ``site_codes`` each one's
    site (-1: not stated). ``answered`` (respondents, statements), when given, says who gave a
    scored answer to each statement: a report shows a statement's score and answer shares only
    when at least ``min_size`` answered it (else "fewer than N answered"), so a statement
    never refuses a site by itself, but the pool of answers in no shown report must not be
    1 to ``min_size - 1`` either, or the organization's figure minus the sites' would be those
    few people's answers; statement j is target ``targets + j`` in the result.
    ``breakdown`` (sites, targets), when given, says where the organization's own report
    broken down by the site field shows each site: that report is published too, and a site
    shown here but hidden there (or the other way round) would make the people in neither
    a pool of their own, so a site is shown only where that breakdown shows it on every
    target. Pure counting, so it is tested directly with generated layouts.
    """
    counts = np.zeros((n_sites, has_score.shape[1]), dtype=np.int64)
    stated = site_codes >= 0
    np.add.at(counts, site_codes[stated], has_score[stated].astype(np.int64))
    people = np.bincount(site_codes[stated], minlength=n_sites)
    totals = has_score.sum(axis=0)
    refused: dict[int, tuple[str, int | None]] = {}
    for s in range(n_sites):
        if people[s] > 0 and people[s] < min_size:
            refused[s] = ("small-site", None)
        elif people[s] > 0 and (counts[s] < min_size).any():
            refused[s] = ("small-site", int(np.argmax(counts[s] < min_size)))
    if breakdown is not None:
        for code in range(n_sites):
            hidden = np.flatnonzero(~breakdown[code])
            if people[code] > 0 and code not in refused and hidden.size:
                refused[code] = ("complementary", int(hidden[0]))
    changed = True
    while changed:
        changed = False
        shown = [s for s in range(n_sites) if s not in refused and people[s] > 0]
        pool = int(site_codes.size - sum(int(people[s]) for s in shown))
        lists: list[tuple[int | None, int, dict[int, int]]] = [
            (None, pool, {s: int(people[s]) for s in shown})]
        lists += [(t, int(totals[t] - counts[shown, t].sum()), {s: int(counts[s, t])
                                                                for s in shown})
                  for t in range(has_score.shape[1])]
        if answered is not None:
            lists += _statement_pools(answered, site_codes, shown, n_sites, min_size,
                                      has_score.shape[1])
        for target, left, sizes in lists:
            more = complementary(sizes, left, min_size)
            if more:
                refused[more[0]] = ("complementary", target)  # one at a time, then again
                changed = True
                break
    return refused


def _statement_pools(answered: npt.NDArray[np.bool_], site_codes: npt.NDArray[np.intp],
                     shown: list[int], n_sites: int, min_size: int, offset: int
                     ) -> list[tuple[int | None, int, dict[int, int]]]:
    """Per statement the organization shows: the answers in no shown site's figure (sites
    where fewer than ``min_size`` answered show none) and the shown sites' counts."""
    counts = np.zeros((n_sites, answered.shape[1]), dtype=np.int64)
    stated = site_codes >= 0
    np.add.at(counts, site_codes[stated], answered[stated].astype(np.int64))
    totals = answered.sum(axis=0)
    out: list[tuple[int | None, int, dict[int, int]]] = []
    for j in np.flatnonzero(totals >= min_size).tolist():
        sizes = {s: int(counts[s, j]) for s in shown if counts[s, j] >= min_size}
        out.append((offset + j, int(totals[j]) - sum(sizes.values()), sizes))
    return out


def split_by_site(q: Questionnaire, table: ResponseTable, field: str, *, min_size: int = 5,
                  by: tuple[str, ...] = ()) -> SiteSplit:
    """Score the organization and each site of ``field`` that may have a report of its own.

    ``by`` are group fields for inside each site's report (each with its own suppression).
    """
    from tila.scoring.engine import score

    inner = tuple(f for f in dict.fromkeys(by) if f != field)
    org = score(q, table, by=(field, *inner), min_group_size=min_size, per_respondent=True)
    scores = org.respondent_scores().scores
    kept = np.flatnonzero(org.respondent_scores().excluded_code == 0)
    codes_all, values = table.group_codes(field)
    codes = codes_all[kept].astype(np.intp)
    # A scored answer: NaN is missing for any reason (blank, "Don't know", ...).
    answered = ~np.isnan(table.values[kept][:, [table.item_ids.index(i) for i in q.item_ids]])
    ids = target_ids(org)
    refused = refuse_sites(~np.isnan(scores[kept]), codes, len(values), min_size, answered,
                           _breakdown(org.groups[field].groups, values, ids))
    reasons = [*ids, *q.item_ids]  # what a refusal's target index names
    spec = next((f for f in q.respondent_fields if f.id == field), None)
    order = {c: i for i, c in enumerate(spec.choices or ())} if spec else {}
    sites = []
    for code in sorted(range(len(values)), key=lambda c: (order.get(values[c], len(order)),
                                                          values[c])):
        rows = kept[codes == code]
        if rows.size == 0:
            continue
        if code in refused:
            why, at = refused[code]
            sites.append(Site(values[code], int(rows.size), rows, refused=why,
                              because=None if at is None else reasons[at]))
            continue
        others = np.setdiff1d(kept, rows, assume_unique=True)
        # Comments are never shown by group (docs/scoring.md), and a site is a group: beside
        # the organization's own report, a site's comments would also tell which comments
        # come from the few people in no site report. So a site's result holds none.
        own = replace(score(q, table.take(rows), by=inner, min_group_size=min_size,
                            per_respondent=True),
                      comments=(), comments_withheld=0)
        sites.append(Site(values[code], int(rows.size), rows, result=own,
                          rest={t: _figure(scores[others, j]) for j, t in enumerate(ids)}))
    label = spec.label if spec else field
    split = SiteSplit(field, label, min_size, org, tuple(sites),
                      not_stated=int((codes < 0).sum()))
    leaky = tuple(f for f in inner if inner_leak(split, table, f))
    if not leaky:
        return split
    # A field whose groups inside the site reports could be played against the organization's
    # own breakdown is left out of every site report (and said so).
    return replace(split, withheld=leaky, sites=tuple(
        s if s.result is None else replace(s, result=replace(s.result, groups={
            k: v for k, v in s.result.groups.items() if k not in leaky}))
        for s in split.sites))


def _breakdown(groups: tuple[GroupSummary, ...], values: Sequence[str], ids: list[str]
               ) -> npt.NDArray[np.bool_]:
    """(sites, targets): whether the organization's breakdown by the site field shows each
    site's figure on each target."""
    shown = {g.value: g for g in groups}
    out = np.zeros((len(values), len(ids)), dtype=bool)
    for code, value in enumerate(values):
        g = shown.get(value)
        if g is not None:
            out[code] = [_shows(g, t) for t in ids]
    return out


def inner_leak(split: SiteSplit, table: ResponseTable, field: str) -> bool:
    """Whether the groups of ``field`` inside the site reports, with the organization's total
    and its own breakdown by ``field``, the shown sites, could isolate 1 to min - 1 people on
    any target (the exact search of tila.scoring.disclosure, over site x group cells)."""
    from tila.scoring.disclosure import TooManyCells, find_leak

    org = split.organization
    kept = np.flatnonzero(org.respondent_scores().excluded_code == 0)
    site_codes, site_values = table.group_codes(split.field)
    group_codes, group_values = table.group_codes(field)
    key = (site_codes[kept].astype(np.int64) + 1) * (len(group_values) + 1) + \
        group_codes[kept] + 1
    cells, cell_of = np.unique(key, return_inverse=True)
    cell_site = cells // (len(group_values) + 1) - 1
    cell_group = cells % (len(group_values) + 1) - 1
    scores = org.respondent_scores().scores[kept]
    for j, tid in enumerate(target_ids(org)):
        sizes = np.bincount(cell_of.reshape(-1), weights=~np.isnan(scores[:, j]),
                            minlength=cells.size).astype(np.int64)
        masks = [np.ones(cells.size, dtype=bool)]
        masks += [cell_group == group_values.index(g.value)
                  for g in org.groups[field].groups if _shows(g, tid)]
        for s in split.shown:
            assert s.result is not None
            at = site_values.index(s.value)
            masks.append(cell_site == at)
            masks += [(cell_site == at) & (cell_group == group_values.index(g.value))
                      for g in s.result.groups[field].groups if _shows(g, tid)]
        try:
            if find_leak(sizes, masks, split.min_size) is not None:
                return True
        except TooManyCells:
            return True
    return False


def _shows(g: GroupSummary, tid: str) -> bool:
    """Whether a group breakdown publishes this group's figure on this target."""
    if g.suppressed:
        return False
    if tid == "overall":
        return g.overall is not None
    return tid in (g.principles or {}) or tid in (g.domains or {})


def _figure(x: Floats) -> Figure:
    x = x[~np.isnan(x)]
    return Figure(int(x.size), float(x.mean()) if x.size else float("nan"),
                  float(x.std(ddof=1)) if x.size > 1 else float("nan"))
