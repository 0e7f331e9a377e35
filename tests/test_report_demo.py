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


def test_demo_writes_the_three_sample_reports(demo: dict[str, str]) -> None:
    assert sorted(demo) == ["sample-leader", "sample-org", "sample-pulse"]


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
