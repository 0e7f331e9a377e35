"""The library's messages name parameters; the CLI prints the same problems with its flags.

A library user has no ``--min-group-size`` to pass, and a terminal user has no
``min_group_size``: the core writes `` `min_group_size` `` and tila.cli.flags translates.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from tests.report_support import make_table
from tests.test_problem_codes import code_helpers
from tila.cli.flags import FLAGS, for_cli
from tila.errors import Problem, ScoringError
from tila.questionnaire.parse import load_questionnaire
from tila.report.options import ReportOptions, check_options
from tila.scoring.engine import score

SRC = Path(__file__).resolve().parents[1] / "src" / "tila"
FLAG = re.compile(r"(?<![\w-])(--[a-z][a-z-]+|-q )")
PARAMETER = re.compile(r"`([a-z_][a-z0-9_]*)(?:=[^`]*)?`")


def problem_texts() -> list[tuple[str, str]]:
    """Every string literal inside a Problem(...), ...Error(...) or problem-making helper call
    in the core, with where it is."""
    out = []
    for path in sorted(SRC.rglob("*.py")):
        rel = path.relative_to(SRC).as_posix()
        if rel.startswith("cli/"):
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        helpers = code_helpers(tree)  # the module's own problem makers: _fail, bad, _err, ...
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call):
                continue
            name = getattr(node.func, "id", getattr(node.func, "attr", ""))
            if name != "Problem" and not name.endswith("Error") and name not in helpers:
                continue
            for sub in ast.walk(node):
                if isinstance(sub, ast.Constant) and isinstance(sub.value, str):
                    out.append((f"{rel}:{sub.lineno}", sub.value))
    return out


def test_no_core_message_names_a_command_line_flag() -> None:
    texts = problem_texts()
    assert len(texts) > 200  # the scan sees the messages (it would pass on nothing otherwise)
    flagged = [(where, text) for where, text in texts if FLAG.search(text)]
    assert flagged == []


def test_every_parameter_a_core_message_names_has_a_flag() -> None:
    named = {m.group(1) for _, text in problem_texts() for m in PARAMETER.finditer(text)}
    assert {"min_group_size", "include_incomplete", "mapping", "form"} <= named
    assert named <= set(FLAGS)


def test_a_library_error_names_the_parameter_and_the_cli_the_flag() -> None:
    q = load_questionnaire("tila-starter")
    with pytest.raises(ScoringError) as err:
        score(q, make_table(), min_group_size=0)
    problem = err.value.problems[0]
    assert "--" not in problem.message
    assert problem.message == "`min_group_size` must be at least 1"
    assert for_cli(problem).message == "--min-group-size must be at least 1"


def test_flag_values_and_switches_read_as_typed() -> None:
    p = Problem(code="x", message="`accent` 'red' is not a colour",
                hint="add `form=staff`, pass `overwrite=True`, or keep `not_a_parameter`")
    cli = for_cli(p)
    assert cli.message == "--accent 'red' is not a colour"
    assert cli.hint == "add --form staff, pass --force, or keep `not_a_parameter`"


def test_the_cli_prints_the_flag_for_a_report_option(cli, tmp_path: Path) -> None:
    from tests.test_report_cli import write_csv

    [problem] = check_options(ReportOptions(accent="red"))
    assert problem.message == "`accent` 'red' is not a colour"
    run = cli("report", str(write_csv(tmp_path / "r.csv")), "-q", "tila-starter",
              "--accent", "red", "-o", str(tmp_path / "r.html"))
    assert run.exit_code == 1
    assert "--accent 'red' is not a colour" in run.stderr
    assert "`accent`" not in run.stderr
