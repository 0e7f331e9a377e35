"""Write the synthetic survey exports in this folder.

Run: python tests/data/platforms/make_fixtures.py

No permissively licensed SurveyMonkey, Google Forms, Microsoft Forms, LimeSurvey or UTF-16
Qualtrics export exists, so these files rebuild each platform's layout by hand (see
docs/importing.md) around the same six respondents answering tila-starter. Every file also holds
rows its platform marks for dropping (previews, spam, unfinished) and personal columns filled
with fake values (``PERSONAL``), so tests can check both. ``expected.csv`` is the same six
respondents in tila's native CSV: scoring any export must give its scores.
"""

from __future__ import annotations

import csv
import io
import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[2] / "src"))

from tila.questionnaire.parse import load_questionnaire  # noqa: E402

Q = load_questionnaire("tila-starter")
ITEMS = [(it.id, it.text) for it in Q.items]
LABELS = {1: "Strongly disagree", 2: "Disagree", 3: "Neither agree nor disagree", 4: "Agree",
          5: "Strongly agree", "dk": "Don't know", "na": "Not applicable", None: ""}
ROLES = ["Leadership", "Direct service", "Direct service", "Supervisor or manager",
         "Administrative or support", "Direct service"]
CHOICES = ["Leadership", "Supervisor or manager", "Direct service", "Administrative or support",
           "Peer or lived-experience staff", "Other"]
ROLE_CODES = {r: k + 1 for k, r in enumerate(CHOICES)}  # numeric exports code choices 1..6
SITES = ["North", "Café Nord", "North", "South", "South", "North"]
# Fake personal data: none of it may appear in anything tila writes or prints.
PERSONAL = {
    "names": ["Avery Quill", "Blake Ormsby", "Casey Thorn", "Devon Pike", "Emery Vale",
              "Finley Rook", "Gale Preview", "Harper Spam", "Indigo Partial"],
    "emails": [f"person{i}@example.org" for i in range(9)],
    "ips": [f"203.0.113.{10 + i}" for i in range(9)],
    "phones": [f"+1-555-01{i:02d}" for i in range(9)],
    "lat": [f"47.61{i}1234" for i in range(9)],
    "long": [f"-122.33{i}5678" for i in range(9)],
    "refs": [f"EXTREF-{9100 + i}" for i in range(9)],
}


def answers(r: int) -> list[int | str | None]:
    out: list[int | str | None] = []
    for j in range(len(ITEMS)):
        v = (r * 7 + j * 3) % 5 + 1
        if (r + j) % 11 == 0:
            out.append("dk")
        elif (r * 5 + j) % 13 == 0:
            out.append("na")
        elif (r + 2 * j) % 17 == 0:
            out.append(None)
        else:
            out.append(v)
    return out


KEPT = [answers(r) for r in range(6)]
EXTRA = [answers(r) for r in range(6, 9)]  # preview, spam, unfinished


def write_csv(path: Path, rows: list[list[str]], *, delimiter: str = ",", encoding: str = "utf-8",
              quoting: int = csv.QUOTE_MINIMAL, prefix: str = "") -> None:
    buf = io.StringIO()
    csv.writer(buf, delimiter=delimiter, quoting=quoting, lineterminator="\r\n").writerows(rows)
    path.write_bytes((prefix + buf.getvalue()).encode(encoding))


def label(v: int | str | None) -> str:
    return LABELS[v]  # type: ignore[index]


def number(v: int | str | None) -> str:
    return str(v) if isinstance(v, int) else ""


def expected() -> None:
    rows = [["respondent_id", "role", "site", *(i for i, _ in ITEMS)]]
    rows += [[f"r{r + 1}", ROLES[r], SITES[r], *(number(v) if isinstance(v, int) else label(v)
                                                  for v in KEPT[r])] for r in range(6)]
    write_csv(HERE / "expected.csv", rows)


def qualtrics(numeric: bool) -> list[list[str]]:
    meta = ["StartDate", "EndDate", "Status", "IPAddress", "Progress", "Duration (in seconds)",
            "Finished", "RecordedDate", "ResponseId", "RecipientLastName", "RecipientFirstName",
            "RecipientEmail", "ExternalReference", "LocationLatitude", "LocationLongitude",
            "DistributionChannel", "UserLanguage"]
    ids = [*meta, *(f"Q1_{j + 1}" for j in range(len(ITEMS))), "Q2", "Q3", "Q4"]
    texts = [*meta, *(f"How much do you agree? - {t}" for _, t in ITEMS), "Your role",
             "Your main site", "Anything else?"]
    imports = [*(json.dumps({"ImportId": m[0].lower() + m[1:]}) for m in meta),
               *(json.dumps({"ImportId": f"QID1_{j + 1}"}) for j in range(len(ITEMS))),
               '{"ImportId":"QID2"}', '{"ImportId":"QID3_TEXT"}', '{"ImportId":"QID4_TEXT"}']
    rows = [ids, texts, imports]
    statuses = ["0"] * 6 + ["1", "8", "0"] if numeric else \
        ["IP Address"] * 6 + ["Survey Preview", "Spam", "IP Address"]
    for r, ans in enumerate([*KEPT, *EXTRA]):
        finished = "0" if r == 8 else "1"
        if not numeric:
            finished = {"0": "False", "1": "True"}[finished]
        role = ROLES[r] if r < 6 else "Other"
        site = SITES[r] if r < 6 else "Nowhere"
        rows.append([f"2026-03-0{r % 9 + 1} 09:00:00", f"2026-03-0{r % 9 + 1} 09:12:00",
                     statuses[r], PERSONAL["ips"][r], "100" if r != 8 else "40", "720", finished,
                     "2026-03-01 09:12:00", f"R_{r + 1:03d}abcdEFGH",
                     PERSONAL["names"][r].split()[1], PERSONAL["names"][r].split()[0],
                     PERSONAL["emails"][r], PERSONAL["refs"][r], PERSONAL["lat"][r],
                     PERSONAL["long"][r], "email", "EN",
                     *((number(v) if numeric else label(v)) for v in ans),
                     str(ROLE_CODES[role]) if numeric else role, site,
                     f"Call me at {PERSONAL['phones'][r]}" if r == 0 else ""])
    return rows


def _surveymonkey(meta: list[str], people: list[list[str]]) -> list[list[str]]:
    """Both SurveyMonkey layouts: two header rows, the question above its first column only,
    "Response" under single questions; ``people`` holds each respondent's metadata cells."""
    first = [*meta, "How much do you agree with each statement?", *([""] * (len(ITEMS) - 1)),
             "Your role", "Your main site"]
    second = [""] * len(meta) + [t for _, t in ITEMS] + ["Response", "Open-Ended Response"]
    return [first, second, *([*cells, *(label(v) for v in ans), ROLES[r], SITES[r]]
                             for r, (cells, ans) in enumerate(zip(people, KEPT, strict=True)))]


def surveymonkey() -> list[list[str]]:
    meta = ["Respondent ID", "Collector ID", "Start Date", "End Date", "IP Address",
            "Email Address", "First Name", "Last Name", "Custom Data 1"]
    people = [[str(11400000000 + r), "431000001", "03/01/2026 09:00:00 AM",
               "03/01/2026 09:12:00 AM", PERSONAL["ips"][r], PERSONAL["emails"][r],
               *PERSONAL["names"][r].split(), PERSONAL["refs"][r]] for r in range(len(KEPT))]
    return _surveymonkey(meta, people)


def surveymonkey_legacy() -> list[list[str]]:
    """The older "All responses" layout: one-word RespondentID, no Collector ID (saved by Excel
    as cp1252)."""
    meta = ["RespondentID", "StartDate", "EndDate", "IP Address", "Email Address",
            "First Name", "LastName", "Custom Data"]
    people = [[str(2900000000 + r), "03/01/2026 09:00:00", "03/01/2026 09:12:00",
               PERSONAL["ips"][r], PERSONAL["emails"][r], *PERSONAL["names"][r].split(),
               PERSONAL["refs"][r]] for r in range(len(KEPT))]
    return _surveymonkey(meta, people)


def google_forms() -> list[list[str]]:
    header = ["Timestamp", "Email Address",
              *(f"How much do you agree?  [{t}]" for _, t in ITEMS), " Your  role ",
              "Your main site"]
    rows = [header]
    for r, ans in enumerate(KEPT):
        rows.append([f"01/03/2026 09:1{r}:00", PERSONAL["emails"][r], *(label(v) for v in ans),
                     ROLES[r], SITES[r]])
    return rows


def ms_forms() -> list[list[object]]:
    header = ["ID", "Start time", "Completion time", "Email", "Name", "Last modified time",
              *(t for _, t in ITEMS), "Your role", "Your main site"]
    rows: list[list[object]] = [header]
    for r, ans in enumerate(KEPT):
        rows.append([r + 1, "3/1/26 9:00:00", "3/1/26 9:12:00", PERSONAL["emails"][r],
                     PERSONAL["names"][r], "", *(label(v) for v in ans), ROLES[r], SITES[r]])
    return rows


def limesurvey(codes: bool) -> list[list[str]]:
    meta = ["id", "submitdate", "lastpage", "startlanguage", "seed", "startdate", "datestamp",
            "ipaddr", "refurl"]
    subs = [f"G01Q01[SQ{j + 1:03d}]" for j in range(len(ITEMS))]
    if codes:
        header = [*meta, *subs, "G02Q02", "G02Q03"]
    else:
        header = [f"{m}. {t}" for m, t in zip(meta, ["Response ID", "Date submitted",
                  "Last page", "Start language", "Seed", "Date started", "Date last action",
                  "IP address", "Referrer URL"], strict=True)]
        header += [f"{s}. How much do you agree? [{t}]" for s, (_, t) in zip(subs, ITEMS,
                                                                           strict=True)]
        header += ["G02Q02. Your role", "G02Q03. Your main site"]
    rows = [header]
    code = {1: "A1", 2: "A2", 3: "A3", 4: "A4", 5: "A5", "dk": "DK", "na": "NA", None: ""}
    for r, ans in enumerate([*KEPT, EXTRA[2]]):
        done = r < 6
        rows.append([str(r + 1), "2026-03-01 09:12:00" if done else "", "3" if done else "1",
                     "en", str(1000 + r), "2026-03-01 09:00:00", "2026-03-01 09:12:00",
                     PERSONAL["ips"][r], f"https://intranet.example.org/{PERSONAL['refs'][r]}",
                     *((code[v] if codes else label(v)) for v in ans),  # type: ignore[index]
                     ROLES[r] if r < 6 else "Other", SITES[r] if r < 6 else ""])
    return rows


def redcap() -> tuple[list[list[str]], list[list[str]], list[list[str]]]:
    dictionary = [["Variable / Field Name", "Form Name", "Section Header", "Field Type",
                   "Field Label", "Choices, Calculations, OR Slider Labels", "Field Note",
                   "Text Validation Type OR Show Slider Number", "Text Validation Min",
                   "Text Validation Max", "Identifier?", "Branching Logic (Show field only if...)",
                   "Required Field?", "Custom Alignment", "Question Number (surveys only)",
                   "Matrix Group Name", "Matrix Ranking?", "Field Annotation"]]
    blank = [""] * 7
    dictionary.append(["record_id", "staff_survey", "", "text", "Record ID", "", "", "", "", "",
                       "", *blank])
    dictionary.append(["full_nm", "staff_survey", "", "text", "Your full name (optional)", "", "",
                       "", "", "", "y", *blank])
    dictionary.append(["contact", "staff_survey", "", "text", "How can we reach you?", "", "",
                       "email", "", "", "y", *blank])
    choices = "1, Strongly disagree | 2, Disagree | 3, Neither agree nor disagree | 4, Agree | " \
              "5, Strongly agree | 8, Don't know | 9, Not applicable"
    for j, (_, text) in enumerate(ITEMS):
        dictionary.append([f"s{j + 1}", "staff_survey", "", "radio", text, choices, "", "", "",
                           "", "", *blank[:4], "agree_matrix", "", ""])
    roles = " | ".join(f"{k}, {r}" for r, k in ROLE_CODES.items())
    dictionary.append(["role_q", "staff_survey", "", "dropdown", "Your role", roles, "", "", "",
                       "", "", *blank])
    dictionary.append(["site_q", "staff_survey", "", "text", "Your main site", "", "", "", "",
                       "", "", *blank])
    header = ["record_id", "redcap_survey_identifier", "staff_survey_timestamp", "full_nm",
              "contact", *(f"s{j + 1}" for j in range(len(ITEMS))), "role_q", "site_q",
              "staff_survey_complete"]
    label_header = ["Record ID", "Survey Identifier", "Survey Timestamp",
                    "Your full name (optional)", "How can we reach you?", *(t for _, t in ITEMS),
                    "Your role", "Your main site", "Complete?"]
    code = {1: "1", 2: "2", 3: "3", 4: "4", 5: "5", "dk": "8", "na": "9", None: ""}
    raw, labels = [header], [label_header]
    for r, ans in enumerate([*KEPT, EXTRA[2]]):
        done = r < 6
        cells = [code[v] for v in ans]  # type: ignore[index]
        if r == 3:
            cells[4] = "UNK"  # a REDCap missing-data code: missing, not an error
        role = ROLES[r] if done else "Leadership"
        raw.append([str(r + 1), "", "2026-03-01 09:12:00" if done else "[not completed]",
                    PERSONAL["names"][r], PERSONAL["emails"][r], *cells, str(ROLE_CODES[role]),
                    SITES[r] if done else "", "2" if done else "0"])
        labels.append([str(r + 1), "", "2026-03-01 09:12:00" if done else "[not completed]",
                       PERSONAL["names"][r], PERSONAL["emails"][r],
                       *(label(v) if not (r == 3 and j == 4) else "UNK"
                         for j, v in enumerate(ans)), role,
                       SITES[r] if done else "", "Complete" if done else "Incomplete"])
    return raw, labels, dictionary


def main() -> None:
    expected()
    write_csv(HERE / "qualtrics_choice_text.csv", qualtrics(numeric=False))
    # Qualtrics TSV downloads are UTF-16 little-endian with a byte-order mark.
    write_csv(HERE / "qualtrics_numeric.tsv", qualtrics(numeric=True), delimiter="\t",
              encoding="utf-16", prefix="")
    # The same export after Excel on a European Windows machine: cp1252, ';', a sep= line.
    write_csv(HERE / "qualtrics_excel_cp1252.csv", qualtrics(numeric=False), delimiter=";",
              encoding="cp1252", prefix="sep=;\r\n")
    write_csv(HERE / "surveymonkey.csv", surveymonkey())
    xlsx(HERE / "surveymonkey.xlsx", surveymonkey())
    write_csv(HERE / "surveymonkey_legacy_cp1252.csv", surveymonkey_legacy(), encoding="cp1252")
    write_csv(HERE / "google_forms.csv", google_forms())
    xlsx(HERE / "ms_forms.xlsx", ms_forms())
    write_csv(HERE / "limesurvey_codes.csv", limesurvey(codes=True), delimiter=";",
              encoding="utf-8-sig", quoting=csv.QUOTE_ALL)
    write_csv(HERE / "limesurvey_text.csv", limesurvey(codes=False), encoding="utf-8-sig",
              quoting=csv.QUOTE_ALL)
    raw, labels, dictionary = redcap()
    write_csv(HERE / "redcap_staff_data.csv", raw)
    write_csv(HERE / "redcap_staff_labels.csv", labels)
    write_csv(HERE / "redcap_staff_dictionary.csv", dictionary)


def xlsx(path: Path, rows: list[list[object]] | list[list[str]]) -> None:
    import xlsxwriter

    book = xlsxwriter.Workbook(str(path))
    book.set_properties({"created": __import__("datetime").datetime(2026, 3, 1)})
    sheet = book.add_worksheet("Sheet1")
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            if value not in ("", None):
                sheet.write(r, c, value)
    book.close()


if __name__ == "__main__":
    main()
