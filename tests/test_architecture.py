"""House rules that keep tila fast to start and its core free of the CLI toolkit."""

from __future__ import annotations

import os
import subprocess
import sys

from .conftest import ROOT


def _modules_after(code: str) -> set[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    out = subprocess.run([sys.executable, "-c", code + "\nimport sys\n"
                          "print('\\n'.join(sorted(sys.modules)))"],
                         capture_output=True, text=True, env=env, check=True)
    return {m.split(".")[0] for m in out.stdout.split()}


def test_core_does_not_import_typer_rich_or_weasyprint():
    mods = _modules_after(
        "import tila\n"
        "from tila import load_questionnaire, read_responses, score\n"
        "q = load_questionnaire('tila-starter')\n"
        "import tila.scoring.serialize, tila.validation, tila.fileio\n")
    assert not mods & {"typer", "rich", "weasyprint", "click"}


def test_cli_startup_does_not_import_heavy_modules():
    mods = _modules_after("import tila.cli.app")
    assert not mods & {"numpy", "polars", "weasyprint", "pydantic", "jinja2", "ruamel"}


def _gc_state_after(code: str) -> str:
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    out = subprocess.run([sys.executable, "-c", "import gc\n" + code + "\nimport time\n"
                          "time.sleep(0.2)\n"  # the scoring modules' background import
                          "print(gc.isenabled())"],
                         capture_output=True, text=True, env=env, check=True)
    return out.stdout.strip()


def test_first_imports_leave_the_garbage_collector_as_they_found_it():
    # The library pauses the collector while numpy, pydantic and polars load (tila/_gc.py); a
    # caller's program must get it back on, and one that switched it off must find it off.
    read = ("from tila import load_questionnaire, read_responses, score\n"
            "q = load_questionnaire('tila-org')\n"
            "t = read_responses(str(__import__('tila.paths').paths.questionnaires_dir()"
            " / 'samples' / 'sample-org.csv'), q)\n"
            "score(q, t)\n")
    assert _gc_state_after(read) == "True"
    assert _gc_state_after("gc.disable()\n" + read) == "False"
