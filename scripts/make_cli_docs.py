"""Write docs/cli.md from the commands' own --help text, so the reference cannot drift.

Usage: python scripts/make_cli_docs.py [--check]   (--check exits 1 when docs/cli.md is stale)
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
COMMANDS = ("score", "report", "trend", "demo", "import", "administer", "validate", "schema",
            "questionnaires", "show", "benchmark build", "deploy")


def help_text(*args: str) -> str:
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src"), "COLUMNS": "100", "NO_COLOR": "1",
           "TERM": "dumb"}
    out = subprocess.run([sys.executable, "-m", "tila", *args, "--help"], env=env,
                         capture_output=True, text=True, check=True).stdout
    return out.replace("python -m tila", "tila").rstrip() + "\n"


def render() -> str:
    parts = ["# Command-line reference\n",
             "Generated from `tila --help` by `scripts/make_cli_docs.py`; a test keeps it "
             "current. Exit codes everywhere: 0 ok, 1 data or validation problems (each named "
             "with its file, row and column), 2 usage mistakes.\n",
             "## tila\n", "```text\n" + help_text() + "```\n"]
    for command in COMMANDS:
        parts += [f"## tila {command}\n", "```text\n" + help_text(*command.split()) + "```\n"]
    return "\n".join(parts)


def main() -> int:
    from docs_file import write_or_check  # scripts/ is on sys.path when a script runs

    return write_or_check(ROOT / "docs" / "cli.md", render(), "make_cli_docs.py")


if __name__ == "__main__":
    raise SystemExit(main())
