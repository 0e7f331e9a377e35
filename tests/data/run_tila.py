"""Start the tila command line for the interview tests (``python tests/data/run_tila.py ...``).

Uses the real ``tila.cli.app`` when it is importable; before that module exists, a minimal typer
app with only the administer command and the same exit-code mapping (TilaError -> 1).
"""

from __future__ import annotations

import sys

try:
    from tila.cli.app import main
except ImportError:
    import typer

    from tila.cli import administer
    from tila.errors import TilaError

    app = typer.Typer(pretty_exceptions_enable=False, add_completion=False)

    @app.callback()
    def _root() -> None:
        pass

    administer.register(app)

    def main() -> None:
        try:
            app()
        except TilaError as exc:
            sys.stderr.write(exc.render() + "\n")
            sys.exit(1)


if __name__ == "__main__":
    main()
