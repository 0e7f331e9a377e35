"""“What we said we would do”: the previous plan's actions, their recorded status, and the change
on the statements each action answers.

The plan CSV (``tila report --plan-csv``) carries each action's suggestion id, principle and
statement ids, and three columns the organization fills in: status, owner, due_date. At the
next wave ``--previous-plan`` reads it back. A row is matched only when its suggestion id is in
the suggestions library and its action text is still that suggestion's title; a row that is
unknown or was edited is listed as such, never matched to the nearest action by guesswork.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tila.errors import Location, Problem, ReportError
from tila.report import fmt
from tila.report.compare import welch
from tila.scoring.result import ItemStat, ScoreResult

STATUSES = ("not started", "in progress", "done", "dropped")
REQUIRED = ("Action", "suggestion_id", "statements", "status")
MAX_PLAN_BYTES = 1_000_000
TITLE = "What we said we would do"


@dataclass(frozen=True)
class PlanRow:
    line: int  # CSV line, for the reader to find the row
    area: str
    action: str
    suggestion_id: str
    principle: str
    statements: tuple[str, ...]
    status: str
    owner: str
    due: str


@dataclass(frozen=True)
class FollowUpRow:
    area: str
    action: str
    status: str
    owner: str
    due: str
    sentences: tuple[str, ...]


@dataclass(frozen=True)
class FollowUpSection:
    title: str
    intro: str
    rows: tuple[FollowUpRow, ...]
    problems: tuple[str, ...]  # rows that were not matched, and why
    problems_intro: str


def _cell(text: str | None) -> str:
    """A cell as written before the plan CSV quoted it against spreadsheet formulas."""
    t = (text or "").strip()
    return t[1:] if t.startswith("'") and t[1:2] in ("=", "+", "-", "@") else t


def read_plan(path: str | Path) -> list[PlanRow]:
    """The rows of a plan CSV written by ``--plan-csv`` (and filled in since)."""
    from tila.fileio import TooLarge, read_limited

    where = Location(file=str(path))
    try:
        text = read_limited(path, MAX_PLAN_BYTES).decode("utf-8-sig")
    except (OSError, UnicodeDecodeError, TooLarge) as exc:
        raise ReportError([Problem(code="plan-unreadable", message=f"cannot read the previous "
                                   f"plan: {exc}", location=where)]) from None
    reader = csv.DictReader(io.StringIO(text))
    missing = [c for c in REQUIRED if c not in (reader.fieldnames or [])]
    if missing:
        raise ReportError([Problem(
            code="plan-columns", location=where,
            message="the previous plan has no " + ", ".join(f"'{c}'" for c in missing) +
                    " column", hint="give the CSV written with the report's plan "
                    "(`plan_csv`), keeping its columns; fill in status, owner and due_date")])
    rows = []
    for k, raw in enumerate(reader, start=2):
        get: dict[str, str] = {key: _cell(v) for key, v in raw.items() if isinstance(key, str)
                               and isinstance(v, str)}
        rows.append(PlanRow(k, get.get("Area", ""), get.get("Action", ""),
                            get.get("suggestion_id", ""), get.get("principle", ""),
                            tuple(get.get("statements", "").split()), get.get("status", ""),
                            get.get("owner", ""), get.get("due_date", "")))
    return rows


def _item_change(item: ItemStat, before: ItemStat, result: ScoreResult) -> tuple[float, float,
                                                                                 float]:
    scale = result.questionnaire.scale_of(result.questionnaire.item(item.id))
    width = scale.max - scale.min
    sd_now, sd_then = item.sd / width * 100, before.sd / width * 100  # on the 0-100 scale
    return welch(before.n, before.score, sd_then, item.n, item.score, sd_now)


def _statement_sentence(item: ItemStat, before: ItemStat | None, result: ScoreResult,
                        min_n: int) -> str:
    if before is None:
        return f"“{item.text}”: not asked in the earlier wave, so no change can be shown."
    # The report's statement table hides a statement's score when fewer than the minimum
    # group size answered it (a score of two answers is how those two answered); its change
    # would print the same figures, so it follows the same rule in either wave.
    if item.n < min_n or before.n < min_n:
        return (f"“{item.text}”: fewer than {min_n} people answered it "
                f"{'then' if before.n < min_n else 'now'}, so its scores and change are not "
                "shown.")
    diff, lo, hi = _item_change(item, before, result)
    reliable = fmt.ok(lo) and fmt.ok(hi) and (round(lo, 1) > 0 or round(hi, 1) < 0)
    reading = ("no reliable change" if not reliable else
               "a reliable improvement" if diff > 0 else "a reliable decline")
    if not (fmt.ok(lo) and fmt.ok(hi)):
        return (f"“{item.text}”: {fmt.score(before.score)} then, {fmt.score(item.score)} now "
                f"({fmt.signed(diff)}); too few answers for an interval, so no reliable change "
                "can be claimed.")
    return (f"“{item.text}”: {fmt.score(before.score)} then, {fmt.score(item.score)} now, "
            f"{fmt.signed(diff)} (95% CI {fmt.interval(lo, hi, sign=True)}): {reading}.")


def _principle_sentence(result: ScoreResult, baseline: ScoreResult, pid: str) -> str:
    from tila.report.compare import summary_diff

    d = summary_diff(baseline.principles[pid], result.principles[pid])
    if not (fmt.ok(d.lo) and fmt.ok(d.hi)):
        return (f"{d.title} as a whole: {fmt.score(d.a)} then, {fmt.score(d.b)} now "
                f"({fmt.signed(d.diff)}); too few people for an interval, so no reliable "
                "change can be claimed.")
    reliable = round(d.lo, 1) > 0 or round(d.hi, 1) < 0
    reading = ("no reliable change" if not reliable else
               "a reliable improvement" if d.diff > 0 else "a reliable decline")
    return (f"{d.title} as a whole: {fmt.score(d.a)} then, {fmt.score(d.b)} now, "
            f"{fmt.signed(d.diff)} (95% CI {fmt.interval(d.lo, d.hi, sign=True)}): {reading}.")


def _status(raw: str) -> str | None:
    """The recorded status in the plan's words; None when it is not one of them."""
    if not raw:
        return "not recorded"
    low = " ".join(raw.casefold().replace("-", " ").replace("_", " ").split())
    return low if low in STATUSES else None


def followup_section(rows: list[PlanRow], result: ScoreResult, baseline: ScoreResult | None,
                     library: Any) -> FollowUpSection:
    titles = {s.id: s.title for s in getattr(library, "suggestions", ())}
    shown, problems = [], []
    for r in rows:
        if not titles:
            problems.append(f"Line {r.line} (“{r.action or 'no action text'}”): no suggestions "
                            "library is available to match it against, so it was not matched.")
            continue
        if r.suggestion_id not in titles:
            problems.append(f"Line {r.line} (“{r.action or 'no action text'}”): suggestion id "
                            f"“{r.suggestion_id or 'blank'}” is not in the suggestions library, "
                            "so the row was not matched.")
            continue
        if r.action != titles[r.suggestion_id]:
            problems.append(f"Line {r.line}: the action reads “{r.action}” but suggestion "
                            f"“{r.suggestion_id}” is “{titles[r.suggestion_id]}”; the row was "
                            "edited, so tila does not guess which action it means.")
            continue
        status = _status(r.status)
        if status is None:
            allowed = " or ".join(f"“{x}”" for x in STATUSES)
            problems.append(f"Line {r.line} (“{r.action}”): status “{r.status}” is not "
                            f"{allowed}; it is shown as written.")
            status = f"“{r.status}” (as written)"
        unknown = [i for i in r.statements if i not in result.items]
        if unknown:
            problems.append(f"Line {r.line} (“{r.action}”): statement ids "
                            f"{', '.join(unknown)} are not in this questionnaire; they are "
                            "left out.")
        sentences: list[str] = []
        if baseline is not None:
            min_n = max(result.rules.min_group_size, baseline.rules.min_group_size)
            sentences = [_statement_sentence(result.items[i], baseline.items.get(i), result,
                                             min_n) for i in r.statements if i in result.items]
            if r.principle in result.principles and r.principle in baseline.principles:
                sentences.append(_principle_sentence(result, baseline, r.principle))
            if not sentences:
                sentences.append("This action names no statement or principle of this "
                                 "questionnaire, so no change is shown for it.")
        shown.append(FollowUpRow(r.area, r.action, status, r.owner, r.due, tuple(sentences)))
    if baseline is None:
        intro = (f"The previous plan lists {fmt.count(len(rows), 'action')}. No "
                 "earlier wave was given to compare with (--baseline), so no change can be "
                 "shown: each action is shown with its status as recorded.")
    else:
        intro = (f"The previous plan lists {fmt.count(len(rows), 'action')}. Each is shown "
                 "with its status as recorded, and with the change since the "
                 f"earlier wave ({fmt.count(baseline.respondents, 'person', 'people')}) on the "
                 "statements it was meant to answer. The two waves are compared as separate "
                 "groups (Welch's 95% interval); a change whose interval includes zero reads "
                 "“no reliable change”. A change on a statement shows that things moved, not "
                 "that the action moved them.")
    problems_intro = ("These rows of the previous plan could not be read as tila wrote them; "
                      "they are listed here rather than guessed at:" if problems else "")
    return FollowUpSection(TITLE, intro, tuple(shown), tuple(problems), problems_intro)
