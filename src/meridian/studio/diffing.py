"""A readable difference between two versions of an article (difflib).

Lines that stayed are shown once; a changed paragraph is shown once with the
words taken out and put in marked, as an editor marks a proof.
"""

import difflib
import re
from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _

from meridian.journal.models import Snapshot

from .editing import KEPT_FIELDS, Draft, draft_from_revision

LABELS = {
    "title": _("Title"),
    "body": _("Text"),
    "summary": _("Summary"),
    "category": _("Category"),
    "tags": _("Tags"),
    "slug": _("Address (slug)"),
    "seo_title": _("Title for search engines"),
    "seo_description": _("Description for search engines"),
    "comments_open": _("Comments open"),
    "sources": _("Sources"),
    "featured_image": _("Featured image"),
    "reviewed_by": _("Medically reviewed by"),
    "last_reviewed": _("Last reviewed"),
}
# Unchanged lines shown around each change.
CONTEXT = 1
WORD = re.compile(r"\s*\S+\s*|\s+")


@dataclass
class Piece:
    """A run of words: kept ("same"), taken out ("del") or put in ("ins")."""

    kind: str
    text: str


@dataclass
class Line:
    kind: str  # same, del, ins, changed, gap
    pieces: list[Piece] = field(default_factory=list)


@dataclass
class FieldDiff:
    name: str
    label: str
    lines: list[Line]


def _words(line: str) -> list[str]:
    # Keep the spaces with the words so the pieces join back into the line.
    return WORD.findall(line)


def _word_diff(old: str, new: str) -> Line:
    a, b = _words(old), _words(new)
    pieces = []
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            pieces.append(Piece("same", "".join(a[i1:i2])))
            continue
        if i2 > i1:
            pieces.append(Piece("del", "".join(a[i1:i2])))
        if j2 > j1:
            pieces.append(Piece("ins", "".join(b[j1:j2])))
    return Line("changed", pieces)


def diff_text(old: str, new: str) -> list[Line]:
    """Return the lines of new against old, with context around each change."""
    a, b = old.splitlines(), new.splitlines()
    lines: list[Line] = []
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    for group in matcher.get_grouped_opcodes(CONTEXT):
        if lines:
            lines.append(Line("gap"))
        for tag, i1, i2, j1, j2 in group:
            if tag == "equal":
                lines.extend(Line("same", [Piece("same", text)]) for text in a[i1:i2])
            elif tag == "replace" and i2 - i1 == j2 - j1:
                lines.extend(
                    _word_diff(x, y) for x, y in zip(a[i1:i2], b[j1:j2], strict=True)
                )
            else:
                lines.extend(Line("del", [Piece("del", text)]) for text in a[i1:i2])
                lines.extend(Line("ins", [Piece("ins", text)]) for text in b[j1:j2])
    return lines


def _value(draft: Draft, name: str) -> str:
    if name == "title":
        return draft.title
    if name == "body":
        return draft.body
    value = draft.fields.get(name, "")
    if isinstance(value, bool):
        return str(_("yes") if value else _("no"))
    return str(value or "")


def diff_drafts(old: Draft, new: Draft) -> list[FieldDiff]:
    """Return what differs between two versions, field by field."""
    diffs = []
    for name in ("title", "body", *KEPT_FIELDS):
        before, after = _value(old, name), _value(new, name)
        if before != after:
            diffs.append(FieldDiff(name, str(LABELS[name]), diff_text(before, after)))
    return diffs


def diff_revisions(old: Snapshot, new: Snapshot) -> list[FieldDiff]:
    return diff_drafts(draft_from_revision(old), draft_from_revision(new))
