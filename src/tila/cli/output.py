"""Printing for the CLI: problems and messages to stderr, results to stdout or a file."""

from __future__ import annotations

import sys
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from rich.console import Console

    from tila.errors import Problem


def err_console() -> Console:
    from rich.console import Console

    return Console(stderr=True, highlight=False, soft_wrap=True)


def out_console() -> Console:
    from rich.console import Console

    return Console(highlight=False)


def print_problems(problems: Iterable[Problem]) -> None:
    from rich.markup import escape

    console = err_console()
    for p in problems:
        style = "red" if p.severity == "error" else "yellow"
        where = p.location.render()
        console.print(f"{escape(where) + ': ' if where else ''}[{style}]{p.severity}[/{style}]: "
                      f"{escape(p.message)}")
        if p.hint:
            console.print(f"    [dim]hint:[/dim] {escape(p.hint)}")


def note(message: str) -> None:
    """An informational line on stderr (never on stdout, which carries results)."""
    err_console().print(message)


def emit(text: str, output: Path | None, *, force: bool = True) -> None:
    """Write a result to ``output`` atomically, or to stdout."""
    if output is None:
        sys.stdout.write(text)
        sys.stdout.flush()
        return
    from tila.fileio import atomic_write

    atomic_write(output, text, overwrite=force)
    note(f"Wrote {output}")
