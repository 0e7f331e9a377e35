"""Build tila's one compiled module, the byte gram kernel (src/tila/scoring/_bytegram.c).

It is an accelerator, not a requirement: when no C compiler is there, or compiling fails, the
build says so and goes on, and tila scores with BLAS alone, to the same figures. setuptools
does the compiling because it knows each platform's compiler and flags.

- A wheel gets the module and a platform tag.
- An editable install (`pip install -e .`, as `make` does) puts it beside its source in
  src/tila/scoring/, where the tests and benchmarks, which import from src/, find it.
"""

from __future__ import annotations

import shutil
import sys
import tempfile
from pathlib import Path
from typing import Any

from hatchling.builders.hooks.plugin.interface import BuildHookInterface

MODULE = "tila.scoring._bytegram"
SOURCE = Path("src/tila/scoring/_bytegram.c")


def compile_module(root: Path, out_dir: Path) -> Path | None:
    """Compile the module into out_dir; its path, or None (with the reason on stderr)."""
    try:
        from setuptools import Distribution, Extension
        from setuptools.command.build_ext import build_ext

        with tempfile.TemporaryDirectory() as temp:
            ext = Extension(MODULE, [str(root / SOURCE)], extra_compile_args=["-O2"]
                            if sys.platform != "win32" else [])
            cmd = build_ext(Distribution({"name": "tila", "ext_modules": [ext]}))
            cmd.build_lib, cmd.build_temp = temp, str(Path(temp) / "obj")
            cmd.ensure_finalized()
            cmd.run()
            built = Path(cmd.get_ext_fullpath(MODULE))
            target = out_dir / built.name
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(built, target)
            return target
    except Exception as exc:  # no compiler, no headers, no setuptools: all mean "go without"
        print(f"tila: the byte gram kernel was not compiled ({exc}); tila will score with "
              "BLAS alone, to the same figures, somewhat slower.", file=sys.stderr)
        return None


class CustomBuildHook(BuildHookInterface):  # type: ignore[type-arg]
    def initialize(self, version: str, build_data: dict[str, Any]) -> None:
        root = Path(self.root)
        if version == "editable":
            compile_module(root, root / SOURCE.parent)
            return
        built = compile_module(root, Path(self.directory) / "ext")
        if built is not None:
            build_data["force_include"][str(built)] = f"tila/scoring/{built.name}"
            build_data["pure_python"] = False
            build_data["infer_tag"] = True
