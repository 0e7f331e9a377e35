"""What a screen of the interview is, as plain data, and the layout rules both views share.

Split out of ``screens.py`` (issue 15) so the modules that write each kind of screen, and the two
views that draw them (``tui.RichView``, ``plain_view.PlainView``), all depend on this small module
rather than on each other.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Literal

from tila.framework import DOMAINS

Kind = Literal["text", "strong", "muted", "choice", "blank"]


@dataclass(frozen=True)
class Line:
    text: str
    kind: Kind = "text"
    key: str = ""  # for a choice: the key that picks it
    current: bool = False  # for a choice: the answer already given
    # said elsewhere too (opening screen, note screen): a short window may leave it out so the
    # heading, progress, statement and choices stay in view
    optional: bool = False


BLANK = Line("", "blank")


@dataclass(frozen=True)
class Screen:
    heading: str
    body: tuple[Line, ...]
    keys: tuple[str, ...] = ()  # "1-5 answer", "s skip", ... one entry per key
    progress: tuple[int, int, float] | None = None  # item number, item count, seconds left
    line_input: bool = False  # the answer is typed and confirmed with Enter
    area: str = ""  # the implementation domain of an item, read out after the heading


def time_left(seconds: float) -> str:
    if seconds <= 0:
        return "almost done"
    if seconds < 60:
        return "less than a minute left"
    minutes = math.ceil(seconds / 60)
    return f"about {minutes} minute{'s' if minutes != 1 else ''} left"


def progress_text(progress: tuple[int, int, float]) -> str:
    number, total, seconds = progress
    return f"Statement {number} of {total}, {time_left(seconds)}"


def section_heading(screen: Screen, limit: int = 72) -> str:
    """Heading and area on one line, the area shortened to fit an 80-column box."""
    if not screen.area:
        return screen.heading
    full = f"{screen.heading} · {screen.area}"
    if len(full) <= limit:
        return full
    short = next((d.short for d in DOMAINS if d.title == screen.area), screen.area)
    return f"{screen.heading} · {short}"


def wrap_entries(entries: list[str], width: int, sep: str = "   ") -> list[str]:
    """Lay out key help in rows no wider than ``width``, breaking between entries only."""
    rows: list[str] = []
    for entry in entries:
        if rows and len(rows[-1]) + len(sep) + len(entry) <= width:
            rows[-1] += sep + entry
        else:
            rows.append(entry)
    return rows


def support_line(support: str | None) -> str:
    # said on many kinds of screen (opening, help, the end), worded the same way on each
    return f"If you would like support: {support.strip()}" if support else ""
