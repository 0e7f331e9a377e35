"""Library parameters as the command line spells them.

The core names what a caller can change as a parameter in backticks (`` `min_group_size` ``,
`` `form=staff` ``), because a library user has no flags; the CLI prints the same problem with
the flag a terminal user types (``--min-group-size``, ``--form staff``). This table is the one
place the two vocabularies meet; a parameter not in it is printed as the core wrote it.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from tila.errors import Problem

FLAGS = {
    "accent": "--accent",
    "by": "--by",
    "dictionary": "--dictionary",
    "force": "--force",
    "form": "--form",
    "format": "--format",
    "include_incomplete": "--include-unfinished",
    "invited": "--invited",
    "leader": "--leader",
    "logo": "--logo",
    "mapping": "--map",
    "min_group_size": "--min-group-size",
    "output": "-o",
    "plan_csv": "--plan-csv",
    "overwrite": "--force",
    "questionnaire": "-q",
    "resume": "--resume",
    "sheet": "--sheet",
    "source": "--source",
    "strict": "--strict",
    "templates": "--templates",
    "waves": "--wave",
    "write_map": "'tila import --write-map'",
}

# What the CLI adds to a problem's hint where the library has no parameter to name.
CODE_HINTS = {
    "pdf-failed": "run with --debug and report the problem",
}

# `name` or `name=value`; the value runs to the closing backtick.
_PARAMETER = re.compile(r"`([a-z_][a-z0-9_]*)(?:=([^`]*))?`")


def with_flags(text: str) -> str:
    """``text`` with every parameter the table knows replaced by its flag (and value); a flag
    that switches something on (``overwrite=True``) is the flag alone (``--force``)."""
    def flag(m: re.Match[str]) -> str:
        name, value = m.group(1), m.group(2)
        if name not in FLAGS:
            return m.group(0)
        return FLAGS[name] + (f" {value}" if value and value != "True" else "")

    return _PARAMETER.sub(flag, text)


def for_cli(problem: Problem) -> Problem:
    """The problem as the CLI prints it: flags instead of parameter names."""
    from dataclasses import replace

    hint = CODE_HINTS.get(problem.code, problem.hint)
    return replace(problem, message=with_flags(problem.message),
                   hint=with_flags(hint) if hint else hint)
