"""Guess a text table's encoding and delimiter from its first bytes.

Survey exports arrive as UTF-8 (with or without a byte-order mark), UTF-16 (Qualtrics TSV, Excel
"Unicode text") and cp1252 (Excel re-saves on Windows), separated by commas, semicolons (European
Excel) or tabs, sometimes with an Excel ``sep=;`` first line. Only the head of the file is read
here; the whole file is decoded once, by polars or by ``decode_to_utf8``.
"""

from __future__ import annotations

import codecs
import io
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tila.errors import Location, Problem, ResponseError

HEAD = 256 * 1024


@dataclass(frozen=True)
class TextLayout:
    encoding: str  # utf-8, utf-8-sig, utf-16-le, utf-16-be, cp1252
    delimiter: str
    skip_lines: int  # 1 when the file starts with Excel's "sep=" line
    bom: bool


def read_head(path: Path, size: int = HEAD) -> bytes:
    try:
        with path.open("rb") as fh:
            return fh.read(size)
    except FileNotFoundError:
        raise ResponseError([Problem(code="file-not-found", message=f"no such file: {path}",
                                     hint="check the path and the current folder",
                                     location=Location(file=str(path)))]) from None
    except IsADirectoryError:
        raise ResponseError([Problem(code="not-a-file", message=f"{path} is a folder",
                                     hint="give the path of a response file",
                                     location=Location(file=str(path)))]) from None
    except OSError as exc:
        raise ResponseError([Problem(code="unreadable", message=f"cannot read: {exc.strerror}",
                                     location=Location(file=str(path)))]) from None


def detect_encoding(head: bytes) -> tuple[str, bool]:
    """(encoding, has_bom). Raises nothing: cp1252 decodes any byte string."""
    if head.startswith(codecs.BOM_UTF8):
        return "utf-8-sig", True
    if head.startswith(codecs.BOM_UTF16_LE):
        return "utf-16-le", True
    if head.startswith(codecs.BOM_UTF16_BE):
        return "utf-16-be", True
    # UTF-16 without a BOM: ASCII text leaves every other byte NUL.
    if len(head) >= 4 and head[1::2].count(0) > len(head) // 4 and head[0::2].count(0) == 0:
        return "utf-16-le", False
    if len(head) >= 4 and head[0::2].count(0) > len(head) // 4 and head[1::2].count(0) == 0:
        return "utf-16-be", False
    try:
        head.decode("utf-8")
        return "utf-8", False
    except UnicodeDecodeError as exc:
        # A multi-byte character cut by the end of the head is still UTF-8.
        if exc.start >= len(head) - 3 and len(head) >= HEAD - 3:
            return "utf-8", False
        return "cp1252", False


def looks_binary(head: bytes, encoding: str) -> bool:
    if encoding.startswith("utf-16"):
        return False
    return b"\x00" in head[:8192]


def detect_delimiter(text: str) -> tuple[str, int]:
    """(delimiter, lines to skip) from the first lines of decoded text."""
    first = text.split("\n", 1)[0].strip().strip('"')
    if first.lower().startswith("sep=") and len(first) >= 5:
        return first[4], 1
    lines = [ln for ln in text.splitlines()[:20] if ln.strip()]
    best, best_score = ",", -1.0
    for cand in (",", ";", "\t", "|"):
        counts = [_count_outside_quotes(ln, cand) for ln in lines[:10]]
        if not counts or counts[0] == 0:
            continue
        # Prefer a delimiter that appears often and the same number of times on each line.
        consistent = sum(1 for c in counts if c == counts[0]) / len(counts)
        score = counts[0] * consistent
        if score > best_score:
            best, best_score = cand, score
    return best, 0


def _count_outside_quotes(line: str, ch: str) -> int:
    n, quoted = 0, False
    for c in line:
        if c == '"':
            quoted = not quoted
        elif c == ch and not quoted:
            n += 1
    return n


def sniff(path: Path) -> TextLayout:
    head = read_head(path)
    if not head.strip():
        raise ResponseError([Problem(code="empty-file", message="the file is empty",
                                     hint="export the responses again",
                                     location=Location(file=str(path)))])
    encoding, bom = detect_encoding(head)
    if looks_binary(head, encoding):
        raise ResponseError([Problem(
            code="not-a-table", message="this is not a text table (it holds binary data)",
            hint="save it as CSV, or give an .xlsx or .parquet file its proper extension",
            location=Location(file=str(path)))])
    text = head.decode(encoding, errors="replace")
    delimiter, skip = detect_delimiter(text)
    return TextLayout(encoding=encoding, delimiter=delimiter, skip_lines=skip, bom=bom)


def decode_to_utf8(path: Path, layout: TextLayout) -> bytes:
    """The file as UTF-8 bytes without BOM or ``sep=`` line (for encodings polars lacks)."""
    data = path.read_bytes()
    text = data.decode(layout.encoding, errors="strict")
    if text.startswith("\ufeff"):
        text = text[1:]
    if layout.skip_lines:
        text = text.split("\n", layout.skip_lines)[-1]
    return text.encode("utf-8")


def text_source(path: Path, layout: TextLayout) -> tuple[Any, int]:
    """What polars should read, and how many lines to skip: the file itself when it is UTF-8
    (polars decodes that fastest), otherwise the text decoded to UTF-8 in memory."""
    if layout.encoding in {"utf-8", "utf-8-sig"}:
        return path, layout.skip_lines
    try:
        return io.BytesIO(decode_to_utf8(path, layout)), 0
    except UnicodeDecodeError:
        raise ResponseError([Problem(
            code="bad-encoding", message=f"the file is not valid {layout.encoding} text",
            hint="save it again as UTF-8 CSV", location=Location(file=str(path)))]) from None
