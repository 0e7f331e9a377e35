"""Cautions a reader needs where decisions are made: on page 1 and at the principle concerned.

The scoring engine reports the conditions as ``ScoreResult.warnings`` (codes few-respondents,
low-coverage, high-unknown, alpha-withheld, alpha-negative, unfinished-excluded); the words a
reader sees are written here, from the figures they describe.
"""

from __future__ import annotations

from dataclasses import dataclass

from tila.errors import Problem
from tila.report import fmt
from tila.scoring.result import ScoreResult
from tila.scoring.warnings import unknown_answers

CODES = ("few-respondents", "low-coverage", "high-unknown", "alpha-withheld", "alpha-negative",
         "unfinished-excluded")


@dataclass(frozen=True)
class Caution:
    code: str
    target: str | None  # a principle id, or None for the whole survey
    text: str


def unknown_share(result: ScoreResult, pid: str) -> tuple[int, int]:
    """'Don't know' and 'Not applicable' answers to a principle's statements, and all answers."""
    return unknown_answers(result.items, pid)


def warnings_of(result: ScoreResult) -> list[Problem]:
    """The engine's warnings that a reader needs, in the engine's order."""
    return [w for w in result.warnings if w.code in CODES]


def _target(p: Problem) -> str | None:
    path = p.location.path or ""
    return path.split(".", 1)[1] if path.startswith("principles.") else None


def cautions(result: ScoreResult) -> tuple[Caution, ...]:
    """Every warning in plain words, computed from the figures it is about."""
    out = []
    for p in warnings_of(result):
        pid = _target(p)
        s = result.principles.get(pid) if pid else None
        text = None
        if p.code == "few-respondents":
            text = (f"Only {fmt.count(result.respondents, 'person', 'people')} could be "
                    "scored, so every figure here is uncertain: read the intervals, not the "
                    "single numbers, and do not compare principles closely.")
        elif p.code == "unfinished-excluded":
            text = "Unfinished interviews were left out of every figure."
        elif s is not None and p.code == "low-coverage":
            text = (f"{s.title} rests on only {fmt.count(s.n, 'person', 'people')} of the "
                    f"{result.respondents} scored; the others answered too few of its "
                    "statements.")
        elif s is not None and p.code == "high-unknown":
            unsure, total = unknown_share(result, s.id)
            text = (f"{fmt.percent(unsure, total)} of the answers about {s.title} were "
                    "“Don't know” or “Not applicable”. That is a finding in itself: many "
                    "people cannot see what the organization does here.")
        elif s is not None and p.code == "alpha-withheld" and s.alpha_withheld == "few-items":
            text = (f"How consistently the statements of {s.title} measure it cannot be "
                    f"judged from only {fmt.count(len(s.item_ids), 'statement')}: read its "
                    "score as a direction, not a measurement.")
        elif s is not None and p.code == "alpha-withheld" and \
                s.alpha_withheld == "few-respondents":
            text = (f"How consistently the statements of {s.title} measure it cannot be "
                    f"judged: only {fmt.count(s.alpha_pair_n, 'person', 'people')} answered "
                    "some two of its statements together, and at least 10 are needed.")
        elif s is not None and p.code == "alpha-withheld":
            text = (f"How consistently the statements of {s.title} measure it cannot be "
                    "judged: the answers to its statements hardly vary.")
        elif s is not None and p.code == "alpha-negative":
            text = (f"The statements of {s.title} do not hang together in this data, so read "
                    "them one by one rather than as one score.")
        if text is not None:
            out.append(Caution(p.code, pid, text))
    return tuple(out)


def alpha_withheld(result: ScoreResult, pid: str) -> bool:
    return any(c.code == "alpha-withheld" and c.target == pid for c in cautions(result))
