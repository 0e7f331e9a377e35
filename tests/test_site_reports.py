"""What a site's report and the index say, on generated organizations with known answers, and
``tila report --split-by`` from the command line."""

from __future__ import annotations

from pathlib import Path

import numpy as np
from typer.testing import CliRunner

from tila.cli.app import app
from tila.questionnaire.parse import load_questionnaire
from tila.report.sites import site_index, site_rows, site_section
from tila.report.split import file_stem
from tila.responses.table import ResponseTable
from tila.responses.write import native_csv
from tila.scoring.sites import split_by_site

from .site_support import site_table

Q = "tila-starter"


def test_a_site_generated_a_point_higher_reads_higher_everywhere():
    split = split_by_site(load_questionnaire(Q), site_table(
        {"North": 40, "South": 40, "West": 40}, shifts={"North": 1.0}), "site")
    north = split.shown[0]
    rows = site_rows(north)
    assert [r.verdict for r in rows] == ["higher at this site"] * len(rows)
    section = site_section(north, split)
    assert all(s.endswith(": higher at this site.") for s in section.sentences)
    assert "North's 40 respondents beside the other 80 respondents" in section.paragraphs[0]


def test_two_identical_sites_read_no_reliable_difference():
    one = site_table({"North": 30}, seed=5)
    both = ResponseTable.build(item_ids=one.item_ids, values=np.vstack([one.values, one.values]),
                               status=np.vstack([one.status, one.status]),
                               respondent_ids=np.array([f"R{i}" for i in range(60)], dtype=object),
                               fields={"site": np.array(["North"] * 30 + ["South"] * 30,
                                                  dtype=object)})
    split = split_by_site(load_questionnaire(Q), both, "site")
    for site in split.shown:
        for row in site_rows(site):
            assert abs(row.diff) < 1e-9
            assert row.lo < 0 < row.hi
            assert row.verdict == "no reliable difference"


def test_every_sentence_states_the_verdict_its_interval_gives():
    split = split_by_site(load_questionnaire(Q), site_table(
        {"North": 25, "South": 25, "East": 9}, shifts={"North": 0.3, "East": -0.2}), "site")
    for site in split.shown:
        for row, text in zip(site_rows(site), site_section(site, split).sentences,
                             strict=True):
            expected = ("higher at this site" if row.lo > 0 else "lower at this site"
                        if row.hi < 0 else "no reliable difference")
            assert text.endswith(f": {expected}.")


def test_one_site_only_has_nothing_to_compare_with():
    split = split_by_site(load_questionnaire(Q), site_table({"North": 20}), "site")
    section = site_section(split.shown[0], split)
    assert section.chart is None
    assert not section.sentences
    assert "no rest of the organization" in section.paragraphs[0]


def test_index_lists_refused_sites_with_a_reason_and_no_figures():
    split = split_by_site(load_questionnaire(Q), site_table(
        {"North": 30, "South": 22, "East": 3}), "site")
    index = site_index(split, "Acme", {"North": "site-north.html"}, "1 May 2026")
    east = next(r for r in index.rows if r.name == "East")
    assert east.link is None
    assert east.n == "fewer than 5"
    assert east.reason == "No report: fewer than 5 people."
    assert all(c == ("\u2014", "\u2014") for c in east.cells)
    south = next(r for r in index.rows if r.name == "South")
    assert south.reason is not None
    assert "expose" in south.reason


def test_file_names_stay_inside_the_folder_and_unique():
    taken: set[str] = set()
    assert file_stem("../../etc/passwd", taken) == "site-etc-passwd"
    assert file_stem("North Campus", taken) == "site-north-campus"
    assert file_stem("north campus", taken) == "site-north-campus-2"
    assert file_stem("«»", taken) == "site-site"


def test_cli_split_writes_a_report_per_site_and_lists_the_refused_one(tmp_path: Path):
    table = site_table({"North": 20, "South": 20, "East": 12, "Tiny": 3}, unknown=0.0)
    data = tmp_path / "survey.csv"
    data.write_text(native_csv(load_questionnaire(Q), table), encoding="utf-8")
    out = tmp_path / "reports"
    run = CliRunner().invoke(app, ["report", str(data), "-q", Q, "--split-by", "site",
                                   "-o", str(out), "-f", "html", "--org", "Acme"])
    assert run.exit_code == 0, run.output
    # Tiny (3) is refused; its 3 people would then be the total minus the other sites, so the
    # smallest of those (East) is refused too.
    assert sorted(p.name for p in out.iterdir()) == [
        "index.html", "site-north.html", "site-south.html", "summary.csv"]
    assert "no report for site 'Tiny'" in run.output  # stderr is mixed in by CliRunner
    assert "no report for site 'East'" in run.output
    index = (out / "index.html").read_text(encoding="utf-8")
    assert 'href="site-north.html"' in index
    assert "Tiny" in index
    north = (out / "site-north.html").read_text(encoding="utf-8")
    assert "This site and the rest of the organization" in north


def test_cli_split_refuses_options_it_cannot_honour_and_warns_of_stale_reports(
        tmp_path: Path):
    table = site_table({"North": 20, "South": 20}, unknown=0.0)
    data = tmp_path / "survey.csv"
    data.write_text(native_csv(load_questionnaire(Q), table), encoding="utf-8")
    out = tmp_path / "reports"
    run = CliRunner().invoke(app, ["report", str(data), "-q", Q, "--split-by", "site", "-o",
                                   str(out), "--baseline", str(data)])
    assert run.exit_code == 2
    assert "cannot be combined with --baseline" in run.output
    assert not out.exists()
    out.mkdir()
    (out / "site-east.html").write_text("old", encoding="utf-8")
    run = CliRunner().invoke(app, ["report", str(data), "-q", Q, "--split-by", "site", "-o",
                                   str(out), "-f", "html"])
    assert run.exit_code == 0
    assert "not written by this run: site-east.html" in run.output
    assert (out / "site-east.html").read_text(encoding="utf-8") == "old"  # never deleted


def test_index_never_lets_the_count_of_people_without_a_site_be_derived_when_small():
    q = load_questionnaire(Q)
    split = split_by_site(q, site_table({"North": 30, "South": 20, None: 2}), "site")
    index = site_index(split, "Acme", {}, "1 May 2026")
    south = next(r for r in index.rows if r.name == "South")
    assert south.link is None
    assert south.n == "not shown"  # 52 - 30 - 20 would be the 2 people who named no site
    # Everyone named a site: South (held back with Tiny) may show its size.
    split = split_by_site(q, site_table({"North": 30, "South": 20, "Tiny": 2}), "site")
    counts = {r.name: (r.n, r.link) for r in site_index(split, "Acme", {}, "").rows}
    assert counts["South"] == ("20", None)
    assert counts["Tiny"] == ("fewer than 5", None)


def test_site_sentences_hold_on_every_report_dataset():
    # The report's generated shapes (all high, all low, tiny, heavy "Don't know", reverse
    # dominated), each cut into three sites: every sentence states its own figures and the
    # verdict its interval gives; a tiny organization's sites are all held back, with reasons.
    from tests import report_datasets as rd

    shapes = {"all_high": (60, 4.75, 1.2, 11, 0.04, 0.45), "all_low": (60, 1.5, 4.6, 12, 0.04, 0.5),
              "tiny": (6, 3.3, 2.8, 13, 0.04, 0.7), "heavy_unknown": (80, 3.4, 2.6, 14, 0.35, 0.7),
              "reverse_dominated": (60, 4.2, 4.6, 15, 0.04, 0.7)}
    q = load_questionnaire(rd.Q_ID)
    from tila.report import fmt

    for name, (n, agree, rev, seed, unknown, spread) in shapes.items():
        base = rd._table(n, agree, rev, seed, unknown, spread)
        sites = np.array([("North", "South", "East")[i % 3] for i in range(n)], dtype=object)
        table = ResponseTable.build(item_ids=base.item_ids, values=base.values, status=base.status,
                                    respondent_ids=base.respondent_ids,
                                    fields={"site": sites, "role": base.fields["role"]})
        split = split_by_site(q, table, "site", by=("role",))
        index = site_index(split, "Acme", {}, "1 May 2026")
        assert len(index.rows) == 3, name
        for row in index.rows:
            assert (row.reason is None) == (row.name in {s.value for s in split.shown}), name
        assert "nan" not in repr(index).lower(), name
        if name == "tiny":
            assert not split.shown
        for site in split.shown:
            for row, text in zip(site_rows(site), site_section(site, split).sentences,
                                 strict=True):
                assert text.startswith(f"{row.title}: {fmt.score(row.site)} at this site, "
                                       f"{fmt.score(row.rest)} in the rest"), (name, text)
                assert text.endswith(f": {row.verdict}."), (name, text)
                assert "nan" not in text.lower()
