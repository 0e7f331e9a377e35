"""How numbers read in a report: one decimal on the 0-100 score, a real minus sign, a dash for a
figure that does not exist. Every text in the report and its charts goes through these, so a
number reads the same in a sentence, a chart label and a table cell.
"""

from __future__ import annotations

import math
from datetime import date as _date

MINUS = "\u2212"
DASH = "\u2013"  # en dash, for ranges
MISSING = "\u2014"  # em dash: no figure


def ok(x: float | None) -> bool:
    return x is not None and not math.isnan(x)


def score(x: float | None) -> str:
    """A 0-100 score with one decimal: '62.5'; an em dash when missing."""
    if not ok(x):
        return MISSING
    assert x is not None
    text = f"{x:.1f}"
    return "0.0" if text == "-0.0" else text


def signed(x: float | None) -> str:
    """A change with its sign: '+3.4', '−2.1', '0.0'."""
    if not ok(x):
        return MISSING
    assert x is not None
    text = f"{abs(x):.1f}"
    if text == "0.0":
        return text
    return ("+" if x > 0 else MINUS) + text


def interval(lo: float | None, hi: float | None, *, sign: bool = False) -> str:
    """'55.1–68.0' (or signed ends for a change); an em dash when either end is missing."""
    if not (ok(lo) and ok(hi)):
        return MISSING
    f = signed if sign else score
    return f"{f(lo)} to {f(hi)}" if sign else f"{f(lo)}{DASH}{f(hi)}"


def size_interval(lo: float | None, hi: float | None) -> str:
    """The interval of a difference that a sentence states as a size and a direction ("13.3
    points below", "21.5 points higher"): its ends as sizes in that direction, '12.1 to 14.4
    points', so the reader never meets a minus sign beside the word "higher". When the interval
    spans zero there is no one direction, and the ends keep their signs."""
    if not (ok(lo) and ok(hi)):
        return MISSING
    assert lo is not None
    assert hi is not None
    if lo < 0 < hi:
        return interval(lo, hi, sign=True)
    a, b = sorted((abs(lo), abs(hi)))
    return f"{score(a)} to {score(b)} points"


def mean(x: float | None) -> str:
    """A mean on the answer scale, two decimals: '3.48'."""
    if not ok(x):
        return MISSING
    assert x is not None
    return f"{x:.2f}"


def alpha(x: float | None) -> str:
    if not ok(x):
        return "not available"
    assert x is not None
    return f"{x:.2f}".replace("-", MINUS)


def percent(part: int | float, whole: int | float) -> str:
    if not whole:
        return MISSING
    return f"{round(100 * part / whole):d}%"


def count(n: int, one: str, many: str | None = None) -> str:
    """'1 person', '12 people'."""
    return f"{n:,} {one if n == 1 else (many or one + 's')}"


def join(words: list[str]) -> str:
    """'a', 'a and b', 'a, b and c'."""
    if len(words) <= 1:
        return "".join(words)
    return ", ".join(words[:-1]) + " and " + words[-1]


def possessive(name: str) -> str:
    """'Riverbend Community Services'' for a name ending in s, else 'Acme's'."""
    return name + ("'" if name.endswith(("s", "S")) else "'s")


MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")


def day_range(first: str, last: str) -> str:
    """Two ISO days as a reader writes the span: '3–21 March 2026', '28 February – 3 March
    2026', '28 December 2025 – 3 January 2026', or one day, '3 March 2026'."""
    a, b = (_date.fromisoformat(first), _date.fromisoformat(last))
    if a == b:
        return f"{a.day} {MONTHS[a.month - 1]} {a.year}"
    if (a.year, a.month) == (b.year, b.month):
        return f"{a.day}–{b.day} {MONTHS[a.month - 1]} {a.year}"
    if a.year == b.year:
        return f"{a.day} {MONTHS[a.month - 1]} – {b.day} {MONTHS[b.month - 1]} {b.year}"
    return (f"{a.day} {MONTHS[a.month - 1]} {a.year} – "
            f"{b.day} {MONTHS[b.month - 1]} {b.year}")
