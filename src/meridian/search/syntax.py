"""What a reader types, read as a query both backends can run safely.

People know four things: words (all must match), "quoted phrases",
-excluded words and OR. Everything else they type (stray quotes, `*`, `:`,
`NEAR`, `^`, parentheses, emoji, control characters, SQL) is punctuation
between words, never syntax: the backends build their own query from the
parsed terms and quote every word, so no input reaches the engine as syntax.
"""

import re
from dataclasses import dataclass

# Enough for any real question; a pasted page is cut, not refused.
MAX_QUERY_CHARS = 256
MAX_TERMS = 12
MAX_PHRASE_WORDS = 12
# Verb forms also match longer words from their stem: "treating" (stem
# "treat") finds "treatment", which stemming alone keeps apart. Only these:
# a prefix search costs the engines far more than a word, and "pain" should
# not find "painting".
PREFIX_ENDINGS = ("ing", "ed")
PREFIX_MIN_CHARS = 5

_TOKEN = re.compile(r'(-?)"([^"]*)(?:"|$)|(\S+)')
_WORD = re.compile(r"[^\W_]+")
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


@dataclass(frozen=True)
class Term:
    """One word, or a phrase of words that must appear in this order."""

    words: tuple[str, ...]

    @property
    def is_phrase(self) -> bool:
        return len(self.words) > 1

    @property
    def is_prefix(self) -> bool:
        word = self.words[0].lower()
        return (
            not self.is_phrase
            and len(word) >= PREFIX_MIN_CHARS
            and word.endswith(PREFIX_ENDINGS)
        )

    def __str__(self) -> str:
        text = " ".join(self.words)
        return f'"{text}"' if self.is_phrase else text


@dataclass(frozen=True)
class ParsedQuery:
    """Groups that must all match (each matches if any of its terms does)."""

    groups: tuple[tuple[Term, ...], ...] = ()
    excluded: tuple[Term, ...] = ()

    def __bool__(self) -> bool:
        return bool(self.groups)

    def __str__(self) -> str:
        parts = [" OR ".join(str(term) for term in group) for group in self.groups]
        parts += [f"-{term}" for term in self.excluded]
        return " ".join(parts)

    @property
    def terms(self) -> list[Term]:
        return [term for group in self.groups for term in group]


def normalize(text: str) -> str:
    """Return the text with control characters gone, spaces tidied, cut short."""
    return " ".join(_CONTROL.sub(" ", text or "").split())[:MAX_QUERY_CHARS]


def parse(text: str) -> ParsedQuery:
    """Read a reader's text into terms; anything unrecognised is punctuation."""
    groups: list[list[Term]] = []
    excluded: list[Term] = []
    join_next = False
    count = 0
    for match in _TOKEN.finditer(normalize(text)):
        minus, quoted, bare = match.group(1), match.group(2), match.group(3)
        if bare == "OR":
            join_next = bool(groups)
            continue
        if bare == "AND":  # every word must match anyway
            continue
        if quoted is not None:
            negated, text = bool(minus), quoted
        else:
            negated, text = bare.startswith("-"), bare.lstrip("-")
        words = tuple(_WORD.findall(text))
        if not words or count >= MAX_TERMS:
            join_next = False
            continue
        count += 1
        term = Term(words[:MAX_PHRASE_WORDS])
        if negated:
            excluded.append(term)
            join_next = False
        elif join_next:
            groups[-1].append(term)
            join_next = False
        else:
            groups.append([term])
    return ParsedQuery(
        groups=tuple(dict.fromkeys(tuple(dict.fromkeys(group)) for group in groups)),
        excluded=tuple(dict.fromkeys(excluded)),
    )
