"""Printing for the CLI: problems and messages to stderr, results to stdout or a file."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from rich.console import Console

    from tila.errors import Problem


def visible(text: str) -> str:
    """``text`` with every control character shown as an escape (``\\x1b``), so data cannot
    move the cursor, clear the screen, set the window title or reorder text (bidi controls)
    when printed: a cell, a group value or a file name is shown, never obeyed."""
    if text.isprintable():
        return text
    import unicodedata

    return "".join(ch if ch == " " or unicodedata.category(ch) not in {"Cc", "Cf", "Zl", "Zp"}
                   else ch.encode("unicode_escape").decode("ascii") for ch in text)


def shown(text: object) -> str:
    """Data for a rich markup string: control characters visible and ``[...]`` taken literally
    (a group value ``[/]`` once crashed the table, ``[bold red]`` styled it)."""
    from rich.markup import escape

    return escape(visible(str(text)))


def plain_output(environ: dict[str, str] | None = None) -> bool:
    """``NO_COLOR`` (any non-empty value) or ``TERM=dumb``: no escape sequence at all. Bold,
    dim and italic are escape sequences too, so turning off colour alone is not enough."""
    env = os.environ if environ is None else environ
    return bool(env.get("NO_COLOR")) or env.get("TERM", "") == "dumb"


def _plain() -> dict[str, Any]:
    return {"color_system": None, "no_color": True} if plain_output() else {}


def err_console() -> Console:
    from rich.console import Console

    # in a terminal, messages wrap between words at its width (the terminal itself would cut
    # "tila a" / "dminister", seen at 60 columns); piped, each message stays one line
    return Console(stderr=True, highlight=False, soft_wrap=not sys.stderr.isatty(), **_plain())


def out_console() -> Console:
    from rich.console import Console

    return Console(highlight=False, **_plain())


def print_problems(problems: Iterable[Problem]) -> None:
    from tila.cli.flags import for_cli

    console = err_console()
    for p in map(for_cli, problems):  # the core names parameters; a terminal user types flags
        style = "red" if p.severity == "error" else "yellow"
        where = p.location.render()
        console.print(f"{shown(where) + ': ' if where else ''}[{style}]{p.severity}[/{style}]: "
                      f"{shown(p.message)}")
        if p.hint:
            console.print(f"    [dim]hint:[/dim] {shown(p.hint)}")


def note(message: str) -> None:
    """An informational line on stderr (never on stdout, which carries results). The message
    is plain text: file names in it are shown as written, never read as markup."""
    err_console().print(visible(message), markup=False)


def emit(text: str, output: Path | None, *, force: bool = True) -> None:
    """Write a result to ``output`` atomically, or to stdout."""
    if output is None:
        sys.stdout.write(text)
        sys.stdout.flush()
        return
    from tila.fileio import atomic_write

    atomic_write(output, text, overwrite=force)
    note(f"Wrote {output}")


def wrap_for_terminal(text: str) -> str:
    """Between words at the terminal's width (the terminal would cut "toget" / "her", as seen
    at 60 columns); piped output stays one line a message, for scripts."""
    import shutil
    import sys
    import textwrap

    if not sys.stderr.isatty():
        return text
    width = min(shutil.get_terminal_size((80, 24)).columns, 100) - 1
    return "\n".join(textwrap.wrap(text, max(width, 39), subsequent_indent="  ",
                                    break_long_words=False, break_on_hyphens=False))
