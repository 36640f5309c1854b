"""French typography for what the PDFs print: one function, ``typeset``, and the number helpers.

``typeset`` puts a non-breaking space (U+00A0) before « : ; ! ? » and inside « », turns a pair of
straight double quotes into guillemets, and writes euro amounts the French way: digits grouped by
three with a narrow no-break space (U+202F), a non-breaking space before « € ». It only ever
changes spaces and quotes, and ``typeset(typeset(x)) == typeset(x)``.

Data exports (CSV, JSON) keep the text exactly as typed; only printed documents go through here.
"""

from __future__ import annotations

import re

NBSP = "\u00a0"
NNBSP = "\u202f"  # narrow no-break space: the thousands separator

_SPACES = f"[ \\t{NBSP}{NNBSP}]"
# A pair of straight quotes around a phrase: opening after a start, space or bracket, closing
# before an end, space, bracket or punctuation. Anything else (inches, code…) is left alone.
_STRAIGHT_QUOTES = re.compile(r'(?<![^\s(\[«])"(?=[^\s"])([^"\n]*?[^\s"])"(?=$|[\s.,;:!?)\]…»])')
_OPEN_GUILLEMET = re.compile(f"«{_SPACES}*")
_CLOSE_GUILLEMET = re.compile(f"{_SPACES}*»")
# Spaces already typed before the high punctuation become one non-breaking space.
_SPACED_PUNCTUATION = re.compile(f"{_SPACES}+(?=[:;!?])")
# « mot? » or « mot: » (a letter, then the mark, then a space or the end): a space is added. Not
# « 10:30 », « https://… » nor « ?! » in the middle of a run.
_TIGHT_PUNCTUATION = re.compile(r"(?<=[^\W\d_])(?=[;!?][;!?]*(?:\s|$)|:(?:\s|$))")
# An amount before « € » (or « k€ », « M€ »): digits, maybe already grouped by spaces, maybe
# a decimal comma. Not preceded by a digit or separator, so only whole numbers are regrouped.
_AMOUNT = re.compile(
    f"(?<![\\d,.{NNBSP}{NBSP}])(\\d{{1,3}}(?:[ {NBSP}{NNBSP}]\\d{{3}})+|\\d+)(,\\d+)?"
    f"{_SPACES}*((?:k|M|Md)?€)"
)
_SPACE_BEFORE_EURO = re.compile(f"(?<=\\d){_SPACES}*(?=(?:k|M|Md)?€)")


def group_digits(digits: str) -> str:
    """« 1234567 » → « 1 234 567 » with narrow no-break spaces (other characters are dropped)."""
    plain = "".join(c for c in digits if c.isdigit())
    head = len(plain) % 3 or 3
    groups = [plain[:head]] + [plain[i : i + 3] for i in range(head, len(plain), 3)]
    return NNBSP.join(group for group in groups if group)


def euros(amount: float, *, cents: bool | None = None) -> str:
    """« 1 234,50 € » (narrow no-break thousands separator, decimal comma, no-break before €).

    ``cents`` None shows them only when the amount has some.
    """
    negative = amount < 0
    rounded = round(abs(amount), 2)
    whole, fraction = divmod(round(rounded * 100), 100)
    show_cents = fraction != 0 if cents is None else cents
    text = group_digits(str(whole)) + (f",{fraction:02d}" if show_cents else "")
    return f"{'-' if negative else ''}{text}{NBSP}€"


def _amount(match: re.Match[str]) -> str:
    whole, decimals, unit = match.group(1), match.group(2) or "", match.group(3)
    return f"{group_digits(whole)}{decimals}{NBSP}{unit}"


def typeset(text: str) -> str:
    """``text`` with French typography (see the module docstring)."""
    if not text:
        return text
    text = _STRAIGHT_QUOTES.sub(f"«{NBSP}\\1{NBSP}»", text)
    text = _OPEN_GUILLEMET.sub(f"«{NBSP}", text)
    text = _CLOSE_GUILLEMET.sub(f"{NBSP}»", text)
    text = _SPACED_PUNCTUATION.sub(NBSP, text)
    text = _TIGHT_PUNCTUATION.sub(NBSP, text)
    text = _AMOUNT.sub(_amount, text)
    return _SPACE_BEFORE_EURO.sub(NBSP, text)
