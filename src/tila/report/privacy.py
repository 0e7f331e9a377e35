"""Free-text comments as a report may print them: contact details masked, nothing else changed.

People sometimes write an e-mail address or a phone number into a comment ("call me on ...").
Those are masked automatically; names and other identifying details cannot be found reliably by
a program, which is why the report also asks a person to read every comment before sharing.
"""

from __future__ import annotations

import re

EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
# Seven or more digits, optionally with a leading + and spaces, dots, dashes or brackets
# between them: phone numbers in the usual national and international forms.
PHONE = re.compile(r"(?<![\w])\+?\(?\d(?:[\s().-]{0,2}\d){6,}(?![\w])")
EMAIL_MASK = "[e-mail address removed]"
PHONE_MASK = "[phone number removed]"
NOTICE = ("Comments are shown as people wrote them; only e-mail addresses and phone numbers "
          "have been removed automatically. Read every comment before sharing this report, and "
          "remove names or details that could identify someone.")


def mask(text: str) -> str:
    """The comment with e-mail addresses and phone numbers replaced by a marker."""
    return PHONE.sub(PHONE_MASK, EMAIL.sub(EMAIL_MASK, text))
