"""LimeSurvey response exports (CSV: UTF-8 with a byte-order mark, every field quoted, ``,`` or
``;`` between fields).

Headings are question codes (``id``, ``submitdate``, ``lastpage``, ``startlanguage``, then
``G01Q01`` or, for an array row, ``G01Q01[SQ001]``), or "code. text" when exported with both.
Answers are answer codes or full answer texts. A response without ``submitdate`` was not
finished. Answer codes with a letter prefix (``A1``..``A5``, ``AO01``) are read as the number they
carry, and this is reported so the user can check it (``--strict`` refuses it).
"""

from __future__ import annotations

import re
from pathlib import Path

from tila.responses.adapter import Export, PlatformReader, drop_personal, unique_keys
from tila.responses.mapfile import MapFile, Target
from tila.responses.mapping import ColumnInfo
from tila.responses.privacy import personal_kind
from tila.responses.rawtable import peek, read_raw
from tila.responses.readers import ReadOptions, register

CODE = re.compile(r"^(?P<code>[A-Za-z][A-Za-z0-9_]*(\[[A-Za-z0-9_]+\])?)(\. (?P<text>.*))?$",
                  flags=re.DOTALL)
META = {"submitdate", "lastpage", "startlanguage", "seed", "startdate", "datestamp",
        "interviewtime", "optout", "emailstatus"}
GRID = re.compile(r"^.+?\s*\[(?P<row>[^\[\]]+)\]$", flags=re.DOTALL)
SUBQUESTION = re.compile(r"^[A-Za-z][A-Za-z0-9_]*\[([A-Za-z0-9_]+)\]$")
ANSWER_CODE = re.compile(r"^([A-Za-z]+)0*(\d+)$")


def _code(header: str) -> tuple[str, str]:
    m = CODE.match(header)
    if not m:
        return header, header
    return m.group("code"), m.group("text") or ""


def detect(path: Path, head: bytes) -> bool:
    rows = peek(path, head, 1)
    if not rows:
        return False
    codes = [_code(h)[0].casefold() for h in rows[0]]
    return codes[:1] == ["id"] and ({"submitdate", "lastpage", "startlanguage"} <= set(codes)
                                    or any("[" in c for c in codes))


def _coded_values(raw: object, column: str) -> dict[str, Target] | None:
    """``{"A1": 1.0, ...}`` when the column's answers are prefixed number codes."""
    import polars as pl

    assert isinstance(raw, pl.DataFrame)
    values = [v.strip() for v in raw.get_column(column).drop_nulls().unique().to_list()]
    found = [m for m in (ANSWER_CODE.match(v) for v in values if v) if m]
    # Most answers must be codes with one prefix; the rest (DK, -oth-) stay labels.
    if not found or len(found) * 2 < len([v for v in values if v]) or \
            len({m.group(1) for m in found}) != 1:
        return None
    return {m.group(0): float(m.group(2)) for m in found}


def load(path: Path, options: ReadOptions, mapfile: MapFile | None) -> Export:
    raw = read_raw(path, 1)
    pairs = [_code(h) for h in raw.header[0]]
    columns = []
    for i, key in enumerate(unique_keys([c for c, _ in pairs])):
        code, text = pairs[i]
        low = code.casefold()
        if not key:
            continue
        role = "id" if i == 0 else "meta" if low in META or low.endswith("time") else "data"
        values = _coded_values(raw.frame, f"c{i}") if role == "data" else None
        grid = GRID.match(text)
        texts = (text, grid.group("row")) if grid else (text,) if text else ()
        # A question's code, or an array row's subquestion code: tila deploy derives both
        # from the item and field ids, so a deployed survey needs no map.
        sub = SUBQUESTION.match(code)
        codes = (sub.group(1) if sub else code,) if role == "data" else ()
        columns.append(ColumnInfo(name=f"c{i}", key=key, texts=texts,
                                  role=role, values=values, guessed_values=bool(values),
                                  personal=personal_kind(code, text), codes=codes))
    export = Export(platform="limesurvey", raw=drop_personal(raw, columns), columns=columns)
    by_code = {c.key.casefold(): c.name for c in columns}
    if "submitdate" in by_code:
        frame = export.frame
        col = by_code["submitdate"]
        mask = frame.get_column(col).str.strip_chars().fill_null("").eq("").to_numpy()
        export.unfinished = lambda _cols: mask.astype(bool)
    return export


register(PlatformReader("limesurvey", detect, load))
