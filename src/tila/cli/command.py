"""The command class every tila command uses: help and usage errors in a user's words.

typer's own rendering shows its internal type names: ``{INPUT...}...`` in the usage line,
``INPUT... <list[Path]>`` beside an argument, ``--form <str>`` for an option without a metavar,
and pydantic's wording for a bad value ("Value error, 'xml' is not one of 'pdf', 'html'",
"Input should be a valid integer, unable to parse string as an integer"). Here the usage line
and the argument list show each argument's metavar as written; an option without a metavar gets
one from its type (its choices as ``[a|b]``, ``N`` for a whole number, ``TEXT``, ``PATH``); and a
bad value is a usage error (exit 2) that names the option and says what it accepts.
"""

from __future__ import annotations

import enum
from collections.abc import Callable
from pathlib import Path
from typing import Any

import typer
from typer.core import TyperCommand

Processor = Callable[[Any, Any], Any]


def choices(param: Any) -> list[str] | None:
    """The values an enumerated option or argument accepts, as typed on the command line."""
    found = getattr(getattr(param, "type_descriptor", None), "choices", None)
    if not found:
        return None
    return [str(c.value) if isinstance(c, enum.Enum) else str(c) for c in found]


def _annotation(param: Any) -> Any:
    return getattr(getattr(param, "type_descriptor", None), "annotation", None)


def _leaf(annotation: Any) -> Any:
    """``int`` for ``int``, ``list[int]`` and ``int | None``."""
    args = getattr(annotation, "__args__", None)
    if args:
        kinds = [a for a in args if a is not type(None)]
        return _leaf(kinds[0]) if len(kinds) == 1 else annotation
    return annotation


def metavar_for(param: Any) -> str:
    """A metavar from the parameter's type, for one declared without."""
    allowed = choices(param)
    if allowed:
        return "[" + "|".join(allowed) + "]"
    kind = _leaf(_annotation(param))
    if kind is int:
        return "N"
    if kind is float:
        return "NUMBER"
    if isinstance(kind, type) and issubclass(kind, Path):
        return "PATH"
    return "TEXT"


def _values(value: Any) -> list[str]:
    if isinstance(value, list | tuple):
        return [str(v) for v in value]
    return [] if value is None else [str(value)]


def in_words(param: Any, value: Any, message: str) -> str:
    """What is wrong with ``value`` for ``param``, in words a user knows."""
    allowed = choices(param)
    if allowed:
        bad = next((v for v in _values(value) if v not in allowed), None)
        if bad is not None:
            return f"'{bad}' is not one of " + ", ".join(f"'{c}'" for c in allowed) + "."
    kind = _leaf(_annotation(param))
    if kind in (int, float):
        what = "a whole number" if kind is int else "a number"
        for v in _values(value):
            try:
                number = kind(v)
            except ValueError:
                return f"'{v}' is not {what}."
            low, high = getattr(param, "min", None), getattr(param, "max", None)
            if low is not None and number < low:
                return f"{v} is too small: give at least {low}."
            if high is not None and number > high:
                return f"{v} is too large: give at most {high}."
    return message.removeprefix("Value error, ")


def ranges_in_words(help_text: str) -> str:
    """typer's range notes (``x>=1``, ``0<=x<=15``) as words: "at least 1", "0 to 15"."""
    import re

    help_text = re.sub(r"(-?[\d.]+)<=x<=(-?[\d.]+)", r"\1 to \2", help_text)
    help_text = re.sub(r"x>=(-?[\d.]+)", r"at least \1", help_text)
    return re.sub(r"x<=(-?[\d.]+)", r"at most \1", help_text)


def _friendly(param: Any, original: Processor) -> Processor:
    def process_value(ctx: Any, value: Any) -> Any:
        try:
            return original(ctx, value)
        except typer.BadParameter as exc:
            if type(exc) is not typer.BadParameter:  # a missing value says so itself
                raise
            raise typer.BadParameter(in_words(param, value, exc.message), ctx=ctx,
                                     param=param) from None

    return process_value


def _is_argument(param: Any) -> bool:
    return getattr(param, "param_type_name", "") == "argument"


def argument_metavar(param: Any) -> str:
    name = param.metavar or str(param.name).upper()
    return name if param.metavar or param.nargs == 1 else f"{name}..."


class TilaCommand(TyperCommand):
    """A typer command whose help shows metavars and whose bad values are said in words."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for param in self.params:
            if not _is_argument(param) and param.metavar is None and \
                    not getattr(param, "is_flag", False):
                param.metavar = metavar_for(param)
            setattr(param, "process_value", _friendly(param, param.process_value))  # noqa: B010
            allowed = choices(param)
            if allowed:  # one line, as a bad value's message says them
                setattr(param, "get_missing_message",  # noqa: B010
                        lambda ctx, allowed=allowed: "Choose one of "
                        + ", ".join(f"'{c}'" for c in allowed) + ".")

    def collect_usage_pieces(self, ctx: Any) -> list[str]:
        pieces = [self.options_metavar] if self.options_metavar else []
        for param in self.get_params(ctx):
            if _is_argument(param):
                name = argument_metavar(param)
                pieces.append(name if param.required else f"[{name}]")
        return pieces

    def format_options(self, ctx: Any, formatter: Any) -> None:
        arguments, options = [], []
        for param in self.get_params(ctx):
            record = param.get_help_record(ctx)
            if record is None:
                continue
            if _is_argument(param):
                arguments.append((argument_metavar(param), ranges_in_words(record[1])))
            else:
                options.append((record[0], ranges_in_words(record[1])))
        if arguments:
            with formatter.section("Arguments"):
                formatter.write_dl(arguments)
        if options:
            with formatter.section("Options"):
                formatter.write_dl(options)


def use_everywhere(app: typer.Typer) -> None:
    """Make every command registered on ``app``, and on its sub-apps (``tila benchmark
    build``), a TilaCommand."""
    for info in app.registered_commands:
        if info.cls in (None, TyperCommand):
            info.cls = TilaCommand
    for group in app.registered_groups:
        if group.typer_instance is not None:
            use_everywhere(group.typer_instance)
