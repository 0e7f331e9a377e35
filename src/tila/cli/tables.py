"""Rich tables for results on a terminal."""

from __future__ import annotations

import math
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from rich.console import Console

    from tila.scoring.result import ScoreResult, Summary


def _n(x: float | None, fmt: str = ".1f") -> str:
    return "–" if x is None or math.isnan(x) else format(x, fmt)


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" + ("" if n == 1 else "s")


def _ci(s: Summary) -> str:
    lo, hi = s.ci95
    return "–" if math.isnan(lo) else f"{lo:.1f}–{hi:.1f}"


# Column headings narrow enough for six principles in an 80-column terminal; the caption
# spells them out.
_ABBREV = {"safety": "Safety", "trustworthiness": "Trust", "peer_support": "Peer",
           "collaboration": "Collab", "empowerment": "Voice", "cultural": "Culture"}
PRINCIPLE_LEGEND = ("Trust = trustworthiness and transparency; Peer = peer support; Collab = "
                    "collaboration and mutuality; Voice = empowerment, voice and choice; "
                    "Culture = cultural, historical and gender issues.")
_LEGEND = PRINCIPLE_LEGEND[:-1] + "; All = overall index."


def principle_heading(principle_id: str) -> str:
    """A principle's short column heading (explained by PRINCIPLE_LEGEND)."""
    from tila.framework import principle

    return _ABBREV.get(principle_id, principle(principle_id).short)


def principle_table(result: ScoreResult) -> object:
    from rich.table import Table

    from tila.cli.output import shown

    q = result.questionnaire
    t = Table(title=f"{shown(q.title)} ({q.id} {q.version}): "
              f"{_count(result.respondents, 'respondent')}",
              title_justify="left")
    for name, justify in (("Principle", "left"), ("n", "right"), ("Mean", "right"),
                          ("Score", "right"), ("95% CI", "right"), ("Stage", "left"),
                          ("α", "right")):
        t.add_column(name, justify=justify, no_wrap=name != "Principle")  # type: ignore[arg-type]
    for s in result.principles.values():
        t.add_row(shown(s.title), str(s.n), _n(s.mean, ".2f"), _n(s.score), _ci(s),
                  s.band_label or "–", _n(s.alpha, ".2f"))
    o = result.overall
    t.add_section()
    t.add_row("Overall index", str(o.n), _n(o.mean, ".2f"), _n(o.score), _ci(o),
              o.band_label or "–", _n(o.alpha, ".2f"), style="bold")
    t.caption = ("Mean on the answer scale; score 0–100; stages are indicative. "
                 "α = Cronbach's alpha.")
    return t


def group_tables(result: ScoreResult) -> list[object]:
    from rich import box
    from rich.table import Table

    from tila.cli.output import shown

    out: list[object] = []
    for g in result.groups.values():
        # Fits an 80-column terminal with six principles and groups of millions (group
        # names wrap instead): no blank edge columns, and names may wrap early.
        t = Table(title=f"Scores (0–100) by {shown(g.label.lower())}", title_justify="left",
                  box=box.SIMPLE_HEAD, caption_justify="left", show_edge=False,
                  pad_edge=False)
        t.add_column(shown(g.label), min_width=10)
        t.add_column("n", justify="right", no_wrap=True)
        for s in result.principles.values():
            t.add_column(principle_heading(s.id), justify="right", no_wrap=True)
        t.add_column("All", justify="right", no_wrap=True)
        notes = []
        for gs in g.groups:
            if gs.suppressed:
                t.add_row(shown(gs.value), "", *["hidden"] * (len(result.principles) + 1),
                          style="dim")
                continue
            principles = gs.principles or {}
            t.add_row(shown(gs.value), str(gs.n),
                      *[_n(principles[p].score) if p in principles else
                        "hidden" if p in gs.hidden_figures else "–"
                        for p in result.principles],
                      _n(gs.overall.score if gs.overall else None))
        if any(gs.suppressed or gs.hidden_figures for gs in g.groups):
            notes.append(f"Figures resting on fewer than {g.min_group_size} people are hidden "
                         "to protect anonymity, and more when the hidden ones could be worked "
                         "out from the total.")
        if g.not_stated:
            count = (str(g.not_stated_shown) if g.not_stated_shown is not None
                     else f"Fewer than {g.min_group_size}")
            people = "respondent" if g.not_stated_shown == 1 else "respondents"
            notes.append(f"{count} {people} left '{shown(g.label)}' blank or preferred not "
                         "to say.")
        t.caption = " ".join([*notes, _LEGEND])
        out.append(t)
    return out


def print_result(result: ScoreResult, output: Path | None) -> None:
    from rich.console import Console

    if output is not None:
        import io

        from tila.cli.output import emit

        buf = io.StringIO()
        console: Console = Console(file=buf, width=110, no_color=True, highlight=False)
        _print(console, result)
        emit(buf.getvalue(), output)
        return
    from tila.cli.output import out_console

    _print(out_console(), result)


def _print(console: Console, result: ScoreResult) -> None:
    console.print(principle_table(result))
    for t in group_tables(result):
        console.print()
        console.print(t)
    if result.excluded:
        reasons = ", ".join(f"{n} {r.replace('-', ' ')}" for r, n in result.excluded.items())
        console.print(f"\nNot scored: {reasons}.")
