"""What an import did: counts per kind and outcome, and every reason, with its line."""

from collections import Counter, defaultdict
from dataclasses import dataclass, field

KINDS = (
    "authors",
    "categories",
    "tags",
    "posts",
    "pages",
    "comments",
    "attachments",
    "other",
)
OUTCOMES = ("imported", "updated", "skipped", "failed")


@dataclass(frozen=True)
class Problem:
    kind: str
    line: int
    label: str
    reason: str

    def __str__(self) -> str:
        where = f"line {self.line}: " if self.line else ""
        return f"{where}{self.label}: {self.reason}"


@dataclass
class ImportReport:
    """The outcome of one import, readable as a table (str) or as data."""

    dry_run: bool = False
    source: str = ""
    counts: dict[str, Counter[str]] = field(
        default_factory=lambda: defaultdict(Counter)
    )
    failures: list[Problem] = field(default_factory=list)
    notes: list[Problem] = field(default_factory=list)
    unknown_shortcodes: Counter[str] = field(default_factory=Counter)
    # Old file address -> titles of the articles that use it.
    missing_media: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    redirects: int = 0
    seconds: float = 0.0

    def count(self, kind: str, outcome: str) -> None:
        self.counts[kind][outcome] += 1

    def fail(self, kind: str, line: int, label: str, reason: str) -> None:
        self.counts[kind]["failed"] += 1
        self.failures.append(Problem(kind, line, label, reason))

    def skip(self, kind: str, line: int, label: str, reason: str) -> None:
        self.counts[kind]["skipped"] += 1
        self.notes.append(Problem(kind, line, label, reason))

    def note(self, kind: str, line: int, label: str, reason: str) -> None:
        self.notes.append(Problem(kind, line, label, reason))

    def mark(self) -> tuple:
        """Return where the report stands, for reset() if the work is undone."""
        counts = {kind: Counter(counter) for kind, counter in self.counts.items()}
        return counts, len(self.failures), len(self.notes)

    def reset(self, mark: tuple) -> None:
        """Forget what was reported since mark() (its work was rolled back)."""
        counts, failures, notes = mark
        self.counts = defaultdict(Counter, counts)
        del self.failures[failures:]
        del self.notes[notes:]

    @property
    def items(self) -> int:
        return sum(sum(counter.values()) for counter in self.counts.values())

    @property
    def failed(self) -> int:
        return sum(counter["failed"] for counter in self.counts.values())

    def rows(self) -> list[tuple[str, int, int, int, int]]:
        """Return (kind, imported, updated, skipped, failed) for each kind met."""
        rows = []
        for kind in KINDS:
            counter = self.counts[kind]
            if sum(counter.values()):
                imported, updated, skipped, failed = (counter[o] for o in OUTCOMES)
                rows.append((kind, imported, updated, skipped, failed))
        return rows

    def __str__(self) -> str:
        header = ("", *OUTCOMES)
        rows = [header, *[(k, *map(str, rest)) for k, *rest in self.rows()]]
        widths = [max(len(str(row[i])) for row in rows) for i in range(len(header))]
        lines = [
            "  ".join(
                str(cell).ljust(w) if i == 0 else str(cell).rjust(w)
                for i, (cell, w) in enumerate(zip(row, widths, strict=True))
            ).rstrip()
            for row in rows
        ]
        if self.dry_run:
            lines.insert(0, "Dry run: nothing was written.")
        if self.redirects:
            lines += [
                "",
                f"Old addresses answering with a redirect: {self.redirects:,}",
            ]
        for title, problems in (("Failed", self.failures), ("Notes", self.notes)):
            if problems:
                lines += ["", f"{title}:"] + [f"  {problem}" for problem in problems]
        if self.unknown_shortcodes:
            lines += ["", "Shortcodes left as text (no Meridian equivalent):"]
            lines += [
                f"  [{name}] × {number}"
                for name, number in self.unknown_shortcodes.most_common()
            ]
        if self.missing_media:
            lines += ["", "Files not found under --media-dir:"]
            for url, titles in sorted(self.missing_media.items()):
                lines.append(f"  {url} (used in: {', '.join(sorted(titles))})")
        return "\n".join(lines)
