"""Which export columns hold personal data, so they are dropped before anything reads them.

Survey platforms add columns about the respondent: names, e-mail addresses, IP addresses,
locations, recipient and panel data, external references, phone numbers, postal addresses and
dates of birth. tila needs none of them to score, and each could identify someone in a report or
an error message, so adapters drop these columns as soon as the header is read: their cells are
never converted, validated, echoed or written. Matching is on the column's id or short header
(whole words, not substrings), so a question that merely mentions an address is not dropped.
"""

from __future__ import annotations

import re

# Each pattern is matched against the normalised id or header: lower case, words split on
# case changes and punctuation, joined by single spaces ("RecipientEmail" -> "recipient email").
_PERSONAL: tuple[tuple[str, str], ...] = (
    ("name", r"(.* )?(first|last|full|given|family|middle|sur|maiden|contact|kin|respondent|"
             r"participant|recipient|person|patient|user|student|employee|staff) ?name( \d+)?"),
    ("name", r"name( (first|last|full|given))?"),
    ("e-mail", r"(.* )?(e ?mail|email)( address)?( \d+)?"),
    ("IP address", r"ip( ?address| addr)?|ipaddr"),
    ("location", r"location( (latitude|longitude|accuracy))?|latitude|longitude|lat|long|lng|"
                 r"geo ?location|gps( .*)?"),
    ("recipient data", r"recipient .*|panel .*"),
    ("external reference", r"external (data )?reference|external ref|externalref|ext ref"),
    ("phone", r"(.* )?((tele)?phone|mobile|cell ?phone|fax)( number)?( \d+)?"),
    ("address", r"(.* )?address( line)?( \d+)?|street|zip( code)?|post ?code|postal code"),
    ("date of birth", r"dob|date of birth|birth ?date|birthday"),
    ("referrer", r"ref ?url|referr?er( url)?"),
    # Free-form panel fields that platforms fill from contact lists (SurveyMonkey's Custom
    # Data, LimeSurvey's participant token) routinely carry e-mails or staff numbers.
    ("contact data", r"custom data( \d+)?|token|participant token|attribute \d+"),
)
_COMPILED = tuple((kind, re.compile(rf"^(?:{pattern})$")) for kind, pattern in _PERSONAL)


def words(text: str) -> str:
    """``RecipientEmail`` -> ``recipient email``; ``telephone_1`` -> ``telephone 1``."""
    spaced = re.sub(r"(?<=[a-z0-9])(?=[A-Z])", " ", text.strip())
    spaced = re.sub(r"(?<=[A-Za-z])(?=\d)", " ", spaced)
    return re.sub(r"[^0-9a-z]+", " ", spaced.casefold()).strip()


def personal_kind(*names: str | None) -> str | None:
    """What personal data a column holds, judged by its id or short header; None if not personal.

    Long headers are question text and are not judged: "Leaders address concerns promptly"
    names no personal column.
    """
    for name in names:
        if not name or len(name) > 40:
            continue
        norm = words(name)
        for kind, pattern in _COMPILED:
            if pattern.match(norm):
                return kind
    return None
