"""The wheel carries the built-in questionnaires and templates, and an installed tila finds them.

The wheel is built and unpacked into a temporary folder outside the repository, then imported
from there by a fresh interpreter: what `pip install .` into a new environment would give, without
needing the network.
"""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from .conftest import ROOT

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps",
                    "--no-build-isolation", "-w", str(out), str(ROOT)], check=True)
    return next(out.glob("tila-*.whl"))


def test_wheel_contains_data_and_the_console_script(wheel):
    names = zipfile.ZipFile(wheel).namelist()
    assert "tila/_data/questionnaires/tila-org.yaml" in names
    assert "tila/_data/questionnaires/schema/questionnaire.schema.json" in names
    assert any(n.startswith("tila/_data/questionnaires/suggestions/") for n in names)
    assert "tila/_data/questionnaires/samples/sample-org.csv" in names
    entry_points = next(n for n in names if n.endswith("entry_points.txt"))
    assert "tila = tila.cli.app:main" in zipfile.ZipFile(wheel).read(entry_points).decode()
    assert not any(n.endswith(".c") for n in names), "the kernel's C source is for the sdist"


def test_wheel_carries_the_compiled_kernel_where_it_was_built_here(wheel):
    """Where this installation has the byte gram kernel, a wheel built here has it too, and is
    tagged for this platform (a pure-Python tag would let pip install it elsewhere)."""
    from tila.scoring import kernel

    if not kernel.KERNEL:
        pytest.skip("no kernel here: the build goes without it (test_bytegram.py)")
    names = zipfile.ZipFile(wheel).namelist()
    assert any(n.startswith("tila/scoring/_bytegram.") and n.endswith((".so", ".pyd"))
               for n in names)
    assert not wheel.name.endswith("-none-any.whl")


def test_installed_package_finds_builtins_outside_the_repository(wheel, tmp_path):
    site = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(site)
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    env["PYTHONPATH"] = str(site)
    code = ("import tila, tila.paths as p\n"
            "from tila.questionnaire.builtin import builtin_ids\n"
            f"assert tila.__file__.startswith({str(site)!r}), tila.__file__\n"
            "print(p.questionnaires_dir()); print(','.join(builtin_ids()))\n"
            "q = tila.load_questionnaire('tila-org'); print(len(q.items))\n"
            "from tila.scoring import kernel; print(kernel.KERNEL)\n")
    out = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, env=env,
                         capture_output=True, text=True, check=True).stdout.splitlines()
    assert out[0].startswith(str(site / "tila" / "_data"))
    assert {"tila-org", "tila-leader", "tila-pulse", "tila-starter"} <= set(out[1].split(","))
    assert int(out[2]) > 40
    from tila.scoring import kernel

    assert out[3] == str(kernel.KERNEL), "the installed wheel has the kernel this tree has"


def test_written_files_get_the_usual_permissions(tmp_path):
    """Reports are shared: atomic writes must not leave them readable only by their owner."""
    import os

    from tila.fileio import atomic_write

    old = os.umask(0o022)
    try:
        atomic_write(tmp_path / "r.txt", "x")
    finally:
        os.umask(old)
    assert (tmp_path / "r.txt").stat().st_mode & 0o777 == 0o644
