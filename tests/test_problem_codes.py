"""Every problem code tila can raise is documented (tila.problem_codes, docs/errors.md).

The scan reads src/tila with ``ast``: a code is a string given as ``code=`` (or
``syntax_code=``) to any call, a string in the ``code`` position of a module's own helper
(``_fail("not-a-session", ...)``, ``bad(loc, "map-version", ...)``), or a parameter's default.
An f-string code such as ``f"schema-{kind}"`` is the family ``schema-*``.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

from tila.problem_codes import all_codes, areas, lookup

ROOT = Path(__file__).resolve().parents[1]
SRC = ROOT / "src" / "tila"
PARAMS = ("code", "syntax_code")


def code_helpers(tree: ast.Module) -> dict[str, int]:
    """Functions and classes of one module that take a code, and its positional index."""
    out = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.ClassDef):
            for f in node.body:
                if isinstance(f, ast.FunctionDef) and f.name == "__init__":
                    names = [a.arg for a in f.args.args][1:]
                    out.update((node.name, i) for i, n in enumerate(names) if n in PARAMS)
        elif isinstance(node, ast.FunctionDef) and node.name != "__init__":
            names = [a.arg for a in node.args.args]
            skip = 1 if names and names[0] in ("self", "cls") else 0
            out.update((node.name, i - skip) for i, n in enumerate(names) if n in PARAMS)
    return out


def _literals(node: ast.expr) -> list[str]:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return [node.value]
    if isinstance(node, ast.IfExp):  # code="a" if ... else "b"
        return _literals(node.body) + _literals(node.orelse)
    if isinstance(node, ast.JoinedStr) and node.values:
        head = node.values[0]
        if isinstance(head, ast.Constant) and isinstance(head.value, str):
            return [head.value + "*"]
    return []


def used_codes() -> dict[str, str]:
    """Every code in src/tila, with one place it is used."""
    found: dict[str, str] = {}
    for path in sorted(SRC.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        helpers = code_helpers(tree)
        where = path.relative_to(SRC).as_posix()
        for node in ast.walk(tree):
            values: list[ast.expr] = []
            if isinstance(node, ast.FunctionDef):
                args = node.args
                positional = [a.arg for a in args.args][len(args.args) - len(args.defaults):]
                values += [d for n, d in zip(positional, args.defaults, strict=True)
                           if n in PARAMS]
                values += [d for a, d in zip(args.kwonlyargs, args.kw_defaults, strict=True)
                           if a.arg in PARAMS and d is not None]
            elif isinstance(node, ast.Call):
                values += [kw.value for kw in node.keywords if kw.arg in PARAMS]
                name = getattr(node.func, "id", getattr(node.func, "attr", ""))
                if name in helpers and len(node.args) > helpers[name] >= 0:
                    values.append(node.args[helpers[name]])
            for value in values:
                for code in _literals(value):
                    found.setdefault(code, f"{where}:{node.lineno}")
    return found


def test_the_scan_finds_the_codes_users_rely_on() -> None:
    used = used_codes()
    # Codes from every kind of call site: keyword, helper position, IfExp, default, f-string.
    for code in ("few-respondents", "unfinished-excluded", "not-a-session", "map-version",
                 "yaml-duplicate-key", "bad-json", "schema-*", "too-few-raters", "out-of-range"):
        assert code in used, code
    assert all(c == c.lower() and " " not in c for c in used), used


def test_every_code_used_is_documented() -> None:
    undocumented = {c: where for c, where in used_codes().items() if lookup(c) is None}
    assert undocumented == {}


def test_every_documented_code_is_used() -> None:
    used = used_codes()
    assert sorted(set(all_codes()) - set(used)) == []


def test_codes_are_listed_once_with_a_meaning_and_a_hint() -> None:
    seen: list[str] = [c for area in areas() for c in area.codes]
    assert len(seen) == len(set(seen))
    for code, entry in all_codes().items():
        assert entry.meaning.endswith("."), code
        assert entry.hint.endswith("."), code
        assert entry.severity in ("error", "warning", "error or warning"), code


def test_docs_errors_md_is_current() -> None:
    """docs/errors.md is generated; regenerate with scripts/make_error_docs.py."""
    run = subprocess.run([sys.executable, str(ROOT / "scripts" / "make_error_docs.py"),
                          "--check"], capture_output=True, text=True, check=False,
                         env={"PYTHONPATH": str(ROOT / "src")})
    assert run.returncode == 0, run.stdout + run.stderr
