"""The sentences a trend says, computed from its figures (and tested against data where they
would be false). Shared by the terminal table, the JSON and the report."""

from __future__ import annotations

from tila.report import fmt
from tila.trend.change import Change
from tila.trend.waves import Line, Trend


def scores_sentence(line: Line) -> str:
    """'Safety: 61.2 in Spring 2025, 60.8 in Autumn 2025 and 70.4 in Spring 2026.'"""
    parts = [f"{fmt.score(p.score)} in {p.wave}" for p in line.points]
    return f"{line.title}: {fmt.join(parts)}."


def change_sentence(c: Change, *, since: str) -> str:
    """One change with its interval and reading, naming the comparison that was used."""
    who = (f"paired, for the {c.n_paired} people scored in both waves"
           if c.method == "paired" else "the two waves compared as separate groups")
    if not fmt.ok(c.diff):
        return f"Since {since}: no change can be computed (a wave has no score here)."
    if not (fmt.ok(c.lo) and fmt.ok(c.hi)):
        return (f"Since {since}: {fmt.signed(c.diff)} ({who}); too few people for an "
                "interval, so no reliable change can be claimed.")
    return (f"Since {since}: {fmt.signed(c.diff)} (95% CI "
            f"{fmt.interval(c.lo, c.hi, sign=True)}; {who}): {c.verdict}.")


def line_sentences(line: Line) -> tuple[str, ...]:
    """The scores, the change since the first wave and, with three or more waves, since the
    one before the last."""
    out = [scores_sentence(line)]
    last_first = line.since_first[-1]
    out.append(change_sentence(last_first, since=last_first.earlier))
    if len(line.since_previous) > 1:
        prev = line.since_previous[-1]
        out.append(change_sentence(prev, since=prev.earlier))
    return tuple(out)


def method_sentences(trend: Trend) -> tuple[str, ...]:
    """Which comparison each pair of waves used, and why; always said, never implied."""
    out = []
    overall = next(x for x in trend.lines if x.id == "overall")
    seen = set()
    for c in (*overall.since_first, *overall.since_previous):
        if (c.earlier, c.later) in seen:
            continue
        seen.add((c.earlier, c.later))
        out.append(f"{c.earlier} to {c.later}: {c.why}.")
    return tuple(out)
