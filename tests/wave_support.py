"""Writing generated waves (tila.trend.synthetic.make_waves) as the CSV files a user would pass."""

from __future__ import annotations

from pathlib import Path

from tila.questionnaire.model import Questionnaire
from tila.responses.table import ResponseTable


def write_wave_csv(path: Path, q: Questionnaire, t: ResponseTable) -> Path:
    """Respondent ids and answers only (no fields); any non-answer is written "Don't know"."""
    lines = ["respondent_id," + ",".join(q.item_ids)]
    lines += [f"{t.respondent_ids[i]}," + ",".join(
        "Don't know" if t.status[i, j] else str(int(t.values[i, j]))
        for j in range(len(q.item_ids))) for i in range(t.n_respondents)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path
