"""Write docs/errors.md from tila's problem-code registry (src/tila/problem_codes), so the list
of codes cannot drift from the code that raises them (tests/test_problem_codes.py checks both).

Usage: python scripts/make_error_docs.py [--check]   (--check exits 1 when docs/errors.md is stale)
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from tila.cli.flags import FLAGS  # noqa: E402
from tila.problem_codes import Code, areas  # noqa: E402

INTRO = """\
# Problem codes

Generated from `src/tila/problem_codes/` by `scripts/make_error_docs.py`; a test keeps it
current and fails when tila raises a code that is not listed here.

Every problem tila reports carries a stable **code**. Scripts and tests should match on the code,
never on the message, whose wording may improve between releases:

```python
from tila import TilaError
try:
    result = tila.score(q, table, by=["role"])
except TilaError as exc:
    if "field-not-in-data" in exc.codes: ...
```

On the command line every problem is printed as `location: error: message` (or `warning:`), with
a `hint:` line below when there is one; exit code 1 means at least one error. Warnings also appear
in a result's JSON under `warnings`, each with its `code`.

The library's messages name parameters in backticks (`` `min_group_size` ``); the command line
prints the same message with the flag (`--min-group-size`). Below, a parameter is shown with its
flag beside it. Locations and values in the examples are made up.
"""


def _anchor(title: str) -> str:
    return re.sub(r"[^a-z0-9 -]", "", title.lower()).replace(" ", "-")


def _with_flags(text: str) -> str:
    """`name` as "`name` (`--flag`)" wherever the CLI has a flag for the parameter."""
    def both(m: re.Match[str]) -> str:
        flag = FLAGS.get(m.group(1))
        return m.group(0) + (f" (`{flag}`)" if flag else "")

    return re.sub(r"`([a-z_][a-z0-9_]*)(?:=[^`]*)?`", both, text)


def _entry(code: str, entry: Code) -> str:
    lines = [f"### `{code}`\n", f"*{entry.severity}*. {_with_flags(entry.meaning)}\n",
             f"**What to do:** {_with_flags(entry.hint)}\n"]
    if entry.example:
        lines.append(f"```text\n{entry.example}\n```\n")
    return "\n".join(lines)


def render() -> str:
    parts = [INTRO]
    index = [f"- [{a.title}](#{_anchor(a.title)}) ({len(a.codes)} codes)" for a in areas()]
    parts.append("\n".join(index) + "\n")
    for area in areas():
        parts.append(f"## {area.title}\n")
        parts += [_entry(code, area.codes[code]) for code in sorted(area.codes)]
    return "\n".join(parts)


def main() -> int:
    from docs_file import write_or_check  # scripts/ is on sys.path when a script runs

    return write_or_check(ROOT / "docs" / "errors.md", render(), "make_error_docs.py")


if __name__ == "__main__":
    raise SystemExit(main())
