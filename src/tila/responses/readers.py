"""The reader interface and registry: which reader takes a file, and ``read_responses``.

A reader says whether it recognises a file (from its name and first bytes) and reads it into a
ResponseTable for a questionnaire. Platform adapters (Qualtrics, REDCap, ...) register here ahead
of the generic table reader, so an export is recognised by its own layout.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from tila._gc import paused
from tila.errors import Location, Problem, ResponseError
from tila.questionnaire.model import Questionnaire
from tila.responses.table import ResponseTable, concat


@dataclass(frozen=True)
class ReadOptions:
    source: str | None = None  # force a reader by name
    form: str | None = None
    mapping: Path | None = None
    include_incomplete: bool = False
    strict: bool = False
    extra: dict[str, object] = field(default_factory=dict)


class Reader(Protocol):
    @property
    def name(self) -> str: ...

    def detect(self, path: Path, head: bytes) -> bool: ...

    def read(self, path: Path, q: Questionnaire, options: ReadOptions) -> ResponseTable: ...


@dataclass(frozen=True)
class FunctionReader:
    name: str
    detector: Callable[[Path, bytes], bool]
    reader: Callable[[Path, Questionnaire, ReadOptions], ResponseTable]

    def detect(self, path: Path, head: bytes) -> bool:
        return self.detector(path, head)

    def read(self, path: Path, q: Questionnaire, options: ReadOptions) -> ResponseTable:
        return self.reader(path, q, options)


def _is_json(path: Path, head: bytes) -> bool:
    return path.suffix.lower() in {".json", ".jsonl", ".ndjson"}


def _read_json(path: Path, q: Questionnaire, options: ReadOptions) -> ResponseTable:
    from tila.responses.native import read_json_responses

    return read_json_responses(path, q, include_unfinished=options.include_incomplete)


def _is_table(path: Path, head: bytes) -> bool:
    return True  # the generic reader takes whatever no other reader claimed


def _read_table(path: Path, q: Questionnaire, options: ReadOptions) -> ResponseTable:
    if options.mapping is not None:  # any table, its columns named by a map file
        from tila.responses.platforms.generic import GENERIC

        return GENERIC.read(path, q, options)
    from tila.responses.tabular import read_native_table

    return read_native_table(path, q, form=options.form)


_PLATFORMS: list[Reader] = []
_NATIVE: list[Reader] = [FunctionReader("json", _is_json, _read_json),
                         FunctionReader("csv", _is_table, _read_table)]


def register(reader: Reader) -> None:
    """Add a platform reader; it is asked before the native readers."""
    _PLATFORMS.append(reader)


def readers() -> list[Reader]:
    _load_platforms()
    return [*_PLATFORMS, *_NATIVE]


def _load_platforms() -> None:
    # Platform adapters register themselves on import; importing the package is enough.
    import tila.responses.platforms  # noqa: F401


def choose_reader(path: Path, options: ReadOptions) -> Reader:
    from tila.responses.sniff import read_head

    available = readers()
    source = options.source
    if not source and options.mapping is not None:  # a map may say which platform it is for
        from tila.responses.mapfile import map_source

        source = map_source(options.mapping)
    if source:
        for r in available:
            if r.name == source:
                return r
        raise ResponseError([Problem(
            code="unknown-source", message=f"unknown source '{source}'",
            hint="choose one of: " + ", ".join(r.name for r in available))])
    head = read_head(path, 64 * 1024)
    for r in available:
        if r.detect(path, head):
            return r
    raise ResponseError([Problem(code="unknown-format", message="cannot tell what kind of file "
                                 "this is", location=Location(file=str(path)))])


def read_responses(
    paths: str | Path | Sequence[str | Path],
    questionnaire: Questionnaire,
    options: ReadOptions | None = None,
) -> ResponseTable:
    """Read one or more response files for a questionnaire into one ResponseTable.

    Every file is read before failing, so a user sees the problems of all files at once.
    """
    options = options or ReadOptions()
    if isinstance(paths, str | Path):
        paths = [paths]
    if not paths:
        raise ResponseError([Problem(code="no-input", message="no response files given")])
    tables: list[ResponseTable] = []
    problems: list[Problem] = []
    with paused():  # first use: polars and the platform adapters (see tila/_gc.py)
        import polars  # noqa: F401

        _load_platforms()
    from tila.responses.streams import materialized, rename_sources, renamed

    for p in paths:
        given = Path(p)
        try:
            with materialized(given) as path:  # a pipe or stdin, read once into a file
                try:
                    table = choose_reader(path, options).read(path, questionnaire, options)
                except ResponseError as exc:
                    raise ResponseError(renamed(exc.problems, path, given)) from None
                rename_sources(table, path, given)
                tables.append(table)
        except ResponseError as exc:
            problems.extend(exc.problems)
    if problems:
        raise ResponseError(problems)
    table = concat(tables)
    _check_unique_ids(table)
    return table


def _check_unique_ids(table: ResponseTable) -> None:
    if len(table.sources) < 2:
        return
    import numpy as np

    ids = table.respondent_ids.astype(str)
    uniq, counts = np.unique(ids, return_counts=True)
    dup = uniq[counts > 1]
    if dup.size:
        raise ResponseError([Problem(
            code="duplicate-respondent",
            message=f"respondent id '{d}' appears in more than one file",
            hint="each respondent must be scored once; remove the duplicate")
            for d in dup[:20]])
