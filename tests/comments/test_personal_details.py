"""The personal-details check: the same findings as the plain patterns it
replaced, in time linear in the comment's length."""

import re
import time

from hypothesis import given, settings
from hypothesis import strategies as st

from meridian.comments.personal_details import CHECKS, personal_details

# The patterns as first written: right, but they backtrack (seconds for some
# 10,000-character comments). They stay here as the reference.
REFERENCE = {
    "phone": re.compile(r"(?<![\w/.-])\+?\d[\d\s().-]{6,}\d(?![\w/-])"),
    "email": re.compile(r"[\w.+-]+@[\w-]+(\.[\w-]+)+"),
    "address": re.compile(
        r"\b\d{1,5}\s+\w+(\s\w+)?\s+(street|st\.|road|rd\.|avenue|ave\.|lane"
        r"|drive|dr\.|boulevard|blvd\.?)\b",
        re.IGNORECASE,
    ),
}

# Letters, digits and the punctuation the patterns care about, so short random
# texts often come near a match.
_TEXT = st.text(alphabet="a1 9(.)-+@/_xé٣\n", max_size=40)


@settings(max_examples=600, deadline=None)
@given(_TEXT)
def test_the_linear_checks_find_what_the_reference_patterns_find(text):
    for kind, reference in REFERENCE.items():
        assert CHECKS[kind][0](text) == bool(reference.search(text)), kind


@given(st.sampled_from(["Street", "road", "Lane"]), st.integers(1, 99999))
def test_addresses_are_still_found(word, number):
    assert personal_details(f"I live at {number} Old Harbour {word} now") == [
        "a street address"
    ]


PATHOLOGICAL = [
    "(1-" * 3334,  # a phone number starting everywhere, ending nowhere
    " 1-" * 3334,
    "a" * 10_000,  # an address's local part that never meets its @
    "a." * 5_000,
    "a@" + "b" * 9_998,
    "1 a" + " " * 9_997,
    ("nhs" + " " * 50) * 190,
]


def _cost(text: str) -> float:
    best = float("inf")
    for _ in range(3):
        start = time.perf_counter()
        personal_details(text)
        best = min(best, time.perf_counter() - start)
    return best


def test_a_long_comment_made_to_backtrack_costs_about_a_plain_ones_time():
    plain = _cost(("I slept better after the third session. " * 250)[:10_000])
    for text in PATHOLOGICAL:
        assert len(text) >= 10_000
        # The patterns as first written took 0.5 to 5 s on these.
        assert _cost(text) < 10 * plain + 0.02, text[:12]
