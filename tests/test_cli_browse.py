"""``tila validate``, ``schema``, ``questionnaires``, ``show`` and ``--version``."""

from __future__ import annotations

import json

from tila import __version__
from tila.questionnaire.builtin import builtin_files

from .conftest import DATA


def test_version(cli):
    run = cli("--version")
    assert run.exit_code == 0
    assert run.stdout.strip() == f"tila {__version__}"


def test_validate_exit_codes(cli, write):
    good = [str(p) for p in builtin_files()]
    run = cli("validate", *good)
    assert run.exit_code == 0
    assert "valid" in run.stderr
    bad = write("bad.yaml", (DATA / "mini.yaml").read_text().replace("scale: agree5}",
                                                                       "scale: agree6}"))
    run = cli("validate", good[0], str(bad))
    assert run.exit_code == 1
    assert "unknown scale 'agree6'" in run.stderr
    assert f"{bad}:" in run.stderr


def test_schema_prints_json_schema(cli):
    run = cli("schema")
    assert run.exit_code == 0
    schema = json.loads(run.stdout)
    assert schema["title"] == "tila questionnaire"
    assert "items" in schema["required"]


def test_questionnaires_lists_builtins(cli):
    run = cli("questionnaires")
    assert run.exit_code == 0
    assert "tila-starter" in run.stdout
    assert "18" in run.stdout


def test_show_groups_items_by_principle_with_a_coverage_table(cli):
    run = cli("show", "tila-starter")
    assert run.exit_code == 0
    out = run.stdout
    assert out.index("Safety") < out.index("saf1") < out.index("Peer Support")
    assert "Coverage" in out
    assert "Governance" in out
    assert "Workforce" in out


def test_show_unknown_id_exits_1(cli):
    run = cli("show", "no-such-thing")
    assert run.exit_code == 1
    assert "tila-starter" in run.stderr


def test_show_tila_org_prints_its_domain_by_principle_coverage(cli):
    run = cli("show", "tila-org")
    assert run.exit_code == 0
    table = run.stdout[run.stdout.index("Coverage"):]
    for domain in ("Governance", "Policy", "Environment", "Engagement", "Cross-sector",
                   "Services", "Workforce", "Monitoring", "Financing", "Evaluation"):
        assert domain in table
    total_line = next(line for line in table.splitlines() if line.strip("│ ").startswith("Total"))
    assert total_line.replace("│", " ").split()[-1] == "67"


def test_show_fits_an_80_column_terminal(cli):
    # Consultants read this in a standard terminal: nothing may be cut off (no "…" in domain or
    # principle names), and an item's text wraps under itself, not under the item ids.
    run = cli("show", "tila-org", env={"COLUMNS": "80"})
    assert run.exit_code == 0
    lines = run.stdout.splitlines()
    assert max(len(line) for line in lines) <= 80
    assert "…" not in run.stdout
    table = run.stdout[run.stdout.index("Coverage"):]
    assert "Cross-sector" in table
    assert "Collab = collaboration and mutuality" in " ".join(table.split())
    saf02 = next(i for i, line in enumerate(lines) if line.lstrip().startswith("saf02"))
    text_starts = lines[saf02].index("There is")
    assert lines[saf02 + 1][:text_starts].strip() == ""  # wrapped under its own text


def test_cli_reference_is_current():
    """docs/cli.md is generated from --help; regenerate with scripts/make_cli_docs.py."""
    import subprocess
    import sys

    from tests.conftest import ROOT

    run = subprocess.run([sys.executable, str(ROOT / "scripts" / "make_cli_docs.py"), "--check"],
                         capture_output=True, text=True)
    assert run.returncode == 0, run.stdout
