"""A deterministic corpus of clinic articles and a fixed mix of searches.

The same seed gives the same 100,000 articles and the same queries on every
run and every machine: words drawn with Zipf-like weights from a clinic
vocabulary, common English words and a long tail of rarer words, in
sentences and paragraphs of realistic length (200 to 1,000 words).
"""

import itertools
import random
import string

SEED = 2026
DOMAIN = [
    "acupuncture",
    "needle",
    "needles",
    "pain",
    "back",
    "neck",
    "shoulder",
    "sleep",
    "stress",
    "anxiety",
    "headache",
    "migraine",
    "digestion",
    "fatigue",
    "energy",
    "herbal",
    "herbs",
    "tea",
    "massage",
    "cupping",
    "moxibustion",
    "treatment",
    "treatments",
    "treating",
    "practitioner",
    "patient",
    "patients",
    "visit",
    "clinic",
    "session",
    "sessions",
    "posture",
    "breathing",
    "stretching",
    "exercise",
    "walking",
    "diet",
    "nutrition",
    "vegetables",
    "ginger",
    "inflammation",
    "muscle",
    "muscles",
    "joint",
    "joints",
    "knee",
    "hip",
    "sciatica",
    "nerve",
    "tension",
    "recovery",
    "healing",
    "balance",
    "circulation",
    "blood",
    "pressure",
    "immune",
    "seasonal",
    "allergy",
    "allergies",
    "fertility",
    "pregnancy",
    "menstrual",
    "hormones",
    "insomnia",
    "relaxation",
    "meditation",
    "mindfulness",
    "qi",
    "meridian",
    "points",
    "acupressure",
    "chronic",
    "acute",
    "injury",
    "sports",
    "running",
    "desk",
    "work",
    "screen",
    "eyes",
    "jaw",
    "teeth",
    "skin",
    "eczema",
    "acne",
    "cold",
    "flu",
    "cough",
    "sinus",
    "lungs",
    "heart",
    "liver",
    "kidney",
    "spleen",
    "stomach",
    "bowel",
    "nausea",
    "appetite",
    "weight",
    "metabolism",
    "thyroid",
    "diabetes",
    "arthritis",
    "osteoarthritis",
    "fibromyalgia",
    "depression",
    "mood",
    "emotions",
    "grief",
    "anger",
    "worry",
    "evidence",
    "research",
    "study",
    "trial",
    "review",
    "safety",
    "referral",
    "doctor",
    "physician",
    "family",
    "children",
    "elderly",
    "winter",
    "summer",
    "spring",
    "autumn",
    "morning",
    "evening",
    "routine",
    "habit",
    "habits",
    "water",
]
COMMON = [
    "the",
    "of",
    "and",
    "to",
    "a",
    "in",
    "is",
    "for",
    "that",
    "with",
    "you",
    "your",
    "it",
    "as",
    "on",
    "are",
    "be",
    "this",
    "can",
    "or",
    "by",
    "we",
    "our",
    "at",
    "from",
    "have",
    "not",
    "more",
    "when",
    "how",
    "what",
    "about",
    "may",
    "also",
    "often",
    "most",
    "many",
    "some",
    "they",
    "their",
    "if",
    "which",
    "one",
    "all",
    "after",
    "before",
    "during",
    "each",
    "most",
    "help",
    "helps",
    "body",
    "time",
    "day",
    "week",
    "first",
    "small",
    "often",
    "rather",
    "than",
    "into",
    "over",
]
TAIL_SIZE = 20_000


def _tail_words(rng: random.Random) -> list[str]:
    syllables = [c + v for c, v in itertools.product("bcdfghjklmnprstvwz", "aeiou")]
    words: set[str] = set()
    while len(words) < TAIL_SIZE:
        words.add("".join(rng.choices(syllables, k=rng.randint(2, 4))))
    return sorted(words)


class Corpus:
    def __init__(self, seed: int = SEED) -> None:
        self.rng = random.Random(seed)
        self.tail = _tail_words(self.rng)
        vocabulary = COMMON + DOMAIN + self.tail
        # Zipf-like: the n-th word is drawn in proportion to 1/n; common words
        # first, then the clinic's, then the tail.
        weights = [1 / (rank + 1) for rank in range(len(vocabulary))]
        self.vocabulary = vocabulary
        self.cum_weights = list(itertools.accumulate(weights))

    def words(self, count: int) -> list[str]:
        return self.rng.choices(self.vocabulary, cum_weights=self.cum_weights, k=count)

    def sentence(self) -> str:
        words = self.words(self.rng.randint(6, 22))
        return " ".join(words).capitalize() + "."

    def article(self) -> tuple[str, str, str]:
        """Return (title, summary, body) for one article."""
        title = " ".join(self.rng.choices(DOMAIN, k=self.rng.randint(3, 7)))
        target = self.rng.randint(200, 1000)
        paragraphs, size = [], 0
        while size < target:
            paragraph = [self.sentence() for _ in range(self.rng.randint(2, 6))]
            size += sum(s.count(" ") + 1 for s in paragraph)
            paragraphs.append(" ".join(paragraph))
        summary = self.sentence() if self.rng.random() < 0.5 else ""
        return title.capitalize(), summary, "\n\n".join(paragraphs)

    def queries(self, count: int) -> list[tuple[str, str]]:
        """Return (kind, text) pairs: a fixed mix of what readers type."""
        rng = random.Random(SEED + 1)
        rare = self.tail[-5000:]
        kinds = [
            ("common word", 25, lambda: rng.choice(DOMAIN[:40])),
            ("clinic word", 15, lambda: rng.choice(DOMAIN)),
            ("rare word", 15, lambda: rng.choice(rare)),
            ("two words", 20, lambda: " ".join(rng.sample(DOMAIN, 2))),
            ("phrase", 10, lambda: '"' + " ".join(rng.sample(DOMAIN[:60], 2)) + '"'),
            (
                "or / exclude",
                5,
                lambda: (
                    f"{rng.choice(DOMAIN)} OR {rng.choice(DOMAIN)} "
                    f"-{rng.choice(DOMAIN)}"
                ),
            ),
            (
                "no hits",
                10,
                lambda: "".join(rng.choices(string.ascii_lowercase, k=9)),
            ),
        ]
        pool = [kind for kind in kinds for _ in range(kind[1])]
        return [(name, make()) for name, _weight, make in rng.choices(pool, k=count)]
