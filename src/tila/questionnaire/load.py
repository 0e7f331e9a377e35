"""Load YAML documents with line marks, and turn validation failures into located problems.

ruamel.yaml in YAML 1.2 mode keeps unquoted ``Yes``/``No`` as strings (a scale label "No" must
not become ``False``) and rejects duplicate keys. Every node keeps its line and column, so a
pydantic error at ``items.12.principle`` is reported at the line where that value is written.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from tila.errors import Location, Problem

Loc = Sequence[str | int]


def read_yaml(path: Path) -> tuple[Any, list[Problem]]:
    """Parse a YAML file; on failure return ``None`` and the located problem."""
    from ruamel.yaml import YAML
    from ruamel.yaml.error import MarkedYAMLError, YAMLError

    from tila.fileio import TooLarge, megabytes, read_limited

    name = str(path)
    try:
        text = read_limited(path, MAX_YAML_BYTES).decode("utf-8-sig")
    except TooLarge:
        return None, [_problem("file-too-large", name, f"the file is larger than "
                               f"{megabytes(MAX_YAML_BYTES)}, far more than any questionnaire, "
                               "map or suggestions file needs", "check that this is the right "
                               "file")]
    except FileNotFoundError:
        return None, [_problem("file-not-found", name, f"no such file: {name}",
                               "check the path, or run 'tila questionnaires' for built-in ids")]
    except IsADirectoryError:
        return None, [_problem("not-a-file", name, f"{name} is a folder, not a YAML file")]
    except UnicodeDecodeError as exc:
        return None, [_problem("bad-encoding", name, f"not UTF-8 text ({exc.reason})",
                               "save the file as UTF-8")]
    except OSError as exc:
        return None, [_problem("unreadable", name, f"cannot read the file: {exc.strerror}")]
    yaml = YAML(typ="rt")
    yaml.version = (1, 2)
    yaml.allow_duplicate_keys = False
    try:
        data = yaml.load(text)
    except MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        message = (exc.problem or exc.context or "invalid YAML").strip()
        hint = "keys must be unique within a mapping" if "duplicate" in message else None
        return None, [Problem(
            code="yaml-duplicate-key" if "duplicate" in message else "yaml-syntax",
            message=message,
            hint=hint,
            location=Location(
                file=name,
                line=mark.line + 1 if mark else None,
                column=mark.column + 1 if mark else None,
            ),
        )]
    except YAMLError as exc:
        return None, [_problem("yaml-syntax", name, f"invalid YAML: {exc}")]
    except ValueError as exc:  # an integer of more than 4,300 digits, say
        return None, [_problem("yaml-value", name, f"a value cannot be read "
                               f"({str(exc).split(';')[0]})",
                               "scale values and answers are small numbers")]
    except RecursionError:  # ruamel's composer recurses once per nesting level
        return None, [_problem("yaml-too-deep", name, f"the YAML is nested more than "
                               f"{MAX_DEPTH} levels deep", "no tila file needs more than a "
                               "few levels; check the brackets and indentation")]
    if data is None:
        return None, [_problem("empty-file", name, "the file is empty",
                               "start from an example in docs/authoring.md")]
    limit = check_limits(data, name)
    return (None, [limit]) if limit else (data, [])


# Limits on what a YAML file may expand to. ruamel shares an aliased node instead of copying
# it, so loading is cheap, but every later walk (``plain``, pydantic) visits each use: nine
# nested levels of nine aliases in 400 bytes are 387 million values. No questionnaire, map or
# suggestions file comes near these limits (the largest built-in has a few thousand values).
MAX_YAML_BYTES = 5_000_000
MAX_DEPTH = 64
MAX_VALUES = 200_000  # after alias expansion
MAX_ALIASES = 10_000  # uses of an anchored mapping or list


class _Exceeded(Exception):
    def __init__(self, code: str, message: str, node: object) -> None:
        super().__init__(message)
        self.code, self.message, self.node = code, message, node


def check_limits(data: object, file: str) -> Problem | None:
    """A located problem when ``data`` nests too deeply, refers to itself, or expands through
    aliases past the limits above; None when it is fine. Each shared node is measured once,
    so the check costs as much as the file's size, not its expansion."""
    memo: dict[int, tuple[int, int]] = {}  # id -> (values, height)
    active: set[int] = set()
    aliases = 0

    def measure(node: object, depth: int) -> tuple[int, int]:
        nonlocal aliases
        if not isinstance(node, dict | list):
            return 1, 0
        key = id(node)
        if key in active:
            raise _Exceeded("yaml-recursive", "an alias refers to the mapping or list that "
                            "contains it, so the document never ends", node)
        if key in memo:
            aliases += 1
            if aliases > MAX_ALIASES:
                raise _Exceeded("yaml-aliases", f"more than {MAX_ALIASES} alias uses", node)
            size, height = memo[key]
        else:
            if depth > MAX_DEPTH:
                raise _Exceeded("yaml-too-deep", f"nested more than {MAX_DEPTH} levels deep",
                                node)
            active.add(key)
            children = list(node.values()) if isinstance(node, dict) else node
            size, height = 1 + len(node) if isinstance(node, dict) else 1, 0
            for child in children:
                s, h = measure(child, depth + 1)
                size, height = size + s, max(height, h + 1)
                if size > MAX_VALUES:
                    raise _Exceeded("yaml-aliases", f"its aliases expand it to more than "
                                    f"{MAX_VALUES:,} values", node)
            active.discard(key)
            memo[key] = size, height
        if depth + height > MAX_DEPTH:
            raise _Exceeded("yaml-too-deep", f"nested more than {MAX_DEPTH} levels deep", node)
        return size, height

    try:
        measure(data, 0)
    except _Exceeded as exc:
        lc = getattr(exc.node, "lc", None)
        line, col = (getattr(lc, "line", None), getattr(lc, "col", None))
        return Problem(code=exc.code, message=f"the YAML is too large to read: {exc.message}",
                       hint="YAML aliases (*name) and deep nesting are limited so that a small "
                            "file cannot exhaust memory; write the values out instead",
                       location=Location(file=file, line=line + 1 if line is not None else None,
                                         column=col + 1 if col is not None else None))
    except RecursionError:
        return Problem(code="yaml-too-deep", message=f"the YAML is nested more than "
                       f"{MAX_DEPTH} levels deep", location=Location(file=file))
    return None


def plain(data: object) -> object:
    """Plain dicts and lists from ruamel's round-trip containers (which carry line marks):
    pydantic accepts either, but plain copies keep the frozen models free of parser state."""
    if isinstance(data, dict):
        return {str(k): plain(v) for k, v in data.items()}
    if isinstance(data, list):
        return [plain(v) for v in data]
    return data


def _problem(code: str, file: str, message: str, hint: str | None = None) -> Problem:
    return Problem(code=code, message=message, hint=hint, location=Location(file=file))


def locate(data: Any, loc: Loc, file: str) -> Location:
    """Line and column of the deepest node along ``loc`` that exists in the parsed YAML."""
    line = col = None
    node = data
    for key in loc:
        lc = getattr(node, "lc", None)
        try:
            if lc is not None:
                if isinstance(key, int) and isinstance(node, list):
                    line, col = lc.item(key)
                elif isinstance(node, dict) and key in node:
                    line, col = lc.value(key) if _is_scalar(node[key]) else lc.key(key)
            node = node[key]
        except (KeyError, IndexError, TypeError):
            break
    return Location(
        file=file,
        line=line + 1 if line is not None else None,
        column=col + 1 if col is not None else None,
        path=format_path(loc),
    )


def _is_scalar(value: Any) -> bool:
    return not isinstance(value, dict | list)


def format_path(loc: Loc) -> str:
    """``('items', 12, 'principle')`` becomes ``items[12].principle``."""
    out = ""
    for key in loc:
        if isinstance(key, int):
            out += f"[{key}]"
        else:
            out += f".{key}" if out else str(key)
    return out or "(document)"


_HINTS = {
    "missing": "add this field",
    "extra_forbidden": "remove it or check its spelling; 'tila schema' lists the allowed fields",
    "string_pattern_mismatch": "use lower-case letters, digits, '_', '-' or '.'",
    "literal_error": "use one of the allowed values",
}


def validation_problems(exc: ValidationError, data: Any, file: str) -> list[Problem]:
    """One located problem per pydantic error, with a hint where a generic one helps."""
    problems = []
    seen: set[tuple[Any, ...]] = set()
    for err in exc.errors(include_url=False):
        loc = _strip_union_tags(err["loc"])
        key = (tuple(loc), err["type"])
        if key in seen:  # unions report the same place once per branch
            continue
        seen.add(key)
        problems.append(Problem(
            code=f"schema-{err['type'].replace('_', '-')}",
            message=_message(err),
            hint=_HINTS.get(err["type"]),
            location=locate(data, loc, file),
        ))
    return problems


def _strip_union_tags(loc: Loc) -> list[str | int]:
    # pydantic names union branches in the location (``str``, ``dict[...]``); users never wrote
    # those keys, so drop them to point at the value itself.
    return [k for k in loc if not (isinstance(k, str) and ("[" in k or k in {"str", "float",
                                                                              "int", "bool"}))]


def _message(err: Any) -> str:
    msg = str(err["msg"])
    if err["type"] == "extra_forbidden":
        return f"unknown field '{err['loc'][-1]}'"
    if err["type"] == "missing":
        return f"required field '{err['loc'][-1]}' is missing"
    return msg[0].lower() + msg[1:] if msg else "invalid value"
