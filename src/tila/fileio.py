"""Writing files safely: atomically, and CSV cells that spreadsheets will not execute."""

from __future__ import annotations

import contextlib
import os
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


# Temporary files are ``.<name>.tila-<8 random characters>.tmp`` next to the target. A
# process killed between creating one and renaming it (kill -9, power loss) leaves it behind;
# the next write to the same folder removes such leftovers once they are old enough that no
# running tila can still be writing them. Only this exact pattern is ever removed.
_TEMP_TAG = ".tila-"
_TEMP_RE = r"\..+\.tila-[a-z0-9_]{8}\.tmp"
STALE_SECONDS = 3600


def atomic_write(path: str | Path, data: bytes | str, *, overwrite: bool = True) -> None:
    """Write ``data`` to ``path`` so that readers see the old file or the new one, never half.

    The bytes go to a temporary file in the same folder, are flushed and fsynced, and the file
    is renamed over the target (atomic on POSIX); the folder is fsynced so the rename survives a
    crash. A failure leaves no temporary file behind. An existing file keeps its mode (a
    ``chmod 600`` result stays private) and a read-only one is refused, not replaced; a new file
    gets the mode a plain open() would give it (0666 less the umask).
    """
    path = Path(path)
    payload = data.encode("utf-8") if isinstance(data, str) else data
    if not overwrite and path.exists():
        raise OutputError([Problem(code="exists", message=f"{path} already exists",
                                   hint="choose another name, or pass `overwrite=True` to "
                                   "replace it",
                                   location=Location(file=str(path)))])
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise OutputError([Problem(code="no-folder", message=f"folder {folder} does not exist",
                                   hint="create it first, or write somewhere else",
                                   location=Location(file=str(path)))])
    mode = target_mode(path)
    _remove_stale_temps(folder)
    # Imported here: tempfile pulls in shutil, bz2 and lzma (4 ms), and every run that reads a
    # cached questionnaire imports this module without writing anything.
    import tempfile

    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}{_TEMP_TAG}", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise OutputError([Problem(code="unwritable", message=f"cannot write in {folder}: "
                                   f"{exc.strerror}", hint="check the folder's permissions",
                                   location=Location(file=str(path)))]) from None
    try:
        # Before any byte is written: a temporary file left by a crash is never more readable
        # than the file it was going to become.
        os.fchmod(fd, mode)
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


def target_mode(path: Path) -> int:
    """The mode the written file must have: the existing file's, or the umask's for a new one.
    Raises OutputError for a read-only file or something that is not a regular file."""
    import stat

    try:
        st = os.stat(path)
    except FileNotFoundError:
        return 0o666 & ~_umask()
    except OSError as exc:
        raise OutputError([Problem(code="unwritable", message=f"cannot write {path}: "
                                   f"{exc.strerror}", location=Location(file=str(path)))]) \
            from None
    if not stat.S_ISREG(st.st_mode):
        raise OutputError([Problem(code="not-a-file",
                                   message=f"cannot write {path}: it is not a regular file",
                                   hint="write to a file name, not a folder or device",
                                   location=Location(file=str(path)))])
    # The mode bits, not os.access: root may write anything, but a file someone made read-only
    # (chmod 444) is a file they meant to keep, whoever runs tila.
    if not st.st_mode & 0o222 or not os.access(path, os.W_OK):
        raise OutputError([Problem(code="read-only", message=f"{path} is read-only",
                                   hint="make it writable (chmod u+w) if it may be replaced, or "
                                        "choose another name",
                                   location=Location(file=str(path)))])
    return stat.S_IMODE(st.st_mode)


def _remove_stale_temps(folder: Path) -> None:
    """Remove this user's leftover temporary files of tila's own naming, older than an hour."""
    import re
    import stat
    import time

    pattern = re.compile(_TEMP_RE)
    cutoff = time.time() - STALE_SECONDS
    try:
        names = [n for n in os.listdir(folder) if _TEMP_TAG in n and pattern.fullmatch(n)]
    except OSError:
        return
    for name in names:
        leftover = folder / name
        with contextlib.suppress(OSError):
            st = os.lstat(leftover)
            mine = not hasattr(os, "getuid") or st.st_uid == os.getuid()
            if stat.S_ISREG(st.st_mode) and mine and st.st_mtime < cutoff:
                leftover.unlink()


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
