"""Make tila's synthetic sample organization (questionnaires/samples/).

Everything here is invented: no answer comes from a real person. The data have a believable
structure so the demo, the tests and the documentation show something worth reading:

* sample-org.csv: about 180 staff answer tila-org across six programs, three sites, every role
  and tenure band. Principles are correlated (one general factor), Peer Support is clearly the
  weakest, leaders rate Trustworthiness higher than frontline staff, one program has only three
  people (so a report must suppress it), and some answers are "Don't know", "Not applicable" or
  left blank.
* leader-self.csv and leader-staff.csv: eight leaders rate themselves on tila-leader (form
  "self") and about forty staff rate those leaders (form "staff"), matched by the ``leader``
  field. Most leaders rate themselves higher than their staff do.
* pulse-baseline.csv and pulse-6months.csv: two waves of tila-pulse; Peer Support really
  improves between them, the other principles do not move.

Run ``python scripts/make_sample_data.py [OUT_DIR]``. The seed is fixed, each dataset draws from
its own random stream, and writers never draw random numbers, so the output is byte-identical on
every run (a test checks this) and adding a writer (for example a Qualtrics-style export) cannot
change the data. To add a format, write a function ``(Dataset, Path) -> None`` and register it
in ``WRITERS`` with the file suffix it produces.
"""

from __future__ import annotations

import csv
import os
import sys
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT / "src") not in sys.path:
    sys.path.insert(0, str(ROOT / "src"))

from tila.questionnaire.model import Questionnaire  # noqa: E402
from tila.questionnaire.parse import load_questionnaire  # noqa: E402

SEED = 20260301
DONT_KNOW = "dont_know"
NOT_APPLICABLE = "not_applicable"
PREFER_NOT = "Prefer not to say"

#: Answer to one item: a scale value, a non-scored option id, or None for a blank (skipped).
Answer = int | str | None

ROLES = ("Leadership", "Supervisor or manager", "Direct service", "Administrative or support",
         "Peer or lived-experience staff", "Other")
TENURES = ("Less than 1 year", "1 to 2 years", "3 to 5 years", "6 to 10 years",
           "More than 10 years")
SITES = ("North", "Central", "Riverside")
#: program -> (headcount, main site). Community Outreach is the small group a report suppresses.
PROGRAMS = {
    "Adult Outpatient": (40, "Central"),
    "Youth Residential": (38, "North"),
    "Crisis Response": (35, "Central"),
    "Family Services": (32, "Riverside"),
    "Housing Support": (32, "Riverside"),
    "Community Outreach": (3, "North"),
}
#: Organization-wide level per principle on the 1-5 answer scale; Peer Support is the weak one.
LEVEL = {"safety": 3.45, "trustworthiness": 3.3, "peer_support": 2.55, "collaboration": 3.25,
         "empowerment": 3.4, "cultural": 3.2}
#: Role shifts (all principles, trustworthiness extra): leaders see more of the reasons.
ROLE_SHIFT = {"Leadership": (0.3, 0.6), "Supervisor or manager": (0.15, 0.25),
              "Direct service": (0.0, 0.0), "Administrative or support": (-0.05, 0.0),
              "Peer or lived-experience staff": (0.05, -0.1), "Other": (0.0, 0.0)}
#: Domains most staff cannot see into, so "Don't know" is common there.
OPAQUE_DOMAINS = {"financing", "evaluation", "monitoring", "cross_sector"}
#: Items about one's own caseload or supervision: "Not applicable" for roles without them.
CASELOAD_ITEMS = {"saf05"}
SUPERVISION_ITEMS = {"saf12", "col04", "emp04"}


@dataclass(frozen=True)
class Row:
    respondent_id: str
    fields: dict[str, str]
    answers: dict[str, Answer]


@dataclass(frozen=True)
class Dataset:
    """One sample file's content, independent of how it is written."""

    name: str  # file stem, e.g. "sample-org"
    questionnaire: Questionnaire
    form: str | None
    field_ids: tuple[str, ...]
    rows: tuple[Row, ...]


# --- generation -----------------------------------------------------------------------------


def _answer(rng: np.random.Generator, level: float, reverse: bool) -> int:
    """A 1-5 answer around ``level`` (the agreement with the principle, before reverse wording)."""
    value = int(np.clip(np.rint(level + rng.normal(0.0, 0.7)), 1, 5))
    return 6 - value if reverse else value


def _with_field_gaps(rng: np.random.Generator, fields: dict[str, str]) -> dict[str, str]:
    return {k: (PREFER_NOT if rng.random() < 0.03 else v) for k, v in fields.items()}


def _staff_answers(rng: np.random.Generator, q: Questionnaire, levels: dict[str, float],
                   role: str, tenure: str, offsets: dict[str, float]) -> dict[str, Answer]:
    answers: dict[str, Answer] = {}
    new = tenure == TENURES[0]
    for it in q.items:
        dk = 0.02 + (0.10 if it.domain in OPAQUE_DOMAINS else 0.0)
        dk *= 2.0 if new else 1.0
        na = 0.01
        if it.id in CASELOAD_ITEMS and role in ("Leadership", "Administrative or support"):
            na = 0.7
        if it.id in SUPERVISION_ITEMS and role == "Leadership":
            na = 0.4
        draw = rng.random()
        if draw < na:
            answers[it.id] = NOT_APPLICABLE
        elif draw < na + dk:
            answers[it.id] = DONT_KNOW
        elif draw < na + dk + 0.02:
            answers[it.id] = None
        else:
            level = levels[it.primary_principle] + offsets[it.id]
            answers[it.id] = _answer(rng, level, it.reverse)
    return answers


def _levels(rng: np.random.Generator, base: dict[str, float], shift: tuple[float, float],
            program_effect: float) -> dict[str, float]:
    general = rng.normal(0.0, 1.0)  # one factor shared by all principles: they correlate
    return {
        p: base[p] + program_effect + shift[0] + (shift[1] if p == "trustworthiness" else 0.0)
        + 0.45 * general + 0.3 * rng.normal(0.0, 1.0)
        for p in base
    }


def _staff_roster(rng: np.random.Generator) -> list[tuple[str, str, str, str]]:
    """(program, site, role, tenure) for every staff member, program by program."""
    role_p = np.array([0.06, 0.12, 0.55, 0.14, 0.09, 0.04])
    tenure_p = np.array([0.18, 0.24, 0.28, 0.18, 0.12])
    roster = []
    for program, (n, main_site) in PROGRAMS.items():
        if n < 5:  # the small program: one supervisor, one worker, one peer
            roles = ["Supervisor or manager", "Direct service", "Peer or lived-experience staff"]
        else:
            roles = ["Leadership", "Supervisor or manager"] + [
                ROLES[i] for i in rng.choice(len(ROLES), size=n - 2, p=role_p)]
        for role in roles:
            site = main_site if rng.random() < 0.8 else SITES[int(rng.integers(len(SITES)))]
            tenure = TENURES[int(rng.choice(len(TENURES), p=tenure_p))]
            roster.append((program, site, role, tenure))
    return roster


def make_org(q: Questionnaire, rng: np.random.Generator) -> Dataset:
    offsets = {it.id: float(rng.normal(0.0, 0.25)) for it in q.items}
    program_effect = {p: float(rng.normal(0.0, 0.2)) for p in PROGRAMS}
    rows = []
    roster = _staff_roster(rng)
    order = rng.permutation(len(roster))  # survey order is not program order
    quitters = set(rng.choice(len(roster), size=3, replace=False).tolist())
    for k, idx in enumerate(order, start=1):
        program, site, role, tenure = roster[int(idx)]
        levels = _levels(rng, LEVEL, ROLE_SHIFT[role], program_effect[program])
        answers = _staff_answers(rng, q, levels, role, tenure, offsets)
        if k - 1 in quitters:  # stopped partway through: the rest is blank
            for item_id in q.item_ids[40:]:
                answers[item_id] = None
        fields = _with_field_gaps(rng, {"role": role, "program": program, "site": site,
                                        "tenure": tenure})
        rows.append(Row(f"S{k:03d}", fields, answers))
    return Dataset("sample-org", q, None, ("role", "program", "site", "tenure"), tuple(rows))


#: leader code -> (program, self-rating bias). L05 rates themselves lower than staff do.
LEADERS = {"L01": ("Adult Outpatient", 0.6), "L02": ("Youth Residential", 0.5),
           "L03": ("Crisis Response", 0.8), "L04": ("Family Services", 0.4),
           "L05": ("Housing Support", -0.3), "L06": ("Adult Outpatient", 0.5),
           "L07": ("Youth Residential", 0.3), "L08": ("Community Outreach", 0.6)}
RATERS = {"L01": 6, "L02": 5, "L03": 5, "L04": 6, "L05": 5, "L06": 5, "L07": 5, "L08": 3}
#: Items staff often cannot see (a leader's own support) draw more "Don't know".
HIDDEN_ITEMS = {"ldr14", "ldr27", "ldr28"}


def make_leaders(q: Questionnaire, rng: np.random.Generator) -> tuple[Dataset, Dataset]:
    offsets = {it.id: float(rng.normal(0.0, 0.2)) for it in q.items}
    true = {code: {p: 3.4 + 0.3 * rng.normal() for p in LEVEL} for code in LEADERS}
    self_rows, staff_rows = [], []
    for n, (code, (program, bias)) in enumerate(LEADERS.items(), start=1):
        role = "Leadership" if n <= 3 else "Supervisor or manager"
        answers: dict[str, Answer] = {
            it.id: _answer(rng, true[code][it.primary_principle] + bias + offsets[it.id], False)
            for it in q.items
        }
        self_rows.append(Row(f"LS{n:02d}", {"leader": code, "role": role, "program": program},
                             answers))
    k = 0
    for code, (program, _) in LEADERS.items():
        for _ in range(RATERS[code]):
            k += 1
            rater = 0.4 * rng.normal()
            staff_answers: dict[str, Answer] = {}
            for it in q.items:
                draw = rng.random()
                if draw < (0.3 if it.id in HIDDEN_ITEMS else 0.03):
                    staff_answers[it.id] = DONT_KNOW
                elif draw > 0.98:
                    staff_answers[it.id] = None
                else:
                    level = true[code][it.primary_principle] + rater + offsets[it.id]
                    staff_answers[it.id] = _answer(rng, level, False)
            role = "Peer or lived-experience staff" if rng.random() < 0.15 else "Direct service"
            fields = _with_field_gaps(rng, {"role": role, "program": program})
            staff_rows.append(Row(f"LR{k:03d}", {"leader": code, **fields}, staff_answers))
    field_ids = ("leader", "role", "program")
    return (Dataset("leader-self", q, "self", field_ids, tuple(self_rows)),
            Dataset("leader-staff", q, "staff", field_ids, tuple(staff_rows)))


def make_pulse(q: Questionnaire, rng: np.random.Generator, name: str, n: int,
               improvement: dict[str, float]) -> Dataset:
    offsets = {it.id: 0.0 for it in q.items}  # same items as tila-org, same structure
    level = {p: v + improvement.get(p, 0.0) for p, v in LEVEL.items()}
    programs = [p for p, (size, _) in PROGRAMS.items() if size >= 5]
    rows = []
    for k in range(1, n + 1):
        role = ROLES[int(rng.choice(len(ROLES), p=[0.06, 0.12, 0.55, 0.14, 0.09, 0.04]))]
        program = programs[int(rng.integers(len(programs)))]
        levels = _levels(rng, level, ROLE_SHIFT[role], 0.0)
        answers = _staff_answers(rng, q, levels, role, TENURES[2], offsets)
        fields = _with_field_gaps(rng, {"role": role, "program": program,
                                        "site": PROGRAMS[program][1]})
        rows.append(Row(f"P{k:03d}", fields, answers))
    return Dataset(name, q, None, ("role", "program", "site"), tuple(rows))


def make_all() -> list[Dataset]:
    org = load_questionnaire("tila-org")
    leader = load_questionnaire("tila-leader")
    pulse = load_questionnaire("tila-pulse")
    # One independent stream per dataset: changing one generator leaves the others unchanged.
    streams = [np.random.default_rng([SEED, k]) for k in range(4)]
    leader_self, leader_staff = make_leaders(leader, streams[1])
    return [
        make_org(org, streams[0]),
        leader_self,
        leader_staff,
        make_pulse(pulse, streams[2], "pulse-baseline", 150, {}),
        make_pulse(pulse, streams[3], "pulse-6months", 142, {"peer_support": 0.55}),
    ]


# --- writers --------------------------------------------------------------------------------


def _cell(q: Questionnaire, item_id: str, answer: Answer) -> str:
    if answer is None:
        return ""
    if isinstance(answer, int):
        return str(answer)
    scale = q.scale_of(q.item(item_id))
    return next(opt.label for opt in scale.non_scored if opt.id == answer)


def write_native_csv(data: Dataset, path: Path) -> None:
    """tila's native CSV: respondent_id, respondent fields, one column per item."""
    header = ["respondent_id", *data.field_ids, *data.questionnaire.item_ids]
    lines = [header]
    for row in data.rows:
        lines.append([row.respondent_id, *(row.fields[f] for f in data.field_ids),
                      *(_cell(data.questionnaire, i, row.answers[i])
                        for i in data.questionnaire.item_ids)])
    _write_atomic(path, lines)


def _write_atomic(path: Path, lines: Sequence[Sequence[Any]]) -> None:
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as fh:
            csv.writer(fh, lineterminator="\n").writerows(lines)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, 0o644)  # mkstemp makes 0600; shipped data must be readable by all
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


#: suffix added to the dataset name -> writer. A platform export registers here too.
WRITERS: dict[str, Callable[[Dataset, Path], None]] = {".csv": write_native_csv}


def main(argv: Sequence[str]) -> int:
    out = Path(argv[0]) if argv else ROOT / "questionnaires" / "samples"
    out.mkdir(parents=True, exist_ok=True)
    for data in make_all():
        for suffix, writer in WRITERS.items():
            writer(data, out / f"{data.name}{suffix}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
