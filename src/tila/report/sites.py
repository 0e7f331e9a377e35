"""What a site's report says about the site beside the rest of its organization, and the
leadership summary of all sites (the index page).

"The rest of the organization" is everyone scored who is not at the site, so a site is never
compared with a total that contains itself. Site and rest are separate people, so each
difference gets Welch's 95% interval (report/compare.py).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from tila.report import fmt
from tila.report.compare import welch
from tila.report.compare_charts import group_dots
from tila.report.extras import ExtraSection
from tila.scoring.result import ScoreResult, Summary
from tila.scoring.sites import Figure, Site, SiteSplit
from tila.statistics import t_quantile

ANCHOR = "site-vs-rest"
TITLE = "This site and the rest of the organization"


def ci95(f: Figure) -> tuple[float, float]:
    """The t interval of a figure's mean (NaN ends below two people)."""
    if f.n < 2 or math.isnan(f.sd):
        return math.nan, math.nan
    half = t_quantile(0.975, f.n - 1) * f.sd / math.sqrt(f.n)
    return f.score - half, f.score + half


@dataclass(frozen=True)
class SiteRow:
    id: str
    title: str
    site: float
    rest: float
    diff: float  # site - rest
    lo: float
    hi: float

    @property
    def verdict(self) -> str:
        if math.isnan(self.lo) or math.isnan(self.hi):
            return "no interval (too few people in one of the two)"
        if self.lo > 0:
            return "higher at this site"
        if self.hi < 0:
            return "lower at this site"
        return "no reliable difference"


def site_rows(site: Site) -> tuple[SiteRow, ...]:
    """Per principle, then the overall index: the site, the rest, and the difference."""
    assert site.result is not None
    assert site.rest is not None
    r = site.result
    out = []
    for tid, s in [*r.principles.items(), ("overall", r.overall)]:
        rest = site.rest.get(tid)
        if rest is None or rest.n == 0 or s.n == 0:
            continue
        # welch(a..., b...) is b - a: the rest first, so the difference is site minus rest.
        diff, lo, hi = welch(rest.n, rest.score, rest.sd, s.n, s.score, s.sd)
        out.append(SiteRow(tid, "Overall index" if tid == "overall" else s.title, s.score,
                           rest.score, diff, lo, hi))
    return tuple(out)


#: Why a site report has no comments (scoring/sites.py leaves them out of a site's result).
COMMENTS_WHERE = ("Free-text comments are in the organization's report only, never by site: a "
                  "comment set beside its site can identify who wrote it.")


def site_section(site: Site, split: SiteSplit) -> ExtraSection:
    """The section "This site and the rest of the organization" of one site's report."""
    assert site.result is not None
    assert site.rest is not None
    rest_n = split.organization.respondents - site.n
    if rest_n == 0:
        return ExtraSection(ANCHOR, TITLE, None, (
            f"Everyone who answered is at {site.value}, so there is no rest of the "
            "organization to compare with. " + COMMENTS_WHERE,), (), None, None)
    rows = site_rows(site)
    intro = (f"{site.value}'s {fmt.count(site.n, 'respondent')} beside the other "
             f"{fmt.count(rest_n, 'respondent')} of the organization: everyone scored who is "
             f"not at {site.value}, including people at sites without a report of their own "
             "and people who did not name a site. The two are separate groups of people, so "
             "each difference (this site minus the rest) has a 95% confidence interval; when "
             "the interval includes zero, the difference could be chance and reads “no "
             "reliable difference”. " + COMMENTS_WHERE)
    sentences = tuple(
        f"{row.title}: {fmt.score(row.site)} at this site, {fmt.score(row.rest)} in the rest "
        f"of the organization, a difference of {fmt.signed(row.diff)} (95% CI "
        f"{fmt.interval(row.lo, row.hi, sign=True)}): {row.verdict}." for row in rows)
    r = site.result
    principles = [*r.principles]
    chart = group_dots(
        "site-vs-rest", f"{site.value} and the rest of the organization, with 95% intervals",
        [r.principles[p].title for p in principles],
        [("This site", [_point(r.principles[p]) for p in principles]),
         ("Rest of the organization", [_rest_point(site.rest.get(p)) for p in principles])])
    # No table as well: the sentences carry every number, and the chart's own table is one
    # click away (and in the PDF's appendix), so the section fits one page.
    return ExtraSection(ANCHOR, TITLE, None, (intro,), sentences, chart, None,
                        withheld_notes(split))


def withheld_notes(split: SiteSplit) -> tuple[str, ...]:
    return tuple(
        f"Groups by {f.replace('_', ' ')} are not shown in the site reports: set beside the "
        f"organization's own figures by {f.replace('_', ' ')}, they could single out fewer "
        f"than {split.min_size} people at a site without a report or among people who did "
        "not name a site." for f in split.withheld)


def _point(s: Summary) -> tuple[float, float, float] | None:
    return None if s.n == 0 else (s.score, *s.ci95)


def _rest_point(f: Figure | None) -> tuple[float, float, float] | None:
    return None if f is None or f.n == 0 else (f.score, *ci95(f))


REASONS = {
    "small-site": "fewer than {min} people answered here{on}, so a report could let someone "
                  "recognize how individuals answered",
    "complementary": "together with the other sites' reports and the organization's own "
                     "figures (its total and its figures by site), this site's figures{on} "
                     "would let a reader work out the scores of the few "
                     "people in no report (sites without one and people who did not name a "
                     "site), fewer than {min} of them",
}


SHORT = {"small-site": "No report: fewer than {min} people{on}.",
         "complementary": "No report: its figures{on} would expose the few people in no "
                          "report."}


EXPLAIN = {
    "small-site": "A site has no report when fewer than {min} of its people answered, or have "
                  "a score on some principle, domain or the overall index: a report could let "
                  "someone recognize how individuals answered.",
    "complementary": "A site has no report when its figures, together with the other "
                     "sites' reports and the organization's own figures (its total and its "
                     "figures by site), would let a reader work out "
                     "the scores of the people in no report (at sites without one, or who did "
                     "not name a site) while they are fewer than {min}; the smallest site is "
                     "then held back too.",
}


def short_refusal(site: Site, split: SiteSplit) -> str:
    """The one-line reason in the index table (the notes under it explain)."""
    assert site.refused is not None
    on = f" on {_title(split.organization, site.because)}" if site.because else ""
    return SHORT[site.refused].format(min=split.min_size, on=on)


def refusal(site: Site, split: SiteSplit) -> str:
    """Why a site has no report, in words a director can pass on."""
    assert site.refused is not None
    on = ""
    if site.because is not None:
        on = f" on {_title(split.organization, site.because)}"
    return REASONS[site.refused].format(min=split.min_size, on=on)


def _title(result: ScoreResult, tid: str) -> str:
    if tid == "overall":
        return "the overall index"
    s = result.principles.get(tid) or result.domains.get(tid)
    if s is None and tid in result.items:  # a statement's answers (scoring/sites.py)
        return f"the statement “{result.items[tid].text}”"
    return s.title if s is not None else tid


def _refused_count(site: Site, split: SiteSplit) -> str:
    """A refused site's size, printed only when it is not itself below the minimum and when,
    subtracted with the others from the total, it would not give away how many (1 to min - 1)
    people did not name a site: the pool of everyone in no report is what may be derived."""
    if site.n < split.min_size:
        return f"fewer than {split.min_size}"
    if 0 < split.not_stated < split.min_size:
        return "not shown"
    return f"{site.n:,}"


@dataclass(frozen=True)
class IndexRow:
    name: str
    n: str  # respondents, as printed ("fewer than 5" for a refused site)
    link: str | None  # file name of the site's report; None when refused
    cells: tuple[tuple[str, str], ...]  # per principle ("62.5", "58.1–66.9"), or dashes
    reason: str | None  # why there is no report


@dataclass(frozen=True)
class SiteIndex:
    title: str
    org: str
    field_label: str
    intro: str
    header: tuple[str, ...]
    organization: IndexRow
    rows: tuple[IndexRow, ...]
    notes: tuple[str, ...]
    date: str


def site_index(split: SiteSplit, org: str, links: dict[str, str], date: str) -> SiteIndex:
    """The leadership page: one row per site, principle scores with intervals; refused sites
    listed with their reason and no figures."""
    o = split.organization
    pids = list(o.principles)

    def cells(r: ScoreResult) -> tuple[tuple[str, str], ...]:
        return tuple((fmt.score(s.score), fmt.interval(*s.ci95))
                     for s in (*(r.principles[p] for p in pids), r.overall))

    rows = []
    for s in split.sites:
        if s.result is None:
            shown_n = _refused_count(s, split)
            rows.append(IndexRow(s.value, shown_n, None,
                                 tuple((fmt.MISSING, fmt.MISSING) for _ in range(len(pids) + 1)),
                                 short_refusal(s, split)))
        else:
            rows.append(IndexRow(s.value, f"{s.n:,}", links.get(s.value), cells(s.result),
                                 None))
    notes = [f"Scores are 0 to 100, with their 95% confidence intervals under them. Each "
             f"site's figures come from its own respondents only; groups inside a site's "
             f"report are hidden when smaller than {split.min_size}."]
    if split.refused:
        notes.append("A site without a report still counts: its people are "
                     "counted in the organization's figures and in every other site's "
                     "“rest of the organization”, but no figure of their own is shown.")
        notes += [EXPLAIN[why].format(min=split.min_size)
                  for why in dict.fromkeys(x.refused for x in split.refused if x.refused)]
    if split.not_stated:
        notes.append("People who did not name a site are counted in the organization's figures "
                     "and in each site's “rest of the organization”.")
    notes += withheld_notes(split)
    label = split.field.replace("_", " ")  # "site", "program": the label is a question
    return SiteIndex(
        title=f"{org}: one report per {label}", org=org, field_label=label,
        intro=(f"{fmt.count(len(split.shown), 'report')} for "
               f"{fmt.count(len(split.sites), label.lower())} "
               f"({fmt.count(o.respondents, 'respondent')} in all). Each report shows its "
               f"{label.lower()} beside the rest of the organization."),
        header=(label.capitalize(), "Respondents", *(o.principles[p].title for p in pids),
                "Overall"),
        organization=IndexRow("Whole organization", f"{o.respondents:,}",
                              None, cells(o), None),
        rows=tuple(rows), notes=tuple(notes), date=date)
