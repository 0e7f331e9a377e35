"""Import and score a 200,000-row Qualtrics export of tila-org, against polars reading it alone.

The export has Qualtrics' layout: three header rows (column ids, question text, ImportId JSON),
metadata columns with (fake) personal data, answers as choice text ("Strongly agree"), and a
sprinkling of preview and unfinished responses. Both figures come from the same run, on the same
file, with a warm file cache; the target is import + score within 2x polars alone.

    python benchmarks/bench_import.py [ROWS]
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from tila.questionnaire.parse import load_questionnaire  # noqa: E402

META = ("StartDate", "EndDate", "Status", "IPAddress", "Progress", "Duration (in seconds)",
        "Finished", "RecordedDate", "ResponseId", "RecipientLastName", "RecipientFirstName",
        "RecipientEmail", "ExternalReference", "LocationLatitude", "LocationLongitude",
        "DistributionChannel", "UserLanguage")


def make_export(path: Path, rows: int) -> None:
    import polars as pl

    q = load_questionnaire("tila-org")
    rng = np.random.default_rng(7)
    labels = np.array(["", "Strongly disagree", "Disagree", "Neither agree nor disagree", "Agree",
                       "Strongly agree", "Don't know", "Not applicable"], dtype=object)
    probs = [0.02, 0.06, 0.14, 0.24, 0.32, 0.16, 0.04, 0.02]
    status = rng.choice(np.array(["IP Address", "Survey Preview", "Spam"], dtype=object),
                        size=rows, p=[0.99, 0.005, 0.005])
    finished = np.where(rng.random(rows) < 0.02, "False", "True")
    ids = [f"R_{k:012d}" for k in range(rows)]
    data: dict[str, object] = {
        "StartDate": ["2026-03-02 09:00:00"] * rows, "EndDate": ["2026-03-02 09:12:00"] * rows,
        "Status": status, "IPAddress": [f"198.51.{k % 250}.{k % 199}" for k in range(rows)],
        "Progress": ["100"] * rows, "Duration (in seconds)": ["720"] * rows,
        "Finished": finished, "RecordedDate": ["2026-03-02 09:12:01"] * rows, "ResponseId": ids,
        "RecipientLastName": ["Ashdown"] * rows, "RecipientFirstName": ["Alex"] * rows,
        "RecipientEmail": [f"staff{k}@example.org" for k in range(rows)],
        "ExternalReference": [f"HR-{k}" for k in range(rows)],
        "LocationLatitude": ["45.5"] * rows, "LocationLongitude": ["-73.6"] * rows,
        "DistributionChannel": ["email"] * rows, "UserLanguage": ["EN"] * rows}
    codes, texts = list(META), list(META)
    for n, it in enumerate(q.items, start=1):
        codes.append(f"Q1_{n}")
        texts.append(f"How much do you agree with each statement? - {it.text}")
        data[f"Q1_{n}"] = labels[rng.choice(len(labels), size=rows, p=probs)]
    roles = np.array(q.respondent_fields[0].choices or (), dtype=object)
    codes.append("Q2")
    texts.append(q.respondent_fields[0].label)
    data["Q2"] = roles[rng.integers(len(roles), size=rows)]
    frame = pl.DataFrame({c: pl.Series(list(v) if not isinstance(v, list) else v,
                                       dtype=pl.String) for c, v in data.items()})
    imports = [f'{{"ImportId":"{c}"}}' for c in codes]
    header = pl.DataFrame([pl.Series(c, [t, i], dtype=pl.String)
                           for c, t, i in zip(codes, texts, imports, strict=True)])
    pl.concat([header, frame]).write_csv(path)


def main(argv: list[str]) -> int:
    rows = int(argv[0]) if argv else 200_000
    import polars as pl

    from tila.responses.readers import read_responses
    from tila.scoring.engine import score

    q = load_questionnaire("tila-org")
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "qualtrics-export.csv"
        make_export(path, rows)
        size = path.stat().st_size / 1e6
        pl.read_csv(path, infer_schema=False)  # warm the file cache and polars
        polars_times, import_times, tila_times = [], [], []
        for _ in range(7):  # interleaved, so both see the same machine conditions
            t0 = time.perf_counter()
            pl.read_csv(path, infer_schema=False)
            polars_times.append(time.perf_counter() - t0)
            t0 = time.perf_counter()
            table = read_responses(path, q)
            import_times.append(time.perf_counter() - t0)
            result = score(q, table)
            tila_times.append(time.perf_counter() - t0)
        polars_s, import_s, tila_s = min(polars_times), min(import_times), min(tila_times)
        mid_ratio = statistics.median(tila_times) / statistics.median(polars_times)
        src = table.sources[0]
        print(f"export: {rows} rows x {len(q.items) + len(META) + 1} columns, {size:.0f} MB "
              f"(Qualtrics layout, choice text, tila-org)")
        print(f"kept {src.rows_kept} of {src.rows_read} rows ({src.dropped}); "
              f"{result.respondents} respondents scored")
        print(f"polars read_csv alone:  {polars_s:.2f} s")
        print(f"tila import alone:      {import_s:.2f} s ({import_s / polars_s:.2f}x)")
        print(f"tila import + score:    {tila_s:.2f} s")
        print(f"ratio: {tila_s / polars_s:.2f}x best to best, {mid_ratio:.2f}x median to median "
              f"of {len(tila_times)} (target <= 2x)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
