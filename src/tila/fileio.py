"""Writing files safely: atomically, and CSV cells that spreadsheets will not execute."""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path
from typing import Any

from tila.errors import Location, OutputError, Problem


class TooLarge(Exception):
    """A file longer than the limit its reader sets (``read_limited``)."""

    def __init__(self, limit: int) -> None:
        super().__init__(f"larger than {limit} bytes")
        self.limit = limit


def read_limited(path: str | Path, limit: int) -> bytes:
    """The whole file, or ``TooLarge`` past ``limit`` bytes, read once from the start.

    Reading at most ``limit + 1`` bytes means ``/dev/zero``, a named pipe or a runaway file
    costs at most the limit in memory, and a stream (``/dev/stdin``, ``<(cat f)``) is read the
    one time it can be. OSError (missing, a folder, no permission) goes to the caller.
    """
    with open(path, "rb") as fh:
        data = fh.read(limit + 1)
    if len(data) > limit:
        raise TooLarge(limit)
    return data


def megabytes(limit: int) -> str:
    return f"{limit / 1_000_000:g} MB"


def atomic_write(path: str | Path, data: bytes | str, *, overwrite: bool = True) -> None:
    """Write ``data`` to ``path`` so that readers see the old file or the new one, never half.

    The bytes go to a temporary file in the same folder, are flushed and fsynced, and the file
    is renamed over the target (atomic on POSIX); the folder is fsynced so the rename survives a
    crash. A failure leaves no temporary file behind.
    """
    path = Path(path)
    payload = data.encode("utf-8") if isinstance(data, str) else data
    if not overwrite and path.exists():
        raise OutputError([Problem(code="exists", message=f"{path} already exists",
                                   hint="choose another name, or pass --force to replace it",
                                   location=Location(file=str(path)))])
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise OutputError([Problem(code="no-folder", message=f"folder {folder} does not exist",
                                   hint="create it first, or write somewhere else",
                                   location=Location(file=str(path)))])
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise OutputError([Problem(code="unwritable", message=f"cannot write in {folder}: "
                                   f"{exc.strerror}", hint="check the folder's permissions",
                                   location=Location(file=str(path)))]) from None
    try:
        # mkstemp creates the file 0600; a report is meant to be shared, so give it the mode any
        # new file would get (0666 less the umask), as a plain open() would.
        os.fchmod(fd, 0o666 & ~_umask())
        with os.fdopen(fd, "wb") as fh:
            fh.write(payload)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        if isinstance(exc, OSError):
            raise OutputError([Problem(code="unwritable", message=f"cannot write {path}: "
                                       f"{exc.strerror}", location=Location(file=str(path)))]) \
                from None
        raise
    fsync_dir(folder)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def fsync_dir(folder: Path) -> None:
    try:
        dfd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(dfd)
    except OSError:
        pass  # some filesystems cannot fsync a directory; the rename already happened
    finally:
        os.close(dfd)


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(value: object) -> str:
    """A CSV cell's text; strings a spreadsheet would run as a formula get a leading quote."""
    if value is None:
        return ""
    if isinstance(value, float):
        return "" if value != value else f"{value:.6g}" if abs(value) >= 1e6 else _num(value)
    if isinstance(value, int | bool):
        return str(value)
    text = str(value)
    if text.startswith(_FORMULA_START):
        return "'" + text
    return text


def formula_safe(column: str) -> Any:
    """A polars expression: the text column with a quote before any cell a spreadsheet would
    run as a formula (the same rule as ``csv_cell``, for whole columns at once)."""
    import re

    import polars as pl

    starts = "".join(re.escape(c) for c in _FORMULA_START)
    return (pl.when(pl.col(column).str.contains(f"^[{starts}]"))
            .then(pl.lit("'") + pl.col(column)).otherwise(pl.col(column)).alias(column))


def _num(value: float) -> str:
    text = f"{value:.4f}".rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def to_csv(header: list[str], rows: list[list[object]]) -> str:
    import csv
    import io

    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow([csv_cell(h) for h in header])
    writer.writerows([[csv_cell(v) for v in row] for row in rows])
    return buf.getvalue()
