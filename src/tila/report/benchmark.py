"""The words and table that place an organization in a benchmark, with its provenance.

A synthetic benchmark (tila demo's) says so in its title, in its label, and in its table's
header, which a PDF repeats on every page the table reaches.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from tila.benchmark.position import Benchmark, Position, Share, positions
from tila.report import fmt
from tila.report.extras import ExtraSection
from tila.report.svg import Table

if TYPE_CHECKING:
    from tila.scoring.result import ScoreResult

ANCHOR = "benchmark"


def pct(x: float) -> str:
    """A share as a rounded percentage: the benchmark is not precise to the point."""
    return f"{5 * round(20 * x)}%"


def provenance(b: Benchmark) -> str:
    text = (f"{fmt.count(b.organizations, 'organization')} that answered {b.questionnaire} "
            f"version {b.version}, results dated {b.date_from} to {b.date_to}. Described by "
            f"whoever built it as: “{b.description}”. The benchmark holds no organization's "
            "name or score, only where the scores cut the organizations into slices.")
    if b.synthetic:
        return ("Synthetic benchmark: made by tila from generated organizations, not real ones. "
                "It shows how this section reads; it says nothing about how real organizations "
                "score. " + text)
    return "Benchmark: " + text


def where(s: Share) -> str:
    """'higher than about 60% of', 'in the lowest 10% of', 'in the highest 10% of'."""
    if s.exact:
        return f"higher than about {pct(s.low)} of"
    if s.low == 0.0:
        return f"in the lowest {pct(s.high)} of"
    return f"in the highest {pct(1.0 - s.low)} of"


def chance(p: Position) -> str:
    """The interval carried through: the shares at its two ends."""
    if p.interval is None:
        return "there is no interval to allow for chance"
    lo, hi = p.interval[0].low, p.interval[1].high
    if lo == 0.0 and hi == 1.0:
        return "allowing for chance it could be anywhere in the benchmark"
    if pct(lo) == pct(hi):
        return f"allowing for chance, still about {pct(lo)}"
    return f"allowing for chance, higher than between about {pct(lo)} and {pct(hi)}"


def sentence(p: Position) -> str:
    return (f"{p.title}: {fmt.score(p.score)} is {where(p.share)} the "
            f"{fmt.count(p.organizations, 'organization')} in this benchmark ({chance(p)}).")


def benchmark_section(result: ScoreResult, b: Benchmark) -> ExtraSection:
    rows = positions(result, b)
    kind = "synthetic benchmark" if b.synthetic else "benchmark"
    table = Table(f"Where the scores fall in the {kind}",
                  (f"Principle ({kind})", "Score", "Organizations", "Position",
                   "Allowing for chance"),
                  tuple((p.title, fmt.score(p.score), str(p.organizations),
                         where(p.share).removesuffix(" of"), chance(p).removeprefix(
                             "allowing for chance, ")) for p in rows))
    intro = ("Each principle's score set beside the scores of the benchmark's organizations. "
             "“Higher than about 60%” means about 60% of those organizations scored lower. The "
             "score's 95% interval is carried through: its two ends give the range of "
             "positions that chance allows.")
    notes = ("A benchmark compares; it does not set a target. Organizations that chose to be "
             "assessed are not a random sample of all organizations.",)
    title = ("Where you stand among other organizations" +
             (" (synthetic benchmark)" if b.synthetic else ""))
    return ExtraSection(ANCHOR, title, provenance(b), (intro,),
                        tuple(sentence(p) for p in rows), None, table, notes)
