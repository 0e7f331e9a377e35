"""Nothing personal in what the issue-18 commands print (issue 18 privacy review): respondent
ids and comment text never appear in messages, warnings or tables of ``tila trend``,
``tila report --split-by`` and ``tila report --previous-plan``, including their refusals."""

from __future__ import annotations

from pathlib import Path

from tests.site_support import site_table

ID, SAID = "zqid", "zqsaid"  # markers no message has a reason to contain


def _csv(path: Path, sizes: dict[str | None, int], *, seed: int, copy_of: Path | None = None
         ) -> Path:
    t = site_table(sizes, seed=seed, q_id="tila-starter")
    n = t.n_respondents
    ids = [f"{ID}{seed}-{i}" for i in range(n)]
    site = dict(t.fields.given())["site"]
    role = dict(t.fields.given())["role"]
    head = "respondent_id,site,role," + ",".join(t.item_ids) + ",comment"
    lines = [f"{ids[i]},{site[i] or ''},{role[i]}," + ",".join(
        "Don't know" if t.status[i, j] else str(int(t.values[i, j]))
        for j in range(len(t.item_ids))) + f",{SAID} words of person {i}" for i in range(n)]
    if copy_of is not None:  # a cumulative export: an earlier wave's rows, then new ones
        lines = copy_of.read_text(encoding="utf-8").splitlines()[1:] + lines
    path.write_text("\n".join([head, *lines]) + "\n", encoding="utf-8")
    return path


def _clean(*texts: str) -> None:
    for text in texts:
        assert ID not in text
        assert SAID not in text


def test_trend_messages_name_no_respondent_and_quote_no_comment(cli, tmp_path: Path) -> None:
    a = _csv(tmp_path / "a.csv", {"North": 8, "South": 3, None: 2}, seed=1)
    b = _csv(tmp_path / "b.csv", {"North": 9, "South": 4}, seed=2)
    run = cli("trend", str(a), str(b), "-q", "tila-starter", "--by", "site")
    assert run.exit_code == 0, run.stderr
    _clean(run.stdout, run.stderr)
    # A refusal of the trend's own: a cumulative export.
    c = _csv(tmp_path / "c.csv", {"North": 2}, seed=3, copy_of=a)
    run = cli("trend", str(a), str(c), "-q", "tila-starter")
    assert run.exit_code != 0
    assert "repeats the answers" in run.stderr
    _clean(run.stdout, run.stderr)


def test_split_messages_name_no_respondent_and_quote_no_comment(cli, tmp_path: Path) -> None:
    a = _csv(tmp_path / "a.csv", {"North": 12, "South": 11, "East": 3, None: 1}, seed=5)
    run = cli("report", str(a), "-q", "tila-starter", "--split-by", "site", "--by", "role",
              "-o", str(tmp_path / "out"), "-f", "html")
    assert run.exit_code == 0, run.stderr
    assert "East" in run.stderr  # the refused site is listed, with its reason
    _clean(run.stdout, run.stderr)
    for path in (tmp_path / "out").iterdir():
        text = path.read_text(encoding="utf-8")
        assert ID not in text
        if path.name.startswith("site-") or path.suffix == ".csv" or path.name == "index.html":
            assert SAID not in text, path.name


def test_follow_up_messages_quote_no_comment(cli, tmp_path: Path) -> None:
    a = _csv(tmp_path / "a.csv", {"North": 12}, seed=6)
    b = _csv(tmp_path / "b.csv", {"North": 12}, seed=7)
    plan = tmp_path / "plan.csv"
    run = cli("report", str(a), "-q", "tila-starter", "--plan-csv", str(plan), "-o",
              str(tmp_path / "a.html"))
    assert run.exit_code == 0, run.stderr
    text = plan.read_text(encoding="utf-8").replace("\n", "\nbroken,row,x\n", 1)
    plan.write_text(text, encoding="utf-8")
    run = cli("report", str(b), "-q", "tila-starter", "--baseline", str(a), "--previous-plan",
              str(plan), "-o", str(tmp_path / "b.html"))
    assert run.exit_code == 0, run.stderr
    _clean(run.stdout, run.stderr)
    assert ID not in (tmp_path / "b.html").read_text(encoding="utf-8")
