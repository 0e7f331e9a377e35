"""Refuse a command whose output would land on one of its inputs, before anything is read.

``tila import export.csv -o export.csv`` once replaced the raw export and exited 0; a report
with ``--plan-csv`` equal to ``-o`` wrote one over the other. Every command that writes files
calls ``refuse_overlaps`` first with everything it reads and everything it writes. Two paths are
the same file when they resolve to the same place (symlinks followed, ``..`` removed) or, when
both exist, when they share a device and inode (hard links, case-insensitive file systems).
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import NoReturn

import typer

Named = tuple[str, Path]  # (the option that named it, the path)

# A template folder is read whole; listing more than this many files would be a folder the
# user did not mean (their home, say), and the report's own checks refuse such a folder later.
_MAX_FOLDER_FILES = 2000


def named(option: str, paths: Path | str | Sequence[Path | str] | None) -> list[Named]:
    """``(option, path)`` pairs for an option that takes none, one or several paths."""
    if paths is None:
        return []
    if isinstance(paths, Path | str):
        paths = [paths]
    return [(option, Path(p)) for p in paths]


def folder_files(option: str, folder: Path | None) -> list[Named]:
    """Every file in a folder an option reads (a template folder), as inputs."""
    if folder is None or not folder.is_dir():
        return []
    out: list[Named] = []
    for root, _dirs, files in os.walk(folder):
        for name in files:
            out.append((option, Path(root) / name))
            if len(out) >= _MAX_FOLDER_FILES:
                return out
    return out


def questionnaire_input(source: str | None) -> list[Named]:
    """The questionnaire option's file, when it names a file rather than a built-in id."""
    if source is None:
        return []
    path = Path(source)
    return [("-q", path)] if path.suffix.lower() in {".yaml", ".yml"} or path.exists() else []


def _key(path: Path) -> tuple[str, tuple[int, int] | None]:
    try:
        resolved = str(path.resolve())
    except (OSError, RuntimeError):  # a symlink loop: compare it as written
        resolved = os.path.abspath(path)
    try:
        st = os.stat(path)
        ident = (st.st_dev, st.st_ino)
    except (OSError, ValueError):
        ident = None
    return resolved, ident


def _same(a: tuple[str, tuple[int, int] | None], b: tuple[str, tuple[int, int] | None]) -> bool:
    return a[0] == b[0] or (a[1] is not None and a[1] == b[1])


def _is_stream(path: Path) -> bool:
    # stdin given as '-' is not a file an output could land on
    return str(path) == "-"


def refuse_overlaps(command: str, inputs: Iterable[Named], outputs: Iterable[Named]) -> None:
    """Exit 2 naming both paths when an output is an input or another output of this run."""
    ins = [(opt, p, _key(p)) for opt, p in inputs if not _is_stream(p)]
    outs = [(opt, p, _key(p)) for opt, p in outputs if not _is_stream(p)]
    for i, (opt, path, key) in enumerate(outs):
        for in_opt, in_path, in_key in ins:
            if _same(key, in_key):
                _refuse(command, f"the output {path} ({opt}) is the same file as the input "
                        f"{in_path} ({in_opt}); tila never writes over its own input",
                        "choose another output name")
        for other_opt, other, other_key in outs[:i]:
            if _same(key, other_key):
                _refuse(command, f"the output {path} ({opt}) is the same file as the output "
                        f"{other} ({other_opt}); one would replace the other",
                        "give each output its own name")


def _refuse(command: str, message: str, hint: str) -> NoReturn:
    from tila.cli.output import err_console, shown

    console = err_console()
    console.print(f"tila {command}: [red]error[/red]: {shown(message)}")
    console.print(f"    [dim]hint:[/dim] {shown(hint)}")
    raise typer.Exit(2)
