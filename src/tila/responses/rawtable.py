"""Survey exports as raw grids of text: header rows kept as rows, columns named by position.

Platform exports have one to three header rows and may repeat a column name (Qualtrics' legacy
matrix exports) or end every line with a delimiter (an empty last column), so the frame here never
takes its column names from the file: columns are ``c0``, ``c1``, ... and the header rows are
returned as lists of strings for the adapter to interpret. Cells stay text; converting them is
``convert.py``'s job. The whole file is parsed by polars (no Python object per cell).
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from tila.errors import Location, Problem, ResponseError
from tila.responses.sniff import (
    TextLayout,
    detect_delimiter,
    detect_encoding,
    looks_binary,
    sniff,
    text_source,
)

if TYPE_CHECKING:
    import polars as pl

XLSX = {".xlsx", ".xlsm"}


@dataclass(frozen=True)
class RawTable:
    header: list[list[str]]  # the header rows, each padded to the frame's width
    frame: pl.DataFrame  # data rows only; String columns c0..cN
    first_row: int  # spreadsheet row number of the frame's first row
    encoding: str | None
    delimiter: str | None
    format: str  # csv, tsv or xlsx


def _fail(path: Path, code: str, message: str, hint: str) -> ResponseError:
    return ResponseError([Problem(code=code, message=message, hint=hint,
                                  location=Location(file=str(path)))])


def peek(path: Path, head: bytes, rows: int = 4) -> list[list[str]]:
    """The first rows of a text or spreadsheet file, for detection; [] when unreadable."""
    try:
        stat = path.stat()
    except OSError:
        return []
    from tila.responses.sheets import current

    return [list(r) for r in _peek(str(path), stat.st_size, stat.st_mtime_ns, head[:65536],
                                   rows, current())]


@lru_cache(maxsize=32)
def _peek(path: str, size: int, mtime: int, head: bytes, rows: int,
          sheet: str | None) -> tuple[tuple[str, ...], ...]:
    if Path(path).suffix.lower() in XLSX:
        return _peek_xlsx(Path(path), rows, sheet)
    encoding, _ = detect_encoding(head)
    if looks_binary(head, encoding):
        return ()
    text = head.decode(encoding, errors="replace").lstrip("\ufeff")
    delimiter, skip = detect_delimiter(text)
    if skip:
        text = text.split("\n", skip)[-1]
    out: list[tuple[str, ...]] = []
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    try:
        for row in reader:
            out.append(tuple(cell.strip() for cell in row))
            if len(out) >= rows:
                break
    except csv.Error:
        pass
    return tuple(out)


def _peek_xlsx(path: Path, rows: int, chosen: str | None) -> tuple[tuple[str, ...], ...]:
    try:
        import fastexcel

        from tila.responses.sheets import pick

        check_archive(path)  # a bomb is refused, with its message, when the file is read
        book = fastexcel.read_excel(path)
        sheet = book.load_sheet(pick(path, list(book.sheet_names), chosen), header_row=None,
                                n_rows=rows, dtypes="string")
        frame = sheet.to_polars()
    except Exception:  # any unreadable spreadsheet is simply "not this platform" here
        return ()
    return tuple(tuple("" if v is None else str(v).strip() for v in row)
                 for row in frame.iter_rows())


def read_raw(path: Path, header_rows: int, layout: TextLayout | None = None,
             categorical: frozenset[int] = frozenset()) -> RawTable:
    """Read the whole file; the first ``header_rows`` rows become ``header``.

    Columns in ``categorical`` (by position) are read as polars Categoricals: answer columns
    repeat a handful of texts, which polars then stores once and codes while it parses, so
    mapping them to scale values later costs almost nothing. Everything else stays text.
    """
    if path.suffix.lower() in XLSX:
        frame = _read_xlsx(path)
        fmt, encoding, delimiter = "xlsx", None, None
    else:
        layout = layout or sniff(path)
        frame = _read_text(path, layout, categorical)
        check_complete(path, layout)
        fmt = "tsv" if layout.delimiter == "\t" else "csv"
        encoding, delimiter = layout.encoding, layout.delimiter
    if frame.height < header_rows:
        raise _fail(path, "no-responses", "the file has a header but no responses",
                    "export the responses again")
    header = [["" if v is None else str(v).strip() for v in row]
              for row in frame.head(header_rows).iter_rows()]
    return RawTable(header=header, frame=frame.slice(header_rows), first_row=header_rows + 1,
                    encoding=encoding, delimiter=delimiter, format=fmt)


# A spreadsheet is a zip of XML; a hostile one declares gigabytes that a few megabytes unpack
# to. Real survey exports compress 5 to 30 times; the limits leave room for a million rows.
XLSX_MAX_UNPACKED = 1 << 30  # bytes, all members together
XLSX_MAX_RATIO = 200  # unpacked / packed, for any member over 1 MB unpacked


def check_archive(path: Path) -> None:
    """Refuse a spreadsheet whose declared sizes are a decompression bomb, before reading."""
    import zipfile

    try:
        with zipfile.ZipFile(path) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, OSError):
        raise _fail(path, "not-a-table", "this is not an Excel workbook (.xlsx is a zip "
                    "archive, and this file is not one)",
                    "open it in a spreadsheet program and save it as .xlsx or .csv") from None
    total = sum(m.file_size for m in members)
    worst = max(((m.file_size / max(m.compress_size, 1), m) for m in members
                 if m.file_size > 1 << 20), default=(0.0, None), key=lambda t: t[0])
    if total > XLSX_MAX_UNPACKED or worst[0] > XLSX_MAX_RATIO:
        raise _fail(path, "archive-too-large",
                    f"the workbook would unpack to {total / (1 << 20):,.0f} MB"
                    + (f" (one part {worst[0]:,.0f} times its packed size)" if worst[1] else "")
                    + ": more than a survey export needs, so it was not read",
                    "export the responses as CSV instead")


def _read_xlsx(path: Path) -> pl.DataFrame:
    import polars as pl

    from tila.responses.sheets import pick, sheet_names

    check_archive(path)
    names = sheet_names(path)
    index = pick(path, names)
    try:
        frame = pl.read_excel(path, engine="calamine", sheet_name=names[index], has_header=False,
                              infer_schema_length=0)
    except Exception:  # fastexcel raises its own error types
        raise _fail(path, "not-a-table", "cannot read this spreadsheet",
                    "check it opens in a spreadsheet program, then save it again") from None
    return frame.rename({c: f"c{i}" for i, c in enumerate(frame.columns)})


def _read_text(path: Path, layout: TextLayout,
               categorical: frozenset[int] = frozenset()) -> pl.DataFrame:
    import polars as pl

    source, skip = text_source(path, layout)
    # Never the first column: a byte-order mark left in it is stripped as text below.
    overrides = {f"column_{i + 1}": pl.Categorical for i in categorical if i > 0}
    try:
        frame = pl.read_csv(source, separator=layout.delimiter, has_header=False,
                            infer_schema=False, skip_rows=skip, quote_char='"',
                            schema_overrides=overrides or None,
                            encoding="utf8", raise_if_empty=True, truncate_ragged_lines=False,
                            glob=False)  # a path is a file, never a pattern (issue 16)
    except pl.exceptions.NoDataError:
        raise _fail(path, "empty-file", "the file is empty", "export the responses again") \
            from None
    except (pl.exceptions.ComputeError, pl.exceptions.ShapeError) as exc:
        if "utf" in str(exc).lower() and layout.encoding.startswith("utf-8"):
            return _read_text(path, TextLayout("cp1252", layout.delimiter, layout.skip_lines,
                                               False), categorical)
        raise ResponseError([malformed_problem(
            path, layout, "export it again; if it was edited, save it again as CSV")]) from None
    if frame.columns and frame.columns[0] == "column_1" and layout.bom and \
            layout.encoding == "utf-8-sig":
        first = frame.get_column("column_1")
        frame = frame.with_columns(first.str.strip_prefix("\ufeff"))
    frame = without_trailing_blank_rows(frame)
    return frame.rename({c: f"c{i}" for i, c in enumerate(frame.columns)})


def without_trailing_blank_rows(frame: pl.DataFrame) -> pl.DataFrame:
    """Drop empty lines at the end of the file (LimeSurvey and hand-edited files end with
    some): polars reads each as a row of nulls, which became a respondent "dropped:
    unfinished". Only trailing ones go, so every other row keeps its row number."""
    import polars as pl

    def blank(row: pl.DataFrame) -> bool:  # one row at a time: a million-row file pays once
        return bool(row.select(pl.all_horizontal(
            pl.all().cast(pl.String).fill_null("").str.strip_chars() == "")).item())

    end = frame.height
    while end > 0 and frame.width and blank(frame.slice(end - 1, 1)):
        end -= 1
    return frame if end == frame.height else frame.head(end)


def malformed_problem(path: Path, layout: TextLayout, hint: str) -> Problem:
    """The "not a well-formed table" problem, located at the first record whose number of
    cells differs from the header's, or at the quote that is never closed. Only run after
    polars has refused the file, so a good file never pays for Python's csv module."""
    where, detail = _first_bad_record(path, layout)
    return Problem(code="malformed-table", hint=hint,
                   message="the file is not a well-formed table: " + (detail or "some rows "
                           "have a different number of columns, or a quote is not closed"),
                   location=Location(file=str(path), line=where))


def _first_bad_record(path: Path, layout: TextLayout) -> tuple[int | None, str | None]:
    try:
        text = path.read_bytes().decode(layout.encoding, errors="replace").lstrip("\ufeff")
    except (OSError, LookupError):
        return None, None
    lines = text.splitlines(keepends=True)[layout.skip_lines:]
    reader = csv.reader(lines, delimiter=layout.delimiter, strict=True)
    want, start = None, layout.skip_lines + 1
    try:
        for record in reader:
            line = reader.line_num + layout.skip_lines
            if want is None:
                want = len(record)
            elif record and len(record) != want:
                return start, (f"the record starting on line {start} has {len(record)} cells "
                               f"where the header has {want}")
            start = line + 1
    except csv.Error:
        return start, f"a quote on line {start} is not closed, or is followed by other text"
    return None, None


def check_complete(path: Path, layout: TextLayout) -> None:
    """Fail on a file cut short: its last line has fewer fields than its header line.

    polars pads a short last row with nulls, which would silently read a download that stopped
    halfway as a respondent who skipped the last questions.
    """
    size = path.stat().st_size
    with path.open("rb") as fh:
        head_bytes = fh.read(65536)
        fh.seek(max(0, size - 65536))
        tail = fh.read()
    try:
        head = head_bytes.decode(layout.encoding, errors="replace").lstrip("\ufeff")
        tail_text = tail.decode(layout.encoding, errors="replace")
    except LookupError:
        return
    head = head.split("\n", layout.skip_lines)[-1] if layout.skip_lines else head
    last = [ln for ln in tail_text.split("\n") if ln.strip()]
    if not last or last[-1].count('"') % 2:
        return  # an odd quote count: the last line continues a multi-line cell
    try:
        want = len(next(csv.reader(io.StringIO(head), delimiter=layout.delimiter)))
    except (csv.Error, StopIteration):
        return
    got = _fields(last[-1], layout.delimiter)
    if got < want:
        raise _fail(path, "truncated-file", f"the file ends in the middle of a response (its last "
                    f"line has {got} of {want} columns)",
                    "the download or copy was cut short; export the responses again")


def _fields(line: str, delimiter: str) -> int:
    try:
        return len(next(csv.reader([line.rstrip("\r")], delimiter=delimiter)))
    except (csv.Error, StopIteration):
        return 0
