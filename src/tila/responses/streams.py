"""Responses from a stream: ``-`` (stdin), ``/dev/stdin``, a pipe or ``<(cat f.csv)``.

The readers look at a file more than once (its first bytes to tell the format, then the whole
file, then its last line to catch a cut-off download), and a pipe can be read only once: the
second look found nothing and the user was told "the file is empty". So a file that is not a
regular file is read once, up to a size limit, into a private temporary file, and the readers
read that; every message still names what the user gave.
"""

from __future__ import annotations

import os
import stat
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from tila.errors import Location, Problem, ResponseError
from tila.responses.table import ResponseTable

MAX_STREAM_BYTES = 500_000_000
_CHUNK = 1 << 20


def is_stream(path: Path) -> bool:
    """True for ``-`` and anything that is not a regular file or a folder (pipes, devices)."""
    if str(path) == "-":
        return True
    try:
        mode = os.stat(path).st_mode
    except OSError:
        return False  # the reader reports a missing or unreadable file
    return not (stat.S_ISREG(mode) or stat.S_ISDIR(mode))


@contextmanager
def materialized(path: Path) -> Iterator[Path]:
    """``path`` itself, or for a stream a temporary copy of what it holds (removed after)."""
    if not is_stream(path):
        yield path
        return
    with tempfile.TemporaryDirectory(prefix="tila-stdin-") as folder:
        first = b""
        copy = Path(folder) / "stream"
        total = 0
        try:
            source = sys.stdin.buffer if str(path) == "-" else open(path, "rb")  # noqa: SIM115
        except OSError as exc:
            raise ResponseError([Problem(code="unreadable", message=f"cannot read: "
                                         f"{exc.strerror}", location=Location(file=str(path)))]) \
                from None
        with copy.open("wb") as out:
            try:
                while chunk := source.read(_CHUNK):
                    first = first or chunk[:8]
                    total += len(chunk)
                    if total > MAX_STREAM_BYTES:
                        raise ResponseError([Problem(
                            code="file-too-large", message=f"the input is larger than "
                            f"{MAX_STREAM_BYTES // 1_000_000} MB, more than a stream is read",
                            hint="save it as a file and give its name",
                            location=Location(file=_shown(path)))])
                    out.write(chunk)
            finally:
                if source is not sys.stdin.buffer:
                    source.close()
        named = copy.rename(copy.with_name("stream" + _suffix(path, first)))
        yield named


def _suffix(path: Path, first: bytes) -> str:
    """The extension the readers go by: the given one (``/dev/fd/63`` has none), else from the
    first bytes."""
    if path.suffix and str(path) != "-":
        return path.suffix
    head = first.lstrip()
    if head.startswith((b"{", b"[")):
        return ".json"
    if first.startswith(b"PK\x03\x04"):
        return ".xlsx"
    if first.startswith(b"PAR1"):
        return ".parquet"
    return ".csv"


def _shown(path: Path) -> str:
    return "<stdin>" if str(path) == "-" else str(path)


def renamed(problems: tuple[Problem, ...], temp: Path, original: Path) -> list[Problem]:
    """The same problems, naming the stream the user gave instead of the temporary copy."""
    import dataclasses

    name = _shown(original)
    return [dataclasses.replace(p, location=dataclasses.replace(p.location, file=name))
            if p.location.file == str(temp) else p for p in problems]


def rename_sources(table: ResponseTable, temp: Path, original: Path) -> ResponseTable:
    import dataclasses

    return dataclasses.replace(table, sources=tuple(
        dataclasses.replace(s, path=_shown(original),
                            warnings=tuple(renamed(s.warnings, temp, original)))
        if s.path == str(temp) else s for s in table.sources))
