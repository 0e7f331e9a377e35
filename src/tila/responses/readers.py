"""The reader interface and registry: which reader takes a file, and ``read_responses``.

A reader says whether it recognises a file (from its name and first bytes) and reads it into a
ResponseTable for a questionnaire. Platform adapters (Qualtrics, REDCap, ...) register here ahead
of the generic table reader, so an export is recognised by its own layout.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Protocol

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
    sheet: str | None = None  # a workbook's sheet by name or number from 1; default the first
    # Called just before a long parse that releases the GIL (polars reading a text file): a
    # caller may start work in another thread there. The tila command imports the scoring
    # pass then (tila.scoring.preload); the library itself starts nothing.
    while_parsing: Callable[[], None] | None = None
    threads: int | None = None  # for the reader's helper thread; see tila._threads


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

    return read_native_table(path, q, form=options.form, while_parsing=options.while_parsing,
                             threads=options.threads)


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
    _load_platforms()
    from tila.responses.fields import GENERATED_ID_PREFIX
    from tila.responses.sheets import chosen
    from tila.responses.streams import materialized, rename_sources, renamed

    prefixes = _id_prefixes([Path(p) for p in paths])
    for p, prefix in zip(paths, prefixes, strict=True):
        given = Path(p)
        token = GENERATED_ID_PREFIX.set(prefix)
        try:
            with materialized(given) as path, chosen(options.sheet):
                # (a pipe or stdin is read once into a file)
                sheet = _which_sheet(path)
                try:
                    table = choose_reader(path, options).read(path, questionnaire, options)
                except ResponseError as exc:
                    raise ResponseError(renamed((*sheet, *exc.problems), path, given)) from None
                if sheet:
                    table = replace(table, sources=tuple(
                        replace(s, warnings=(*sheet, *s.warnings)) if s.path == str(path) else s
                        for s in table.sources))
                table = rename_sources(table, path, given)
                tables.append(table)
        except ResponseError as exc:
            problems.extend(exc.problems)
        finally:
            GENERATED_ID_PREFIX.reset(token)
    if problems:
        raise ResponseError(problems)
    table = concat(tables)
    _check_unique_ids(tables)
    return table


def _which_sheet(path: Path) -> list[Problem]:
    """A workbook of several sheets read from the first, unasked: a warning that names the
    sheet read and the others, whichever reader reads it, and also when reading fails (the
    responses may be on another sheet)."""
    from tila.responses.sheets import first_sheet_warning, is_workbook, sheet_names

    if not is_workbook(path):
        return []
    try:
        names = sheet_names(path)
    except ResponseError:
        return []  # the reader says what is wrong with the file
    warning = first_sheet_warning(path, names)
    return [warning] if warning else []


def _id_prefixes(paths: list[Path]) -> list[str]:
    """Per file, what ids made up for its rows start with: nothing for a single file (``row-7``),
    the file's name for several (``wave2.csv:row-7``), so they cannot collide across files."""
    if len(paths) < 2:
        return [""] * len(paths)
    names = [p.name for p in paths]
    return [f"{name}:" if names.count(name) == 1 else f"{p}:" for p, name in zip(paths, names,
                                                                                 strict=True)]


def _check_unique_ids(tables: list[ResponseTable]) -> None:
    """Each respondent once across files; a clash names the files that share the id."""
    if len(tables) < 2:
        return
    import numpy as np

    ids = np.concatenate([t.respondent_ids.astype(str) for t in tables])
    owner = np.repeat(np.arange(len(tables)), [t.n_respondents for t in tables])
    uniq, counts = np.unique(ids, return_counts=True)
    dup = uniq[counts > 1]
    if dup.size:
        problems = []
        for d in dup[:20]:
            files = [tables[int(i)].sources[0].path if tables[int(i)].sources else "?"
                     for i in dict.fromkeys(owner[ids == d])]
            where = (" and ".join(files) if len(files) > 1 else f"{files[0]}, more than once")
            problems.append(Problem(
                code="duplicate-respondent",
                message=f"respondent id '{d}' appears in {where}",
                hint="each respondent must be scored once; if the same person answered twice, "
                     "keep one of the responses"))
        raise ResponseError(problems)
