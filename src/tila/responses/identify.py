"""Which built-in questionnaire a table's columns belong to, from its header row alone.

One rule serves two purposes: the hint when a file does not fit the questionnaire asked for
("its columns match tila-org: try -q tila-org"), and choosing the questionnaire when none was
given. A questionnaire fits a header when at least ``SHARE`` of the header's answer-like columns
(not the respondent id, not comment or note columns) are its item or respondent-field ids.
Choosing one also needs a column for at least ``SHARE`` of its items: the short pulse's columns
are all tila-org items too, but a pulse file holds a fifth of tila-org's items, so only the
pulse is chosen for it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

SHARE = 0.8


@dataclass(frozen=True)
class Fit:
    questionnaire: str
    hits: int  # header columns that are its items or fields
    columns_share: float  # of the header's answer-like columns
    items_share: float  # of its items, how many have a column


def _keys(columns: Sequence[str]) -> set[str]:
    from tila.responses.labels import normalize_label
    from tila.responses.tabular import ID_COLUMNS, TEXT_COLUMNS, TEXT_SUFFIXES

    keys = {normalize_label(c) for c in columns if c and c.strip()}
    return {k for k in keys if k not in ID_COLUMNS and k not in TEXT_COLUMNS and k != "form"
            and not k.endswith(TEXT_SUFFIXES)}


def fits(columns: Sequence[str], *, exclude: str | None = None) -> list[Fit]:
    """Every built-in questionnaire (but ``exclude``) that the columns fit, best first."""
    from tila.errors import TilaError
    from tila.questionnaire.builtin import builtin_ids
    from tila.questionnaire.parse import load_questionnaire
    from tila.responses.labels import normalize_label

    keys = _keys(columns)
    if not keys:
        return []
    out = []
    for qid in builtin_ids():
        if qid == exclude:
            continue
        try:
            q = load_questionnaire(qid)
        except TilaError:
            continue
        items = {normalize_label(i) for i in q.item_ids}
        names = items | {normalize_label(f.id) for f in q.respondent_fields}
        hits = len(keys & names)
        if hits and hits >= SHARE * len(keys):
            out.append(Fit(qid, hits, hits / len(keys), len(keys & items) / max(len(items), 1)))
    return sorted(out, key=lambda f: (-f.hits, -f.items_share, f.questionnaire))


def best_builtin(columns: Sequence[str], current: str) -> str | None:
    """The built-in questionnaire, other than ``current``, whose ids cover the most columns."""
    found = fits(columns, exclude=current)
    return found[0].questionnaire if found else None


def chosen(columns: Sequence[str]) -> list[str]:
    """The built-in questionnaires these columns could be answers to: they fit its ids and hold
    most of its items. One entry is an unambiguous match."""
    return [f.questionnaire for f in fits(columns) if f.items_share >= SHARE]


def header(path: Path) -> list[str] | None:
    """The column names of a CSV, TSV, workbook (the sheet chosen, see sheets.py) or Parquet
    file, read from its first row only; ``None`` when the file cannot be read as a table."""
    from tila.errors import TilaError
    from tila.responses.rawtable import peek
    from tila.responses.sniff import read_head
    from tila.responses.tabular import TABLE_SUFFIXES

    suffix = path.suffix.lower()
    if suffix not in TABLE_SUFFIXES or not path.is_file():
        return None
    if suffix == ".parquet":
        try:
            import polars as pl

            return list(pl.read_parquet_schema(path))
        except Exception:  # an unreadable file is the reader's to explain, later
            return None
    try:
        rows = peek(path, read_head(path), rows=1)
    except TilaError:
        return None
    return rows[0] if rows else None
