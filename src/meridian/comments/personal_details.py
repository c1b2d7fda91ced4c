"""Does a comment seem to carry personal details? In time linear in its length.

Comments that do are held for a moderator (moderation.py). Every check here
reads the text a bounded number of times: patterns that could backtrack over
a long run of digits or letters (a 10,000-character comment cost seconds) are
anchored at the start of such a run and use possessive quantifiers, and the
phone number is found by scanning runs of number-like characters once.
"""

import re
from collections.abc import Callable
from typing import TYPE_CHECKING

from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

# What may sit between a phone number's first and last digit.
_NUMBER_RUN = re.compile(r"[\d\s().-]+")
_PHONE_DIGITS = 8  # first and last digit, and at least six characters between


def _is_word(char: str) -> bool:
    return char.isalnum() or char == "_"


def _phone_number(text: str) -> bool:
    """Return whether a digit starts, and one ends, eight or more such characters.

    The start is not glued to a word, a path or a decimal (a digit after a
    letter, "/", "." or "-"); the end is not followed by a letter, a digit,
    "/" or "-" (so dates in URLs and version numbers are left alone).
    """
    for run in _NUMBER_RUN.finditer(text):
        begin, end = run.span()
        first = next(
            (
                i
                for i in range(begin, end)
                if text[i].isdecimal()
                and (i == 0 or not (_is_word(text[i - 1]) or text[i - 1] in "/.-"))
            ),
            None,
        )
        if first is None or end - first < _PHONE_DIGITS:
            continue
        for i in range(end - 1, first + _PHONE_DIGITS - 2, -1):
            after = text[i + 1] if i + 1 < len(text) else ""
            if text[i].isdecimal() and not (
                after and (_is_word(after) or after in "/-")
            ):
                return True
    return False


def _pattern(expression: str, flags: int = 0) -> Callable[[str], bool]:
    compiled = re.compile(expression, flags)
    return lambda text: compiled.search(text) is not None


# Each check, with how the writer and the moderator are told what it found.
CHECKS: dict[str, tuple[Callable[[str], bool], "StrOrPromise"]] = {
    "phone": (_phone_number, _("a phone number")),
    "email": (
        # Starts only where a run of address characters starts, and never
        # gives characters back: one pass over each run.
        _pattern(r"(?<![\w.+-])[\w.+-]++@[\w-]++(?:\.[\w-]++)+"),
        _("an email address"),
    ),
    "birth_date": (
        _pattern(
            r"\b(?:date of birth|d\.?o\.?b\.?|born on)\b"
            r"|\b\d{1,2}[/.-]\d{1,2}[/.-](?:19|20)\d{2}\b",
            re.IGNORECASE,
        ),
        _("a date of birth"),
    ),
    "identifier": (
        _pattern(
            r"\b(?:nhs|medicare|medicaid|insurance|patient|social security)"
            r"\s*+(?:number|no\.?|id|#)|\b\d{3}-\d{2}-\d{4}\b",
            re.IGNORECASE,
        ),
        _("an ID or insurance number"),
    ),
    "address": (
        _pattern(
            r"\b\d{1,5}\s++\w++(?:\s\w++)?\s++(?:street|st\.|road|rd\.|avenue|ave\."
            r"|lane|drive|dr\.|boulevard|blvd\.?)\b",
            re.IGNORECASE,
        ),
        _("a street address"),
    ),
}


def personal_details(text: str) -> list[str]:
    """Return what kinds of personal details the text seems to carry."""
    return [str(label) for found, label in CHECKS.values() if found(text)]
