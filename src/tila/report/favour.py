"""Favourable, neutral and unfavourable shares of a statement, with reverse wording undone.

A "Strongly agree" to "I am expected to answer work messages outside my working hours" is an
unfavourable answer. Every count, bar and sentence about how people answered goes through
``favour`` so reverse-worded statements are recoded once, before anything is drawn, counted or
ranked, while ``agree`` and ``disagree`` keep what people actually said.
"""

from __future__ import annotations

from dataclasses import dataclass

from tila.scoring.result import ItemStat


@dataclass(frozen=True)
class Favour:
    favourable: int
    neutral: int  # the middle point of an odd scale; 0 on an even scale
    unfavourable: int
    agree: int  # as answered: the upper half of the scale
    disagree: int  # as answered: the lower half of the scale
    reverse: bool

    @property
    def n(self) -> int:
        return self.favourable + self.neutral + self.unfavourable

    def share(self, part: int) -> float:
        """Part of the scored answers as a percentage (0 when nobody gave a scored answer)."""
        return 100.0 * part / self.n if self.n else 0.0


def favour(st: ItemStat) -> Favour:
    """Split a statement's scored answers into favourable, neutral and unfavourable."""
    k = len(st.counts)
    half = k // 2
    disagree = sum(st.counts[:half])
    agree = sum(st.counts[k - half:])
    neutral = st.counts[half] if k % 2 else 0
    fav, unfav = (disagree, agree) if st.reverse else (agree, disagree)
    return Favour(fav, neutral, unfav, agree, disagree, st.reverse)


def said(f: Favour) -> str:
    """What people actually answered to a statement, in words: '80% disagreed'."""
    agree, disagree = round(f.share(f.agree)), round(f.share(f.disagree))
    if agree >= disagree:
        return f"{agree}% agreed"
    return f"{disagree}% disagreed"
