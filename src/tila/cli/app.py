"""The ``tila`` command: registers the commands and maps failures to exit codes.

Exit codes: 0 ok, 1 data or validation problems (a TilaError), 2 usage mistakes (typer/click),
130 interrupted. A user's mistake never shows a traceback unless ``--debug`` is given, and typer
is told never to print local variables, which could hold respondent data.
"""

from __future__ import annotations

import importlib
import sys

import typer

from tila._version import __version__
from tila.cli.command import use_everywhere

COMMAND_MODULES = ("score", "report", "trend", "import_", "validate", "browse", "administer",
                   "deploy", "benchmark")

app = typer.Typer(
    name="tila",
    help="Trauma-informed organizational self-assessment: score questionnaires against SAMHSA's "
    "six principles and turn the results into reports with an improvement plan.\n\n"
    "\b\nExamples:\n"
    "  tila administer tila-starter -o answers.json\n"
    "  tila report survey.csv -q tila-org --org \"Riverbend\" -o report.pdf\n\n"
    "Each command explains itself: tila COMMAND --help.",
    no_args_is_help=True,
    pretty_exceptions_show_locals=False,
    pretty_exceptions_enable=False,
    add_completion=True,  # --install-completion and --show-completion for bash, zsh, fish
    # Plain help: rich-formatted help costs ~0.15 s of imports per call (target: --help
    # under 0.25 s) and plain text reads better in screen readers.
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)

_state = {"debug": False}


def _version(value: bool) -> None:
    if value:
        typer.echo(f"tila {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: bool = typer.Option(False, "--version", callback=_version, is_eager=True,
                                 help="Show tila's version and exit."),
    debug: bool = typer.Option(False, "--debug", help="Show a full traceback when a command "
                               "fails (for reporting bugs)."),
) -> None:
    _state["debug"] = debug


for _name in COMMAND_MODULES:
    importlib.import_module(f"tila.cli.{_name}").register(app)
use_everywhere(app)  # metavars in help, bad values in words (see cli/command.py)


# Commands that run to completion without a person waiting at a prompt, for which the process
# is short-lived and the garbage collector is paused (see tila/_gc.py). The interactive ones
# (administer, browse) may run for an hour and keep the collector on.
BATCH_COMMANDS = frozenset({"score", "report", "demo", "trend", "import", "validate", "deploy",
                            "benchmark"})


def _command(argv: list[str]) -> str | None:
    """The command named on the command line (the first word that is not an option)."""
    return next((a for a in argv if not a.startswith("-")), None)


def main() -> None:
    """Console-script entry point.

    Process-wide speed policy is decided here, at the program's edge, and nowhere in the
    library: the garbage collector is paused for a batch command (tila/_gc.py), and readers
    import the scoring pass while they parse (tila.cli.inputs.read_options).
    """
    from contextlib import nullcontext

    from tila._gc import paused
    from tila.errors import TilaError

    try:
        with paused() if _command(sys.argv[1:]) in BATCH_COMMANDS else nullcontext():
            app(prog_name="tila")  # also under "python -m tila": completion keys on the name
    except TilaError as exc:
        from tila.cli.output import print_problems

        print_problems(exc.problems)
        if _state["debug"]:
            raise
        sys.exit(1)
    except KeyboardInterrupt:
        sys.stderr.write("\nStopped.\n")
        sys.exit(130)
    except Exception:
        if _state["debug"] or "--debug" in sys.argv:
            raise
        sys.stderr.write(
            "tila stopped because of an internal problem (this is a bug in tila, not in your "
            "data).\nRun the same command with --debug to see the details, and report them.\n")
        sys.exit(3)
