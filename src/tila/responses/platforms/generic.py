"""Any other table (CSV, TSV, XLSX) read with a column map: the "csv" source with ``--map``.

Without a map such a table must be tila's native layout (``tabular.py`` is strict about unknown
columns there, since they are usually typos). With a map, columns are matched like a platform
export's: the map first, then item ids, then question text; other columns are ignored, and
personal ones are dropped unread.
"""

from __future__ import annotations

from pathlib import Path

from tila.responses.adapter import Export, PlatformReader, drop_personal, unique_keys
from tila.responses.labels import normalize_label
from tila.responses.mapfile import MapFile
from tila.responses.mapping import ColumnInfo
from tila.responses.privacy import personal_kind
from tila.responses.rawtable import read_raw
from tila.responses.readers import ReadOptions
from tila.responses.tabular import ID_COLUMNS


def load(path: Path, options: ReadOptions, mapfile: MapFile | None) -> Export:
    raw = read_raw(path, 1)
    header = [" ".join(h.split()) for h in raw.header[0]]
    columns = []
    has_id = False
    for i, key in enumerate(unique_keys(header)):
        if not key:
            continue
        is_id = not has_id and normalize_label(key) in ID_COLUMNS
        has_id = has_id or is_id
        columns.append(ColumnInfo(name=f"c{i}", key=key, texts=(header[i],),
                                  role="id" if is_id else "data",
                                  personal=None if is_id else personal_kind(header[i])))
    return Export(platform="csv", raw=drop_personal(raw, columns), columns=columns)


GENERIC = PlatformReader("csv", lambda path, head: True, load)
