"""``tila administer`` driven for real in a pseudo-terminal (pexpect), plus its scripted mode."""

from __future__ import annotations

import io
import json
import os
import random
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

pexpect = pytest.importorskip("pexpect")

REPO = Path(__file__).resolve().parents[1]
DATA = Path(__file__).parent / "data"
FORMS = DATA / "administer-forms.yaml"
ESC = "\x1b"

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="needs a POSIX terminal")


def _env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "SOURCE_DATE_EPOCH")}
    env.update(PYTHONPATH=str(REPO / "src"), TERM="xterm-256color", COLUMNS="80", LINES="24")
    env.update(extra)
    return env


def _spawn(args: list[str], cwd: Path, **env: str) -> pexpect.spawn:
    child = pexpect.spawn(sys.executable, ["-m", "tila", "administer", *args], cwd=str(cwd),
                          env=_env(**env), dimensions=(24, 80), encoding="utf-8", timeout=20)
    child.logfile_read = io.StringIO()
    return child


def _run(args: list[str], cwd: Path, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "tila", *args], cwd=cwd, env=_env(**env),
                          stdin=subprocess.DEVNULL, capture_output=True, text=True, timeout=60)


def _finish(child: pexpect.spawn) -> int:
    child.expect(pexpect.EOF)
    child.close()
    return int(child.exitstatus if child.exitstatus is not None else 128 + child.signalstatus)


def _start_starter(child: pexpect.spawn) -> None:
    """Opening screen, then role 'Direct service' and site typed as 'Main street'."""
    child.expect("Taking part is voluntary")
    child.send("\r")
    child.expect("Your role")
    child.send("3")
    child.expect("Your main site")
    child.expect("Your answer: ")
    child.sendline("Main street")
    child.expect("Statement 1 of 18")


def _answer(child: pexpect.spawn, key: str, next_number: int, total: int = 18) -> None:
    child.send(key)
    if next_number > total:
        child.expect("Review your answers")
    else:
        child.expect(f"Statement {next_number} of {total}")


def test_full_interview_with_back_skip_quit_resume_review_and_score(tmp_path: Path) -> None:
    out = tmp_path / "leader.json"
    child = _spawn(["tila-starter", "-o", str(out)], tmp_path)
    _start_starter(child)
    _answer(child, "4", 2)
    _answer(child, "2", 3)
    _answer(child, "b", 2)  # back: the earlier answer is marked
    child.expect("your answer")
    _answer(child, "5", 3)  # ... and changed
    child.send("x")
    child.expect(re.escape("That key isn't one of the choices; press ? for help."))
    _answer(child, "s", 4)
    _answer(child, "n", 5)
    _answer(child, "d", 6)
    child.send("q")
    child.expect(re.escape(f"tila administer --resume {out}"))
    assert _finish(child) == 0

    saved = json.loads(out.read_text())
    assert saved["answers"] == {"saf1": 4, "saf2": 5, "saf3": None, "tru1": "not_applicable",
                                "tru2": "dont_know"}
    assert saved["fields"] == {"role": "Direct service", "site": "Main street"}
    assert saved["tila_session"]["state"] == "in_progress"

    child = _spawn(["--resume", str(out)], tmp_path)
    child.expect("Statement 6 of 18")
    child.expect("Welcome back")
    for number in range(7, 20):
        _answer(child, "3", number)
    child.expect(re.escape("Skipped: 1 (statement 3)"))
    child.send("g")
    child.expect(re.escape("Statement number (1 to 18), then Enter: "))
    child.sendline("3")
    child.expect("Statement 3 of 18")
    _answer(child, "1", 19)  # opened from the review: answering returns there
    child.expect("Skipped: 0")
    child.send("\r")
    child.expect("Thank you")
    assert _finish(child) == 0

    done = json.loads(out.read_text())
    finished_bytes = out.read_bytes()
    assert "tila_session" not in done
    assert done["completed_at"] is not None
    assert done["answers"]["saf3"] == 1
    assert done["answers"]["cul3"] == 3
    assert re.fullmatch(r"R-[0-9a-f]{8}", done["respondent_id"])

    # opening the finished file and leaving without a change keeps it submitted, byte for byte
    child = _spawn(["--resume", str(out)], tmp_path)
    child.expect("Review your answers")
    child.send("g")
    child.expect("Statement number")
    child.sendline("4")
    child.expect("Statement 4 of 18")
    child.send("q")
    child.expect("still submitted")
    assert _finish(child) == 0
    assert out.read_bytes() == finished_bytes

    scored = _run(["score", str(out), "-q", "tila-starter", "-f", "json"], tmp_path)
    assert scored.returncode == 0, scored.stderr
    result = json.loads(scored.stdout)
    assert result["principles"]["safety"]["mean"] == pytest.approx((4 + 5 + 1) / 3, abs=1e-3)
    # "Not applicable" and "Don't know" are missing, never zero: 1 of 3 answered is too few
    assert result["principles"]["trustworthiness"]["n"] == 0
    assert result["principles"]["peer_support"]["mean"] == pytest.approx(3.0)


def test_sigkill_mid_session_loses_no_answer(tmp_path: Path) -> None:
    out = tmp_path / "s.json"
    child = _spawn(["tila-starter", "-o", str(out)], tmp_path)
    _start_starter(child)
    given = ["5", "4", "d", "2", "1"]
    for number, key in enumerate(given, start=2):
        _answer(child, key, number)
    child.kill(signal.SIGKILL)
    child.close(force=True)
    assert child.signalstatus == signal.SIGKILL

    answers = json.loads(out.read_text())["answers"]
    assert answers == {"saf1": 5, "saf2": 4, "saf3": "dont_know", "tru1": 2, "tru2": 1}
    child = _spawn(["--resume", str(out)], tmp_path)
    child.expect("Statement 6 of 18")
    _answer(child, "b", 5)
    child.expect("your answer")
    child.send("q")
    assert _finish(child) == 0


def test_sigkill_at_random_moments_always_leaves_a_whole_file(tmp_path: Path) -> None:
    rng = random.Random(6)
    for round_ in range(4):
        out = tmp_path / f"r{round_}.json"
        child = _spawn(["tila-starter", "-o", str(out)], tmp_path)
        _start_starter(child)
        child.send("1234512345123")  # typed ahead: saved one by one while we kill
        time.sleep(rng.uniform(0.0, 0.4))
        child.kill(signal.SIGKILL)
        child.close(force=True)
        doc = json.loads(out.read_text())  # never half-written
        values = list(doc["answers"].values())
        assert values == [1, 2, 3, 4, 5, 1, 2, 3, 4, 5, 1, 2, 3][: len(values)]


def test_ctrl_c_saves_says_how_to_resume_and_restores_the_terminal(tmp_path: Path) -> None:
    out = tmp_path / "c.json"
    # the shell traps (not ignores) SIGINT so it survives Ctrl-C and the child gets it
    script = (f"trap : INT; {sys.executable} -m tila administer tila-starter -o {out}; "
              "echo rc=$?; stty -a")
    child = pexpect.spawn("/bin/sh", ["-c", script], cwd=str(tmp_path), env=_env(),
                          dimensions=(24, 80), encoding="utf-8", timeout=20)
    _start_starter(child)
    _answer(child, "4", 2)
    child.sendintr()
    child.expect(re.escape(f"tila administer --resume {out}"))
    child.expect(r"rc=(\d+)")
    assert child.match.group(1) == "130"
    child.expect(pexpect.EOF)
    settings = child.before
    assert re.search(r"(?<!-)\bicanon\b", settings)
    assert re.search(r"(?<!-)\becho\b", settings)
    assert json.loads(out.read_text())["answers"] == {"saf1": 4}


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGHUP])
def test_stop_signals_save_and_exit_quietly(tmp_path: Path, signum: int) -> None:
    out = tmp_path / "t.json"
    child = _spawn(["tila-starter", "-o", str(out)], tmp_path)
    _start_starter(child)
    _answer(child, "2", 2)
    child.kill(signum)
    assert _finish(child) == 128 + signum
    assert "Traceback" not in child.logfile_read.getvalue()
    assert json.loads(out.read_text())["answers"] == {"saf1": 2}


def test_plain_mode_has_no_escape_sequences_or_boxes(tmp_path: Path) -> None:
    child = _spawn(["tila-starter", "--plain", "-o", str(tmp_path / "p.json")], tmp_path)
    child.expect("Taking part is voluntary")
    child.expect("Your choice, then Enter: ")
    child.sendline("")
    child.expect("Your role")
    child.sendline("p")
    child.expect("Your main site")
    child.sendline("")
    child.expect(re.escape("Statement 1 of 18, about 5 minutes left."))
    child.expect("1: Strongly disagree")
    child.sendline("7")  # a number outside the scale: the hint names the numbers there are
    child.expect(re.escape("There is no choice 7; choose 1 to 5."))
    child.sendline("z")
    child.expect(re.escape("That key isn't one of the choices"))
    child.sendline("?")
    child.expect("Think of the building itself")  # the statement's own help
    child.sendline("4")
    child.expect("Statement 2 of 18")
    child.sendline("q")
    assert _finish(child) == 0
    text = child.logfile_read.getvalue()
    assert ESC not in text
    assert not set(text) & set("╭╮╰╯│─█░◀")
    assert json.loads((tmp_path / "p.json").read_text())["answers"] == {"saf1": 4}


def test_no_color_mode_has_no_escape_sequences(tmp_path: Path) -> None:
    child = _spawn(["tila-starter", "-o", str(tmp_path / "n.json")], tmp_path, NO_COLOR="1")
    _start_starter(child)
    _answer(child, "?", 1)
    _answer(child, "5", 2)
    child.send("z")
    child.expect("press \\? for help")
    _answer(child, "b", 1)
    child.send("q")
    assert _finish(child) == 0
    assert ESC not in child.logfile_read.getvalue()


def test_form_wording_and_consensus_notes(tmp_path: Path) -> None:
    out = tmp_path / "committee.json"
    child = _spawn([str(FORMS), "--form", "staff", "--consensus", "-o", str(out)], tmp_path)
    child.expect("Form: Staff rating their leader")
    child.expect("committee rating")
    child.send("\r")
    child.expect("My leader protects our supervision time.")
    child.send("3")
    child.expect("Note: ")
    child.sendline("Agreed after discussing the rota")
    child.sendline("")  # an empty line finishes a note (notes may run over several lines)
    child.expect("Evidence: ")
    child.sendline("supervision log 2025")
    child.sendline("")
    child.expect("Statement 2 of 3")
    child.send("o")  # a non-scored answer can carry a note too; leave both empty
    child.expect("Note: ")
    child.sendline("")
    child.expect("Evidence: ")
    child.sendline("")
    child.expect("Statement 3 of 3")
    _answer(child, "s", 4, total=3)
    child.send("\r")
    child.expect("Thank you")
    assert _finish(child) == 0
    done = json.loads(out.read_text())
    assert done["form"] == "staff"
    assert done["answers"] == {"lead1": 3, "lead2": "not_observed", "lead3": None}
    assert done["notes"] == {"lead1": {"note": "Agreed after discussing the rota",
                                       "evidence": "supervision log 2025"}}


def test_refuses_without_a_terminal(tmp_path: Path) -> None:
    done = _run(["administer", "tila-starter"], tmp_path)
    assert done.returncode == 2
    assert "needs a terminal" in done.stderr
    assert "--answers FILE" in done.stderr
    assert list(tmp_path.iterdir()) == []


def test_scripted_answers_write_a_finished_response(tmp_path: Path) -> None:
    answers = tmp_path / "a.yaml"
    answers.write_text("fields: {role: Leadership}\n"
                       "answers: {saf1: 4, saf2: Agree, saf3: dont_know, tru1: N/A}\n")
    out = tmp_path / "r.json"
    done = _run(["administer", "tila-starter", "--answers", str(answers), "-o", str(out)],
                tmp_path, SOURCE_DATE_EPOCH="1767225600")
    assert done.returncode == 0, done.stderr
    assert done.stdout == ""
    doc = json.loads(out.read_text())
    assert doc["completed_at"] == "2026-01-01T00:00:00Z"
    assert doc["fields"] == {"role": "Leadership", "site": None}
    assert list(doc["answers"].values())[:5] == [4, 4, "dont_know", "not_applicable", None]
    assert set(doc) == {"tila_response", "questionnaire", "respondent_id", "form", "fields",
                        "answers", "notes", "completed_at"}


def test_scripted_answers_with_problems_exit_1_and_write_nothing(tmp_path: Path) -> None:
    answers = tmp_path / "a.json"
    answers.write_text(json.dumps({"saf1": 9, "nope": 2}))
    out = tmp_path / "r.json"
    done = _run(["administer", "tila-starter", "--answers", str(answers), "-o", str(out)],
                tmp_path)
    assert done.returncode == 1
    assert "unknown item 'nope'" in done.stderr
    assert "answers.saf1" in done.stderr
    assert not out.exists()


def test_existing_output_needs_force(tmp_path: Path) -> None:
    answers = tmp_path / "a.json"
    answers.write_text(json.dumps({"saf1": 2}))
    out = tmp_path / "r.json"
    out.write_text('{"keep": "me"}')
    args = ["administer", "tila-starter", "--answers", str(answers), "-o", str(out)]
    refused = _run(args, tmp_path)
    assert refused.returncode == 1
    assert "already exists" in refused.stderr
    assert out.read_text() == '{"keep": "me"}'
    forced = _run([*args, "--force"], tmp_path)
    assert forced.returncode == 0, forced.stderr
    assert json.loads(out.read_text())["answers"]["saf1"] == 2


def test_forms_must_be_chosen_and_exist(tmp_path: Path) -> None:
    answers = tmp_path / "a.json"
    answers.write_text(json.dumps({"lead1": "Always"}))
    base = ["administer", str(FORMS), "--answers", str(answers)]
    missing = _run(base, tmp_path)
    assert missing.returncode == 2
    assert "choose one with --form" in missing.stderr
    unknown = _run([*base, "--form", "board"], tmp_path)
    assert unknown.returncode == 2
    assert "its forms are self, staff" in unknown.stderr
    ok = _run([*base, "--form", "self", "-o", str(tmp_path / "r.json")], tmp_path)
    assert ok.returncode == 0, ok.stderr
    doc = json.loads((tmp_path / "r.json").read_text())
    assert (doc["form"], doc["answers"]["lead1"]) == ("self", 4)


def test_a_refusal_is_wrapped_between_words_at_60_columns(tmp_path: Path) -> None:
    """Seen in tmux at 60x20: the --form self --consensus refusal was cut mid-word by the
    terminal ("toget" / "her"); in a terminal it is wrapped at its width, piped it stays whole."""
    child = _spawn([str(FORMS), "--form", "self", "--consensus", "-o", str(tmp_path / "x.json")],
                   tmp_path, COLUMNS="60", LINES="20")
    child.setwinsize(20, 60)
    assert _finish(child) == 2
    rows = child.logfile_read.getvalue().replace("\r", "").strip().split("\n")
    assert max(len(row) for row in rows) <= 60, rows
    words = " ".join(" ".join(rows).split())
    assert "--consensus is for a committee rating together, and form 'self' is one leader " \
           "rating themself" in words
    answers = tmp_path / "answers.json"
    answers.write_text("{}")
    piped = _run(["administer", str(FORMS), "--form", "self", "--consensus", "--answers",
                  str(answers), "-o", str(tmp_path / "x.json")], tmp_path)
    assert piped.returncode == 2
    assert "committee rating together" in piped.stderr
    assert len(piped.stderr.strip().splitlines()) == 1


def test_problems_wrap_between_words_in_a_60_column_terminal(tmp_path: Path) -> None:
    """Seen in tmux at 60x20: resuming a CSV printed "... written by 'tila a" / "dminister'"."""
    sample = REPO / "questionnaires" / "samples" / "sample-org.csv"
    child = _spawn(["--resume", str(sample)], tmp_path, COLUMNS="60", LINES="20")
    child.setwinsize(20, 60)
    assert _finish(child) == 1
    plain = re.sub(r"\x1b\[[0-9;]*m", "", child.logfile_read.getvalue())  # colours take no room
    rows = plain.replace("\r", "").strip().split("\n")
    assert max(len(row) for row in rows) <= 60, rows
    words = " ".join(" ".join(rows).split())
    assert "error: this is a CSV file, not an interview file" in words
    assert "written by 'tila administer'" in words
