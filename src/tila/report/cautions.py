"""Cautions a reader needs where decisions are made: on page 1 and at the principle concerned.

The scoring engine is gaining ``ScoreResult.warnings`` (codes few-respondents, low-coverage,
high-unknown, alpha-withheld, alpha-negative, unfinished-excluded). Until every result carries
them, ``warnings_of`` computes the conditions the engine does not report yet (the alpha ones);
the engine's own warnings are used as given. The words a reader sees are
always written here, from the figures they describe.
"""

from __future__ import annotations

from dataclasses import dataclass

from tila.errors import Location, Problem
from tila.report import fmt
from tila.scoring.result import ScoreResult

FEW_RESPONDENTS = 20
HIGH_UNKNOWN = 0.25  # share of a principle's answers that were "Don't know" / "Not applicable"
ALPHA_MIN_CASES = 10
ALPHA_MIN_ITEMS = 3
CODES = ("few-respondents", "low-coverage", "high-unknown", "alpha-withheld", "alpha-negative",
         "unfinished-excluded")


@dataclass(frozen=True)
class Caution:
    code: str
    target: str | None  # a principle id, or None for the whole survey
    text: str


def unknown_share(result: ScoreResult, pid: str) -> tuple[int, int]:
    """'Don't know' and 'Not applicable' answers to a principle's statements, and all answers."""
    stats = [st for st in result.items.values() if st.principle == pid]
    unsure = sum(v for st in stats for v in st.non_scored.values())
    return unsure, unsure + sum(st.n for st in stats)


def _local(result: ScoreResult) -> list[Problem]:
    out = []
    if result.respondents < FEW_RESPONDENTS:
        out.append(Problem("few-respondents", "few respondents", severity="warning"))
    for pid, s in result.principles.items():
        where = Location(path=f"principles.{pid}")
        if s.n * 2 < result.respondents:
            out.append(Problem("low-coverage", "low coverage", where, severity="warning"))
        unsure, total = unknown_share(result, pid)
        if total and unsure > HIGH_UNKNOWN * total:
            out.append(Problem("high-unknown", "high unknown", where, severity="warning"))
        if s.alpha_n < ALPHA_MIN_CASES or len(s.item_ids) < ALPHA_MIN_ITEMS:
            out.append(Problem("alpha-withheld", "alpha withheld", where, severity="warning"))
        elif s.alpha is not None and s.alpha < 0:
            out.append(Problem("alpha-negative", "alpha negative", where, severity="warning"))
    return out


# Conditions the scoring engine reports itself (ScoreResult.warnings, on main since the trust
# warnings landed); the alpha ones are still computed here until the engine gives them too.
ENGINE_CODES = ("few-respondents", "low-coverage", "high-unknown", "unfinished-excluded")


def warnings_of(result: ScoreResult) -> list[Problem]:
    """The engine's warnings, plus the conditions it does not report yet, computed here."""
    given = [w for w in result.warnings if w.code in CODES]
    seen = {(w.code, w.location.path) for w in given}
    engine = set(ENGINE_CODES) | {w.code for w in given}
    local = [w for w in _local(result)
             if w.code not in engine and (w.code, w.location.path) not in seen]
    return given + local


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
        elif s is not None and p.code == "alpha-withheld" and len(s.item_ids) < ALPHA_MIN_ITEMS:
            text = (f"How consistently the statements of {s.title} measure it cannot be "
                    f"judged from only {fmt.count(len(s.item_ids), 'statement')}: read its "
                    "score as a direction, not a measurement.")
        elif s is not None and p.code == "alpha-withheld":
            text = (f"How consistently the statements of {s.title} measure it cannot be "
                    f"judged: only {fmt.count(s.alpha_n, 'person', 'people')} answered every "
                    f"one of its {fmt.count(len(s.item_ids), 'statement')}.")
        elif s is not None and p.code == "alpha-negative":
            text = (f"The statements of {s.title} do not hang together in this data, so read "
                    "them one by one rather than as one score.")
        if text is not None:
            out.append(Caution(p.code, pid, text))
    return tuple(out)


def alpha_withheld(result: ScoreResult, pid: str) -> bool:
    return any(c.code == "alpha-withheld" and c.target == pid for c in cautions(result))
