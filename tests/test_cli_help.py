"""Help and usage errors in a user's words (issue 17, point 8): no help text shows typer's type
names, every option that takes a value has a metavar, enumerated ones show their choices, and a
bad value is a usage error naming the option and what it accepts."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any, get_args

import pytest

# Internal names typer shows when a parameter has no metavar, or for an argument's type.
INTERNAL = re.compile(r"<(list|tuple|str|int|float|bool|path|Path|file|datetime)\b|"
                      r"\{[A-Z]+|<[a-z0-9/-]+(\|[a-z0-9/-]+)+>|\blist\[|\bx[<>]=")


def _commands() -> Iterator[tuple[list[str], Any]]:
    import typer

    from tila.cli.app import app

    def walk(path: list[str], command: Any) -> Iterator[tuple[list[str], Any]]:
        yield path, command
        for name, sub in sorted(getattr(command, "commands", {}).items()):
            yield from walk([*path, name], sub)

    yield from walk([], typer.main.get_command(app))


COMMANDS = [path for path, _ in _commands()]


def test_the_walk_finds_every_command() -> None:
    names = {" ".join(p) for p in COMMANDS}
    assert {"", "score", "report", "import", "administer", "deploy", "schema"} <= names


@pytest.mark.parametrize("path", COMMANDS, ids=lambda p: " ".join(p) or "tila")
def test_help_shows_no_internal_type_names(cli, path: list[str]) -> None:
    run = cli(*path, "--help")
    assert run.exit_code == 0, run.stderr
    found = INTERNAL.search(run.stdout)
    assert found is None, f"'{found.group(0) if found else ''}' in tila {' '.join(path)} --help"


@pytest.mark.parametrize(("path", "command"), list(_commands()),
                         ids=lambda p: " ".join(p) if isinstance(p, list) else "")
def test_every_value_has_a_metavar_and_choices_are_shown(cli, path: list[str],
                                                         command: Any) -> None:
    from tila.cli.command import choices

    help_text = " ".join(cli(*path, "--help").stdout.split())
    for param in command.params:
        if getattr(param, "is_flag", False) or param.name == "help":
            continue
        metavar = param.metavar
        assert metavar, f"{param.name} of tila {' '.join(path)} has no metavar"
        assert re.fullmatch(r"[A-Z][A-Z0-9_.|/=-]*(\.\.\.)?|\[[a-z0-9/|-]+\]|MAP\.yaml", metavar), \
            metavar
        allowed = choices(param)
        if allowed:  # either in the metavar or named in the help text
            assert metavar == "[" + "|".join(allowed) + "]" or all(
                re.search(rf"\b{re.escape(c)}\b", help_text) for c in allowed), param.name


@pytest.mark.parametrize(("args", "option", "allowed"), [
    (["report", "x.csv", "--format", "xml"], "'--format' / '-f'", "'pdf', 'html'"),
    (["score", "x.csv", "-f", "xml"], "'--format' / '-f'", "'table', 'json', 'csv'"),
    (["report", "x.csv", "--paper", "a5"], "'--paper'", "'a4', 'letter'"),
    (["score", "x.csv", "--source", "typeform"], "'--source'", "'qualtrics', 'surveymonkey'"),
    (["deploy", "tila-org", "--to", "word", "-o", "x.docx"], "'--to' / '-t'", "'redcap'"),
    (["schema", "xml"], "'KIND'", "'questionnaire', 'suggestions'"),
])
def test_a_value_not_among_the_choices_is_a_usage_error_naming_them(
        cli, args: list[str], option: str, allowed: str) -> None:
    run = cli(*args)
    assert run.exit_code == 2
    text = " ".join(run.stderr.split())
    bad = next(a for a in args if a in {"xml", "a5", "typeform", "word"})
    assert f"Invalid value for {option}: '{bad}' is not one of {allowed}" in text
    assert "Value error" not in text
    assert run.stdout == ""


@pytest.mark.parametrize(("value", "words"), [("abc", "'abc' is not a whole number"),
                                         ("0", "0 is too small: give at least 1")])
def test_numbers_are_checked_in_words(cli, value: str, words: str) -> None:
    run = cli("score", "x.csv", "--min-group-size", value)
    assert run.exit_code == 2
    assert f"Invalid value for '--min-group-size': {words}" in run.stderr
    assert "Input should be" not in run.stderr


def test_enumerated_options_match_what_the_library_accepts() -> None:
    from tila.cli import deploy, inputs
    from tila.deploy import TARGETS
    from tila.report.options import PDF_VARIANTS
    from tila.responses.readers import readers

    assert sorted(get_args(inputs.Source)) == sorted(r.name for r in readers())
    assert sorted(get_args(deploy.Target)) == sorted(TARGETS)
    from tila.cli.command import choices

    command = next(c for p, c in _commands() if p == ["report"])
    variant = next(p for p in command.params if p.name == "pdf_variant")
    assert choices(variant) == list(PDF_VARIANTS)


def test_usage_line_shows_arguments_as_named(cli) -> None:
    assert "Usage: tila score [OPTIONS] INPUT...\n" in cli("score", "--help").stdout
    assert "Usage: tila administer [OPTIONS] [ID|PATH]\n" in cli("administer", "--help").stdout


def test_a_missing_value_is_named(cli, tmp_path) -> None:
    run = cli("score")
    assert run.exit_code == 2
    assert "Missing argument 'INPUT...'." in run.stderr
    run = cli("deploy", "tila-org", "-o", str(tmp_path / "x.csv"))
    assert run.exit_code == 2
    assert "Missing option '--to' / '-t'. Choose one of 'redcap', 'qualtrics'" in run.stderr


def test_number_ranges_are_said_in_words(cli) -> None:
    text = " ".join(cli("score", "--help").stdout.split())
    assert "[default: 5; at least 1]" in text
    assert "[0 to 15]" in text


@pytest.mark.parametrize("path", COMMANDS, ids=lambda p: " ".join(p) or "tila")
def test_every_help_has_an_example_and_fits_80_columns(cli, path: list[str]) -> None:
    """A consultant reads help in an 80-column terminal: no row wraps, and each command (and
    group) shows how it is typed, with the command's own name, in an example."""
    run = cli(*path, "--help", env={"COLUMNS": "80"})
    assert run.exit_code == 0, run.stderr
    rows = run.stdout.splitlines()
    too_wide = [row for row in rows if len(row) > 80]
    assert not too_wide, too_wide
    after = run.stdout.split("Example", 1)
    assert len(after) == 2, f"no example in tila {' '.join(path)} --help"
    name = " ".join(["tila", *path])
    examples = [row.strip() for row in after[1].splitlines() if row.strip().startswith("tila ")]
    assert examples
    assert all(row.startswith(name) for row in examples), examples
