"""Which sheet of a workbook holds the responses.

The first sheet, unless the caller chose another by name or number (``--sheet``). The choice is
set once around the reading (``chosen``) rather than passed through every platform adapter,
which all read workbooks through ``rawtable`` or ``tabular``. A workbook with several sheets is
never read silently: when no sheet was chosen, a warning names the sheet read and the others.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from pathlib import Path

from tila.errors import Location, Problem, ResponseError

XLSX = {".xlsx", ".xlsm"}

_SHEET: ContextVar[str | None] = ContextVar("tila_sheet", default=None)


@contextmanager
def chosen(sheet: str | None) -> Iterator[None]:
    """Read workbooks from ``sheet`` (a name, or a number counted from 1) inside the block."""
    token = _SHEET.set(sheet)
    try:
        yield
    finally:
        _SHEET.reset(token)


def current() -> str | None:
    """The sheet chosen for the reading under way, if any."""
    return _SHEET.get()


def is_workbook(path: Path) -> bool:
    return path.suffix.lower() in XLSX


def sheet_names(path: Path) -> list[str]:
    """The workbook's sheet names in order; a damaged workbook is said in words."""
    try:
        import fastexcel

        return list(fastexcel.read_excel(path).sheet_names)
    except Exception:  # fastexcel raises its own error types
        raise ResponseError([Problem(
            code="not-a-table", location=Location(file=str(path)),
            message="this workbook is damaged, incomplete or password-protected, and its sheets "
                    "cannot be read",
            hint="check it opens in a spreadsheet program, then save it again (without a "
                 "password) or as CSV")]) from None


def pick(path: Path, names: list[str], sheet: str | None = None) -> int:
    """The index of the sheet to read: ``sheet`` (default: the one chosen) by name, then by
    case-insensitive name, then as a number from 1; the first sheet when none was chosen."""
    sheet = current() if sheet is None else sheet
    if sheet is None:
        return 0
    if sheet in names:
        return names.index(sheet)
    folded = [n.casefold() for n in names]
    if folded.count(sheet.strip().casefold()) == 1:
        return folded.index(sheet.strip().casefold())
    if sheet.strip().isdigit() and 1 <= int(sheet) <= len(names):
        return int(sheet) - 1
    listed = ", ".join(f"{i}. '{n}'" for i, n in enumerate(names, 1))
    raise ResponseError([Problem(
        code="no-such-sheet", location=Location(file=str(path)),
        message=f"the workbook has no sheet '{sheet}'; its sheets are {listed}",
        hint=f"give `sheet` one of these names, or a number from 1 to {len(names)}")])


def first_sheet_warning(path: Path, names: list[str]) -> Problem | None:
    """When no sheet was chosen and there are several: which one was read, and the others."""
    if current() is not None or len(names) <= 1:
        return None
    others = ", ".join(f"'{n}'" for n in names[1:])
    return Problem(code="first-sheet-read", severity="warning", location=Location(file=str(path)),
                   message=f"the workbook has {len(names)} sheets; read the first, "
                           f"'{names[0]}', and not {others}",
                   hint="if the responses are on another sheet, choose it with `sheet=NAME` or "
                        "`sheet=N`")
