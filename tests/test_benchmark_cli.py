"""``tila benchmark build`` and --benchmark on ``tila score`` and ``tila report``."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tila.cli.app import app

from .site_support import site_table

Q = "tila-starter"


def _csv(path: Path, shift: float, seed: int, n: int = 15) -> Path:
    t = site_table({"North": n}, shifts={"North": shift}, seed=seed, unknown=0.0)
    lines = ["respondent_id,role,site," + ",".join(t.item_ids)]
    lines += [f"{t.respondent_ids[i]},{t.fields['role'][i]},North," +
              ",".join(str(int(v)) for v in t.values[i]) for i in range(t.n_respondents)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def invoke(*args: str) -> tuple[int, str]:
    from tila.errors import TilaError

    r = CliRunner().invoke(app, list(args))
    if isinstance(r.exception, TilaError):  # main() prints these and exits 1
        return 1, r.exception.render()
    return r.exit_code, r.output


@pytest.fixture(scope="module")
def bench(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    folder = tmp_path_factory.mktemp("bench")
    for i in range(12):
        data = _csv(folder / f"org{i}.csv", shift=(i - 6) / 6, seed=i)
        code, out = invoke("score", str(data), "-q", Q, "-f", "json", "-o",
                           str(folder / f"org{i}.json"))
        assert code == 0, out
    out_file = folder / "benchmark.json"
    code, out = invoke("benchmark", "build", *(str(folder / f"org{i}.json") for i in range(12)),
                       "-o", str(out_file), "--description", "twelve generated agencies")
    assert code == 0, out
    return out_file, _csv(folder / "ours.csv", shift=0.9, seed=99)


def test_score_json_places_a_high_organization_high(bench: tuple[Path, Path]):
    bfile, ours = bench
    code, out = invoke("score", str(ours), "-q", Q, "-f", "json", "--benchmark", str(bfile))
    assert code == 0, out
    doc = json.loads(out[out.index("{"):])
    overall = doc["benchmark"]["positions"]["overall"]
    # Generated nearly a scale point above the middle of twelve spread organizations.
    assert overall["share_lower"][0] >= 0.5
    assert "of the 12 organizations in this benchmark" in overall["sentence"]
    assert doc["benchmark"]["provenance"].startswith("Benchmark: 12 organizations")
    assert doc["benchmark"]["synthetic"] is False


def test_score_table_and_report_show_the_benchmark_with_its_provenance(
        bench: tuple[Path, Path], tmp_path: Path):
    bfile, ours = bench
    code, out = invoke("score", str(ours), "-q", Q, "--benchmark", str(bfile))
    assert code == 0
    assert "twelve generated agencies" in out
    assert "Safety: " in out
    report = tmp_path / "r.html"
    code, out = invoke("report", str(ours), "-q", Q, "-o", str(report), "--benchmark",
                       str(bfile))
    assert code == 0, out
    html = report.read_text(encoding="utf-8")
    assert "Where you stand among other organizations" in html
    assert "Benchmark: 12 organizations that answered tila-starter" in html
    assert "synthetic" not in html.lower().split("where you stand")[1].split("</section>")[0]


def test_benchmark_of_another_questionnaire_is_refused(bench: tuple[Path, Path],
                                                       tmp_path: Path):
    bfile, _ = bench
    doc = json.loads(bfile.read_text(encoding="utf-8"))
    doc["benchmarks"][0]["version"] = "0.0.1"
    moved = tmp_path / "old.json"
    moved.write_text(json.dumps(doc), encoding="utf-8")
    code, out = invoke("score", str(bench[1]), "-q", Q, "-f", "json", "--benchmark",
                       str(moved))
    assert code == 1
    assert "not comparable" in out
    # The table view checks the benchmark before printing anything.
    run = CliRunner().invoke(app, ["score", str(bench[1]), "-q", Q, "--benchmark", str(moved)])
    assert run.exception is not None
    assert "Safety" not in run.stdout


def test_build_refuses_fewer_than_ten(bench: tuple[Path, Path], tmp_path: Path):
    folder = bench[0].parent
    code, out = invoke("benchmark", "build", *(str(folder / f"org{i}.json") for i in range(9)),
                       "-o", str(tmp_path / "b.json"), "--description", "nine")
    assert code == 1
    assert "at least 10 organizations" in out
    assert not (tmp_path / "b.json").exists()
