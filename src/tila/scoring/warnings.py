"""Warnings about how far a result can be trusted, each with a stable code and plain words.

Scripts match on the codes (listed in docs/results-json.md); reports show the messages where a
decision is made, so each message says what the condition means for the reader, not only that
it occurred. A warning about one principle names it in ``location.path`` ("principles.safety").
"""

from __future__ import annotations

from collections.abc import Mapping

from tila.errors import Location, Problem
from tila.scoring.result import ItemStat, Summary

FEW_RESPONDENTS = 20  # below this, intervals are wide and small differences mean little
LOW_COVERAGE = 0.5  # a principle scored for fewer than half of the respondents
HIGH_UNKNOWN = 0.25  # more than a quarter of a principle's answers are "Don't know" / N/A


def _people(n: int) -> str:
    return f"{n} {'person' if n == 1 else 'people'}"


def few_respondents(kept: int, min_group_size: int) -> list[Problem]:
    if kept >= max(FEW_RESPONDENTS, min_group_size):
        return []
    message = (f"Only {_people(kept)} {'was' if kept == 1 else 'were'} scored: with fewer "
               f"than {FEW_RESPONDENTS}, every score is uncertain (see the wide intervals) "
               "and small differences between principles mean little.")
    if kept < min_group_size:
        message += (f" With fewer than {min_group_size}, results may also identify "
                    "individuals.")
    return [Problem(code="few-respondents", severity="warning", message=message,
                    hint="share these results with care and treat them as a first look")]


def coverage(principles: Mapping[str, Summary], kept: int) -> list[Problem]:
    """Principles scored for fewer than half of the scored respondents."""
    out = []
    for pid, s in principles.items():
        if kept and s.n < LOW_COVERAGE * kept:
            out.append(Problem(
                code="low-coverage", severity="warning",
                location=Location(path=f"principles.{pid}"),
                message=f"{s.title} could be scored for only {s.n} of the {kept} people "
                        "who answered: the others answered too few of its statements. Its "
                        "score speaks for them only.",
                hint="read it as the view of the people who could answer"))
    return out


def unknown_answers(items: Mapping[str, ItemStat], pid: str) -> tuple[int, int]:
    """"Don't know" and "Not applicable" answers to a principle's own statements, and all
    answers to them (any choice made, scored or not; skipped statements are not answers)."""
    own = [it for it in items.values() if it.principle == pid]
    unknown = sum(sum(it.non_scored.values()) for it in own)
    return unknown, unknown + sum(it.n for it in own)


def heavy_unknown(principles: Mapping[str, Summary], items: Mapping[str, ItemStat]
                  ) -> list[Problem]:
    """Principles where "Don't know" and "Not applicable" are over a quarter of the answers:
    a finding in itself, since staff do not know how the organization does this."""
    out = []
    for pid, s in principles.items():
        unknown, given = unknown_answers(items, pid)
        if given and unknown / given > HIGH_UNKNOWN:
            share = round(100 * unknown / given)
            out.append(Problem(
                code="high-unknown", severity="warning",
                location=Location(path=f"principles.{pid}"),
                message=f"{share}% of the answers about {s.title} were \"Don't know\" or "
                        "\"Not applicable\": many people cannot see how the organization "
                        "does this. That is a finding in itself, and the score rests on the "
                        "people who could answer.",
                hint="ask staff why this is hard to see, and make it visible"))
    return out


def unfinished(count: int) -> list[Problem]:
    if not count:
        return []
    return [Problem(
        code="unfinished-excluded", severity="warning",
        message=f"{count} unfinished interview{'' if count == 1 else 's'} "
                f"({'it was' if count == 1 else 'they were'} paused and never submitted) "
                f"{'was' if count == 1 else 'were'} left out.",
        hint="use `include_incomplete=True` to count them")]
