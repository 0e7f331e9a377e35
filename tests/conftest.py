"""Shared fixtures: paths, the test questionnaires, and a CLI runner that keeps stderr apart."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "tests" / "data"
FIXTURES = ROOT.parent / "shared" / "fixtures"


@pytest.fixture(scope="session", autouse=True)
def _private_questionnaire_cache(tmp_path_factory: pytest.TempPathFactory):
    """Tests neither read nor fill the user's questionnaire cache."""
    old = os.environ.get("TILA_CACHE_DIR")
    os.environ["TILA_CACHE_DIR"] = str(tmp_path_factory.mktemp("questionnaire-cache"))
    yield
    if old is None:
        os.environ.pop("TILA_CACHE_DIR", None)
    else:
        os.environ["TILA_CACHE_DIR"] = old


@pytest.fixture(scope="session")
def mini():
    from tila import load_questionnaire

    return load_questionnaire(DATA / "mini.yaml")


@pytest.fixture(scope="session")
def starter():
    from tila import load_questionnaire

    return load_questionnaire("tila-starter")


@pytest.fixture
def write(tmp_path: Path) -> Callable[..., Path]:
    """Write text (or bytes) to a file in tmp_path and return its path."""

    def _write(name: str, content: str | bytes, encoding: str = "utf-8") -> Path:
        path = tmp_path / name
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_bytes(content.encode(encoding))
        return path

    return _write


class Run:
    def __init__(self, exit_code: int, stdout: str, stderr: str, exception: BaseException | None):
        self.exit_code = exit_code
        self.stdout = stdout
        self.stderr = stderr
        self.exception = exception


@pytest.fixture
def cli() -> Callable[..., Run]:
    """Run ``tila ARGS`` in-process through main(), exactly as the console script does, with
    stdout and stderr captured apart (results and messages must not mix)."""
    import sys

    from typer.testing import CliRunner

    from tila.cli import app as app_module

    def _run(*args: str, env: dict[str, str] | None = None, input: str | None = None) -> Run:
        runner = CliRunner()
        code, exc = 0, None
        saved = sys.argv
        with runner.isolation(input=input, env={"NO_COLOR": "1", "COLUMNS": "120",
                                                **(env or {})}) as (out, err, _):
            sys.argv = ["tila", *args]
            app_module._state["debug"] = False
            try:
                app_module.main()
            except SystemExit as e:
                code = e.code if isinstance(e.code, int) else (0 if e.code is None else 1)
            except BaseException as e:  # a traceback escaped: tests assert this never happens
                code, exc = -1, e
            finally:
                sys.argv = saved
            stdout = out.getvalue().decode("utf-8", "replace")
            stderr = err.getvalue().decode("utf-8", "replace")
        return Run(code, stdout, stderr, exc)

    return _run


def fixture_path(*parts: str) -> Path:
    path = FIXTURES.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"shared fixture {path} is not available")
    return path


os.environ.setdefault("NO_COLOR", "1")
