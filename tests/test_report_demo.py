"""The demo reports from the bundled sample organization, with the real suggestions library."""

from __future__ import annotations

from pathlib import Path

import pytest

from tila.report.demo import render_demo, samples_dir

pytestmark = pytest.mark.skipif(not (samples_dir() / "sample-org.csv").is_file(),
                                reason="sample organization not bundled")


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    folder = tmp_path_factory.mktemp("demo")
    written = render_demo(folder, formats=("html",))
    return {p.stem: p.read_text(encoding="utf-8") for p in written}


def test_demo_writes_the_sample_reports(demo: dict[str, str]) -> None:
    # The three sample-data reports, and (issue 18) a trend over three generated waves and the
    # last wave's report following up the plan made at the second.
    assert {"sample-leader", "sample-org", "sample-pulse", "sample-trend",
            "sample-followup"} <= set(demo)


def test_demo_trend_finds_the_generated_change_and_nothing_else(demo: dict[str, str]) -> None:
    html = demo["sample-trend"]
    assert "Change over time" in html
    peer = html.split("<h3>Peer support</h3>")[1].split("trend-cell")[0]
    assert "reliable improvement" in peer
    assert "paired, for the 90 people scored in both waves" in html


def test_demo_followup_lists_the_recorded_statuses(demo: dict[str, str]) -> None:
    html = demo["sample-followup"]
    assert "What we said we would do" in html
    assert "<strong>Status:</strong> done" in html
    assert "<strong>Status:</strong> in progress" in html


def test_sample_org_focuses_on_peer_support_and_hides_the_tiny_program(
        demo: dict[str, str]) -> None:
    html = demo["sample-org"]
    assert "180 people answered out of 240 invited" in html
    focus = html.split('<ol class="focus-list">')[1].split("</ol>")[0]
    assert focus.split("<li>")[1].startswith("<strong>Peer Support</strong>: ")
    row = html.split("<th scope=\"row\">Community Outreach</th>")[1].split("</tr>")[0]
    assert "not shown (fewer than 5)" in row
    assert "Leaders and staff" in html


def test_sample_pulse_shows_peer_support_improving_and_nothing_else(
        demo: dict[str, str]) -> None:
    html = demo["sample-pulse"]
    assert "Peer Support rose by" in html
    assert "The other principles show no reliable change." in html


def test_sample_leader_sets_self_ratings_beside_staff(demo: dict[str, str]) -> None:
    html = demo["sample-leader"]
    assert "The average self-rating of 8 leaders beside the ratings of 40 staff members" in html


def test_demo_refuses_to_invent_data_when_samples_are_missing(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from tila.errors import ReportError
    from tila.report import demo as demo_module

    monkeypatch.setattr(demo_module, "samples_dir", lambda: tmp_path / "none")
    with pytest.raises(ReportError) as err:
        render_demo(tmp_path / "out")
    assert err.value.codes == ("no-sample-data",)
    assert not (tmp_path / "out").exists()


def test_demo_splits_by_site_and_labels_its_benchmark_synthetic(demo: dict[str, str]) -> None:
    # (issue 18) North is held back: its figures with the other sites' and the total would
    # expose the 5 people who named no site, only 4 of whom have an Evaluation score.
    assert "No report: its figures on Evaluation would expose" in demo["index"]
    assert 'href="site-central.html"' in demo["index"]
    assert "This site and the rest of the organization" in demo["site-central"]
    html = demo["sample-org-benchmark"]
    section = html.split('<section id="benchmark"')[1].split("</section>")[0]
    assert "(synthetic benchmark)" in section
    assert "<strong>Synthetic benchmark: made by tila from generated organizations" in section
    assert "of the 41 organizations in this benchmark" in section
