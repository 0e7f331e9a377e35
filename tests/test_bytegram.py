"""The compiled byte kernel (src/tila/scoring/_bytegram.c) gives BLAS's sums exactly.

It is built on install when a C compiler is there (hatch_build.py). Where it was not built these
tests of it skip, unless TILA_REQUIRE_KERNEL is set (CI sets it: there it must be built and
run). Without a compiler tila must still install and score to the same figures: the last test
builds a wheel with a compiler that always fails.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import zipfile

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tila import load_questionnaire, read_responses, score
from tila.scoring import kernel
from tila.scoring.serialize import result_dict

from .conftest import ROOT

needs_kernel = pytest.mark.skipif(
    not kernel.KERNEL and not os.environ.get("TILA_REQUIRE_KERNEL"),
    reason="the byte gram kernel was not built here (no C compiler at install, or no AVX2)")


def test_the_kernel_is_built_where_it_is_required():
    """CI installs with a compiler on an AVX2 machine: a kernel silently missing there would
    make every scoring run slower with all tests green."""
    if not os.environ.get("TILA_REQUIRE_KERNEL"):
        pytest.skip("TILA_REQUIRE_KERNEL is not set")
    assert kernel.KERNEL, "tila.scoring._bytegram was not built or finds no AVX2"


def add_gram(block: np.ndarray, out: np.ndarray) -> bool:
    from tila.scoring import _bytegram

    rows, width = block.shape
    return _bytegram.add_gram(block.ravel(order="F"), rows, width, out)


@needs_kernel
@pytest.mark.parametrize("rows", [0, 1, 31, 32, 33, 1000, 8192])
@pytest.mark.parametrize("width", [1, 3, 5, 8, 121])
def test_kernel_sums_equal_numpy(rows, width):
    """Every shape the tiles cover or leave to the edges: widths not a multiple of the 2 x 4
    tiles, rows not a multiple of the 32 bytes of a vector. ``out`` is added to, not set."""
    rng = np.random.default_rng(rows * 1000 + width)
    for top in (1, 5, 10, 60, 127):
        block = rng.integers(0, top + 1, (rows, width)).astype(np.uint8)
        out = np.full((width, width), 0.5)
        assert add_gram(block, out)
        wide = block.astype(np.float64)
        np.testing.assert_array_equal(out, 0.5 + wide.T @ wide)


@needs_kernel
@pytest.mark.parametrize("rows", [0, 1, 33, 8192])
@pytest.mark.parametrize(("wa", "wb"), [(1, 1), (3, 5), (120, 17), (121, 4)])
def test_kernel_cross_products_equal_numpy(rows, wa, wb):
    """The complete-case sums: answers and their squares against 0/1 flags, any shapes."""
    from tila.scoring import _bytegram

    rng = np.random.default_rng(rows + 7 * wa + wb)
    for top in (1, 11, 121, 127):
        a = rng.integers(0, top + 1, (rows, wa)).astype(np.uint8)
        b = rng.integers(0, 2, (rows, wb)).astype(np.bool_)
        out = np.full((wa, wb), 0.5)
        assert _bytegram.add_cross(a.ravel(order="F"), b.ravel(order="F"), rows, wa, wb, out)
        np.testing.assert_array_equal(out, 0.5 + a.astype(np.float64).T @ b)


def column_lists(members: list[np.ndarray]) -> tuple[np.ndarray, np.ndarray]:
    index = np.concatenate([np.zeros(0), *members]).astype(np.int32)
    offsets = np.concatenate([[0], np.cumsum([len(m) for m in members])]).astype(np.int32)
    return index, offsets


@needs_kernel
@pytest.mark.parametrize("rows", [0, 1, 15, 31, 32, 33, 8192, 8200])
def test_kernel_column_sums_equal_numpy(rows):
    """Per-row sums of lists of columns (raw sums and answer counts per target) into chosen
    output columns, any row count; the columns not listed keep what BLAS wrote there."""
    from tila.scoring import _bytegram

    rng = np.random.default_rng(rows)
    block = rng.integers(0, 256, (rows, 120)).astype(np.uint8)
    members = [rng.choice(120, size=int(rng.integers(1, 40)), replace=False) for _ in range(8)]
    members.append(np.arange(120))
    index, offsets = column_lists(members)
    cols = np.array([0, 2, 3, 5, 6, 7, 8, 9, 10], dtype=np.int32)
    out = np.full((rows, 12), -1.0, dtype=np.float32, order="F")
    assert _bytegram.column_sums(block.ravel(order="F"), rows, 120, index, offsets, cols,
                                 out.ravel(order="F"), 12)
    for c, m in zip(cols, members, strict=True):
        np.testing.assert_array_equal(out[:, c], block[:, m].sum(axis=1, dtype=np.int64))
    assert (out[:, [1, 4, 11]] == -1).all()


@needs_kernel
def test_kernel_column_sums_decline_long_lists_and_refuse_bad_columns():
    """257 bytes of 255 is the most a uint16 lane holds."""
    from tila.scoring import _bytegram

    block = np.full((64, 300), 255, dtype=np.uint8).ravel(order="F")
    out = np.zeros((64, 1), dtype=np.float32)
    col = np.array([0], dtype=np.int32)
    assert _bytegram.column_sums(block, 64, 300, *column_lists([np.arange(257)]), col,
                                 out.ravel(), 1)
    assert (out == 257 * 255).all()
    out[:] = 0
    assert _bytegram.column_sums(block, 64, 300, *column_lists([np.arange(258)]), col,
                                 out.ravel(), 1) is False
    assert not out.any()
    for index, cols in ((np.array([300]), col), (np.array([0]), np.array([1], np.int32))):
        with pytest.raises(ValueError, match="out of range"):
            _bytegram.column_sums(block, 64, 300, index.astype(np.int32),
                                  np.array([0, 1], np.int32), cols, out.ravel(), 1)


@needs_kernel
@settings(max_examples=60, deadline=None)
@given(rows=st.integers(0, 300), wa=st.integers(1, 13), wb=st.integers(1, 9),
       top=st.integers(0, 127), seed=st.integers(0, 2**32 - 1))
def test_every_kernel_function_equals_numpy_on_any_block(rows, wa, wb, top, seed):
    """Random shapes and values, against numpy in float64: the gram, the cross products and the
    column sums (a list may repeat a column; an empty list gives zeros)."""
    from tila.scoring import _bytegram

    rng = np.random.default_rng(seed)
    a = rng.integers(0, top + 1, (rows, wa)).astype(np.uint8)
    b = rng.integers(0, top + 1, (rows, wb)).astype(np.uint8)
    wide_a, wide_b = a.astype(np.float64), b.astype(np.float64)
    gram = np.zeros((wa, wa))
    assert _bytegram.add_gram(a.ravel(order="F"), rows, wa, gram)
    np.testing.assert_array_equal(gram, wide_a.T @ wide_a)
    cross = np.zeros((wa, wb))
    assert _bytegram.add_cross(a.ravel(order="F"), b.ravel(order="F"), rows, wa, wb, cross)
    np.testing.assert_array_equal(cross, wide_a.T @ wide_b)
    members = [rng.integers(0, wa, int(rng.integers(0, 6))) for _ in range(wb)]
    out = np.full((rows, wb), -1.0, dtype=np.float32, order="F")
    assert _bytegram.column_sums(a.ravel(order="F"), rows, wa, *column_lists(members),
                                 np.arange(wb, dtype=np.int32), out.ravel(order="F"), wb)
    for c, m in enumerate(members):
        np.testing.assert_array_equal(out[:, c], wide_a[:, m].sum(axis=1))


@needs_kernel
@pytest.mark.parametrize("top", [1, 5, 10, 11, 100, 127])
def test_kernel_does_not_overflow_at_its_largest_bytes(top):
    """int16 lanes are summed only as long as the block's largest byte allows."""
    rows = 40_000
    out = np.zeros((4, 4))
    assert add_gram(np.full((rows, 4), top, dtype=np.uint8), out)
    assert (out == rows * top * top).all()


@needs_kernel
def test_kernel_declines_bytes_above_127_and_bad_sizes():
    block = np.full((64, 3), 5, dtype=np.uint8)
    block[10, 1] = 128  # vpmaddubsw reads its second operand as signed
    out = np.zeros((3, 3))
    assert add_gram(block, out) is False
    assert not out.any(), "a declined block leaves the sums alone"
    from tila.scoring import _bytegram

    with pytest.raises(ValueError, match="rows\\*width"):
        _bytegram.add_gram(block.ravel(order="F"), 64, 4, out)
    flags = np.ones((64, 2), dtype=np.uint8)
    cross = np.zeros((3, 2))
    assert _bytegram.add_cross(block.ravel(order="F"), flags.ravel(order="F"), 64, 3, 2,
                               cross) is False
    assert not cross.any()


QUESTIONNAIRE = """\
id: kernel-test
version: "1"
title: Kernel test
scales:
  agree5:
    points: [{value: 1, label: A}, {value: 2, label: B}, {value: 3, label: C},
             {value: 4, label: D}, {value: 5, label: E}]
    non_scored: [{id: dont_know, label: Don't know, code: 9}]
  wide:
    points: [WIDE]
respondent_fields:
  - {id: role, label: Role}
items:
"""
PRINCIPLES = ["safety", "trustworthiness", "peer_support", "collaboration", "empowerment",
              "cultural"]
DOMAINS = ["governance", "environment", "workforce"]


@pytest.fixture(params=[10, 20], ids=["0-10", "0-20"])
def survey(tmp_path, request):
    """Byte-coded answers with gaps, "Don't know", reverse-keyed items, excluded respondents, a
    weighted item, targets mixing two scales, and a 0-10 or a 0-20 scale: squares of 0-10 fit a
    byte (the kernel sums them), of 0-20 do not (BLAS sums them, the kernel still does the rest).
    """
    k, n, top = 14, 3000, request.param
    points = ", ".join(f"{{value: {v}, label: '{v}'}}" for v in range(top + 1))
    lines = [QUESTIONNAIRE.replace("WIDE", points)]
    for j in range(k):
        scale = "wide" if j % 5 == 4 else "agree5"
        # One item weighs twice in one principle and once in the next: weighted targets
        # keep a product in BLAS beside the kernel's sums.
        principle = (f"{{{PRINCIPLES[j % 6]}: 2, {PRINCIPLES[(j + 1) % 6]}: 1}}" if j == 5
                     else PRINCIPLES[j % 6])
        lines.append(f"  - {{id: i{j:02d}, text: 'Item {j}', principle: {principle}, "
                     f"domain: {DOMAINS[j % 3]}, scale: {scale}, "
                     f"reverse: {'true' if j % 3 == 1 else 'false'}}}\n")
    lines.append("scoring:\n  bands:\n    - {id: low, label: Low, min: 0, max: 50}\n"
                 "    - {id: high, label: High, min: 50, max: 100}\n")
    qpath = tmp_path / "q.yaml"
    qpath.write_text("".join(lines))
    q = load_questionnaire(qpath)
    rng = np.random.default_rng(11)
    wide = np.array([j % 5 == 4 for j in range(k)])
    cells = np.where(wide, rng.integers(0, top + 1, (n, k)),
                     rng.integers(1, 6, (n, k))).astype(object)
    draw = rng.random((n, k))
    cells[draw < 0.1] = ""
    cells[(draw > 0.96) & ~wide] = 9
    cells[rng.random(n) < 0.04] = ""
    roles = rng.choice(["Leadership", "Direct service", "Support"], n)
    rows = ["respondent_id,role," + ",".join(q.item_ids)]
    rows += [f"r{i},{roles[i]}," + ",".join(str(c) for c in cells[i]) for i in range(n)]
    path = tmp_path / "answers.csv"
    path.write_text("\n".join(rows) + "\n")
    return q, path, qpath


@needs_kernel
@pytest.mark.parametrize("block", [100, 8192])
def test_scores_are_the_same_with_and_without_the_kernel(survey, monkeypatch, block):
    """Every published figure, alphas and item-rest correlations included, to the last bit;
    over many blocks shared by two threads, and over one."""
    import tila.scoring.accumulate as accumulate

    q, path, _ = survey
    table = read_responses(path, q)
    assert table.codes is not None, "the kernel reads byte-coded answers"
    monkeypatch.setattr(accumulate, "BLOCK", block)
    with_kernel = result_dict(score(q, table, by=["role"], threads=2))
    monkeypatch.setattr(kernel, "KERNEL", False)
    without = result_dict(score(q, table, by=["role"], threads=2))
    assert with_kernel["excluded"], "some respondents were excluded"
    assert json.dumps(with_kernel) == json.dumps(without)


@pytest.mark.slow
def test_tila_installs_and_scores_without_a_c_compiler(tmp_path, survey):
    """No compiler: the build says why and goes on; the wheel is pure Python and scores to the
    same figures as this installation."""
    out = tmp_path / "wheel"
    env = {**os.environ, "CC": "false", "LDSHARED": "false"}
    built = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps",
                            "--no-build-isolation", "-v", "-w", str(out), str(ROOT)],
                           env=env, capture_output=True, text=True, check=True)
    assert "the byte gram kernel was not compiled" in built.stdout + built.stderr
    wheel = next(out.glob("tila-*.whl"))
    assert wheel.name.endswith("-py3-none-any.whl")
    assert not any(n.endswith((".so", ".pyd", ".c")) for n in zipfile.ZipFile(wheel).namelist())
    site = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(site)
    q, path, qpath = survey
    code = ("import json, sys, tila\n"
            "from tila.scoring import kernel\n"
            "from tila.scoring.serialize import result_dict\n"
            "assert tila.__file__.startswith(sys.argv[3]) and not kernel.KERNEL\n"
            "q = tila.load_questionnaire(sys.argv[1])\n"
            "r = tila.score(q, tila.read_responses(sys.argv[2], q), by=['role'])\n"
            "print(json.dumps(result_dict(r)))\n")
    run = subprocess.run([sys.executable, "-c", code, str(qpath), str(path), str(site)],
                         env={**os.environ, "PYTHONPATH": str(site)}, cwd=tmp_path,
                         capture_output=True, text=True, check=True)
    here = result_dict(score(q, read_responses(path, q), by=["role"]))
    assert json.loads(run.stdout) == json.loads(json.dumps(here))
