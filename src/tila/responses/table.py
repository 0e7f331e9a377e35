"""ResponseTable: every respondent's answers, ids, group fields and free text.

Rows are respondents, columns are the questionnaire's items in questionnaire order. The answers
are one of two kinds (answers.py), seen alike as ``values`` and ``status``: a value is the scale
value as answered (before reverse keying), NaN meaning missing for any reason; ``status`` says
why a cell is missing, so reports can show how often people chose "Don't know" or "Not
applicable" without those answers ever counting as a score.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property

import numpy as np
import numpy.typing as npt

from tila.errors import Problem
from tila.responses.answers import Answers, DenseAnswers, concat_answers
from tila.responses.codes import AnswerCodes
from tila.responses.status import ANSWERED as ANSWERED
from tila.responses.status import NON_SCORED_BASE as NON_SCORED_BASE
from tila.responses.status import SKIPPED as SKIPPED
from tila.responses.status import FloatMatrix as FloatMatrix
from tila.responses.status import StatusMatrix as StatusMatrix

Strings = npt.NDArray[np.object_]


class LazyColumns(Mapping[str, Strings]):
    """Named columns, each made the first time it is read when given as a function.

    Readers give group fields this way: they already hold each field's codes (field_codes),
    which is all scoring reads, while a million values as Python objects cost 12-16 ms and
    8 MB per field that a score alone never needs. A value: the set of columns is fixed when
    it is made; reading a column only replaces its function by what the function returns.
    """

    __slots__ = ("_columns",)

    def __init__(self, columns: Mapping[str, Strings | Callable[[], Strings]] | None = None
                 ) -> None:
        self._columns = dict(columns or {})

    def __getitem__(self, name: str) -> Strings:
        column = self._columns[name]
        if callable(column):
            column = self._columns[name] = column()
        return column

    def __contains__(self, name: object) -> bool:  # Mapping's own would make the column
        return name in self._columns

    def __iter__(self) -> Iterator[str]:
        return iter(self._columns)

    def __len__(self) -> int:
        return len(self._columns)

    def __repr__(self) -> str:
        return f"LazyColumns({list(self._columns)!r})"

    def given(self) -> list[tuple[str, Strings]]:
        """The columns made so far (or given as arrays), without making the others."""
        return [(k, v) for k, v in self._columns.items() if not callable(v)]


class Ids:
    """Respondents' ids, made the first time they are read when given as a function.

    A million ids as Python strings cost a tenth of a second and 60 MB that scoring alone
    never needs, so readers give a function; ``array`` makes and keeps them.
    """

    __slots__ = ("_source", "n")

    def __init__(self, source: Strings | Callable[[], Strings], n: int) -> None:
        if not callable(source) and len(source) != n:
            raise ValueError("respondent_ids must have one entry per row")
        self._source = source
        self.n = n

    @property
    def array(self) -> Strings:
        """(n,) str"""
        source = self._source
        if callable(source):
            source = source()
            if len(source) != self.n:
                raise ValueError("respondent_ids must have one entry per row")
            self._source = source
        return source

    def __len__(self) -> int:
        return self.n

    def __repr__(self) -> str:
        made = "" if callable(self._source) else ", made"
        return f"Ids(n={self.n}{made})"


# SourceInfo.dropped reason for paused interviews; scoring reports them among the excluded.
UNFINISHED = "unfinished interview"


@dataclass(frozen=True)
class SourceInfo:
    """Where rows came from, for the data-quality summary and results."""

    path: str
    format: str  # csv, tsv, xlsx, parquet, json, jsonl, or a platform name
    rows_read: int
    rows_kept: int
    encoding: str | None = None
    delimiter: str | None = None
    dropped: dict[str, int] = field(default_factory=dict)  # reason -> count
    ignored_columns: tuple[str, ...] = ()
    mapped_columns: int = 0
    warnings: tuple[Problem, ...] = ()  # data-quality notes that did not stop reading
    # Cells that were not valid answers, all of them: ``warnings`` lists the first few per kind
    invalid_cells: int = 0
    # First and last completion day (ISO) of the kept rows: a range, never a person's date
    # (responses/dates.py); None when the file has no readable completion dates.
    dates: tuple[str, str] | None = None


FieldCodes = tuple[npt.NDArray[np.int32], tuple[str, ...]]


@dataclass(frozen=True, eq=False)
class ResponseTable:
    """Respondents' answers with their ids, group fields and free text: a value.

    ``answers`` is one of two kinds (answers.py): dense values and statuses, or byte codes
    from which both are derived the first time something asks for them (the scoring pass reads
    the codes directly, so a large numeric file never needs the floats). ``build`` takes
    ``values`` and ``status``, or ``codes``, instead, and ids or fields as arrays or functions.
    Not slotted: ``values`` and ``status`` are cached per table (cached_property needs a
    ``__dict__``). Compared by identity, as arrays have no single truth value.
    """

    item_ids: tuple[str, ...]
    answers: Answers
    ids: Ids
    fields: LazyColumns = field(default_factory=LazyColumns)  # field -> values (None: not stated)
    texts: Mapping[str, Strings] = field(default_factory=dict)
    sources: tuple[SourceInfo, ...] = ()
    form: str | None = None
    # field id -> (code per row, -1 when not stated; sorted distinct values). Readers fill
    # it from polars, which codes a million values in milliseconds; group_codes() computes
    # it for tables built by hand.
    field_codes: Mapping[str, FieldCodes] = field(default_factory=dict)

    def __post_init__(self) -> None:
        n, k = self.answers.shape
        if k != len(self.item_ids):
            raise ValueError("values must have one column per item id")
        if self.ids.n != n:
            raise ValueError("respondent_ids must have one entry per row")
        for name, col in (*self.fields.given(), *self.texts.items()):
            if len(col) != n:
                raise ValueError(f"column {name!r} must have one entry per row")

    @classmethod
    def build(
        cls,
        *,
        item_ids: tuple[str, ...],
        respondent_ids: Strings | Callable[[], Strings],
        values: FloatMatrix | None = None,
        status: StatusMatrix | None = None,
        codes: AnswerCodes | None = None,
        answers: Answers | None = None,
        fields: Mapping[str, Strings | Callable[[], Strings]] | None = None,
        texts: Mapping[str, Strings] | None = None,
        sources: tuple[SourceInfo, ...] = (),
        form: str | None = None,
        field_codes: Mapping[str, FieldCodes] | None = None,
    ) -> ResponseTable:
        """A table from its parts as readers and tests hold them."""
        if answers is None:
            if codes is not None:
                answers = codes
            elif values is None or status is None:
                raise ValueError("give values and status, or codes")
            else:
                answers = DenseAnswers(values, status)
        return cls(item_ids=item_ids, answers=answers,
                   ids=Ids(respondent_ids, int(answers.shape[0])),
                   fields=LazyColumns(fields or {}), texts=dict(texts or {}), sources=sources,
                   form=form, field_codes=dict(field_codes or {}))

    @property
    def codes(self) -> AnswerCodes | None:
        """The byte codes, when the answers are kept as bytes."""
        return self.answers if isinstance(self.answers, AnswerCodes) else None

    @cached_property
    def values(self) -> FloatMatrix:
        """(n_respondents, n_items) scale values as answered, NaN = missing; any layout."""
        return self.answers.values()

    @cached_property
    def status(self) -> StatusMatrix:
        """Same shape: ANSWERED, SKIPPED or NON_SCORED_BASE + option index."""
        return self.answers.status()

    @property
    def respondent_ids(self) -> Strings:
        """(n_respondents,) str"""
        return self.ids.array

    @property
    def n_respondents(self) -> int:
        return self.ids.n

    def group_codes(self, name: str) -> FieldCodes:
        """Each row's group as an index into the sorted distinct values (-1: not stated)."""
        cached = self.field_codes.get(name)
        if cached is not None:
            return cached
        column = self.fields[name]
        stated = np.array([v is not None for v in column], dtype=bool)
        values, inverse = np.unique(column[stated].astype(str), return_inverse=True)
        codes = np.full(column.shape[0], -1, dtype=np.int32)
        codes[stated] = inverse
        return codes, tuple(str(v) for v in values)

    def take(self, rows: npt.NDArray[np.intp] | npt.NDArray[np.bool_]) -> ResponseTable:
        """A table with only these rows (by index or boolean mask), same items."""
        return ResponseTable.build(
            item_ids=self.item_ids,
            answers=self.answers.take(rows),
            respondent_ids=self.respondent_ids[rows],
            fields={k: v[rows] for k, v in self.fields.items()},
            texts={k: v[rows] for k, v in self.texts.items()},
            sources=self.sources,
            form=self.form,
            field_codes={k: (c[rows], cats) for k, (c, cats) in self.field_codes.items()},
        )


def concat(tables: Sequence[ResponseTable]) -> ResponseTable:
    """Stack tables read from several files (same questionnaire, so same items)."""
    if len(tables) == 1:
        return tables[0]
    first = tables[0]
    field_names = sorted({k for t in tables for k in t.fields})
    text_names = sorted({k for t in tables for k in t.texts})

    def column(t: ResponseTable, store: str, name: str) -> Strings:
        cols: Mapping[str, Strings] = getattr(t, store)
        if name in cols:
            return cols[name]
        return np.full(t.n_respondents, None, dtype=object)

    return ResponseTable.build(
        item_ids=first.item_ids,
        answers=concat_answers([t.answers for t in tables]),
        respondent_ids=np.concatenate([t.respondent_ids for t in tables]),
        fields={n: np.concatenate([column(t, "fields", n) for t in tables]) for n in field_names},
        texts={n: np.concatenate([column(t, "texts", n) for t in tables]) for n in text_names},
        sources=tuple(s for t in tables for s in t.sources),
        form=first.form,
    )
