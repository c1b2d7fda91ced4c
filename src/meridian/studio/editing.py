"""Saving what writers type: autosaves, saves with optimistic locking, restores.

An autosave is one revision row per text and person, overwritten as they
type; it never touches the article or page, so readers and the page cache
never see it. A save checks the version the writer started from, writes the
text, keeps an unchangeable revision of it, and drops the writer's autosave.
Articles and pages go through the same functions: each has a `version` and
its `revisions` (journal's Revision and PageRevision share one shape).
"""

from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.db.models import F
from django.http import QueryDict
from django.utils import timezone

from meridian.journal.models import Page, Post, Snapshot

from .forms import EDITOR_FIELDS, WRITER_FIELDS
from .sources import sent_text

# What a revision keeps besides the title and body: the form's own values, so
# reopening or restoring fills the same form back in.
KEPT_FIELDS = (*WRITER_FIELDS, "tags", *EDITOR_FIELDS)
PAGE_FIELDS = ("slug",)
FIELD_MAX = 2000

# What a writer writes: an article or a page.
Text = Post | Page


class EditConflict(Exception):
    """The article changed since the writer opened it."""

    def __init__(self, current: Text):
        super().__init__(f"{current._meta.label} {current.pk} is at {current.version}")
        self.current = current


@dataclass(frozen=True)
class Draft:
    """What a writer typed, as form values: from a request or a revision."""

    title: str
    body: str
    fields: dict[str, Any]

    def as_data(self, version: int) -> dict[str, Any]:
        data: dict[str, Any] = {**self.fields, "title": self.title, "body": self.body}
        data["version"] = version
        if not data.get("comments_open"):
            data.pop("comments_open", None)
        return data


def kept_fields(item: Text) -> tuple[str, ...]:
    return KEPT_FIELDS if isinstance(item, Post) else PAGE_FIELDS


def draft_from_request(data: QueryDict, kept: tuple[str, ...] = KEPT_FIELDS) -> Draft:
    """Return the typed values of the writing form, however incomplete."""
    fields: dict[str, Any] = {}
    for name in kept:
        if name == "comments_open":
            fields[name] = data.get(name) in ("on", "true", "1", "True")
        elif name == "sources":
            # The writing form sends its sources as rows of fields.
            text = sent_text(data, name)
            if text is not None:
                fields[name] = text[:FIELD_MAX]
        elif name in data:
            fields[name] = str(data.get(name, ""))[:FIELD_MAX]
    return Draft(
        title=str(data.get("title", ""))[:200],
        # Never refused here: an over-long body is kept and the save explains.
        body=str(data.get("body", "")),
        fields=fields,
    )


def draft_from_post(post: Post) -> Draft:
    """Return the article's saved values, as the writing form shows them."""
    fields: dict[str, Any] = {
        "summary": post.summary,
        "category": str(post.category_id or ""),
        "slug": post.slug,
        "seo_title": post.seo_title,
        "seo_description": post.seo_description,
        "comments_open": post.comments_open,
        "sources": post.sources,
        "featured_image": str(post.featured_image_id or ""),
        "reviewed_by": post.reviewed_by,
        "last_reviewed": post.last_reviewed.isoformat() if post.last_reviewed else "",
        "tags": ", ".join(tag.name for tag in post.tags.all()) if post.pk else "",
    }
    return Draft(title=post.title, body=post.body, fields=fields)


def draft_from_page(page: Page) -> Draft:
    return Draft(title=page.title, body=page.body, fields={"slug": page.slug})


def draft_of(item: Text) -> Draft:
    """Return the saved values of an article or page, as its form shows them."""
    return draft_from_post(item) if isinstance(item, Post) else draft_from_page(item)


def draft_from_revision(revision: Snapshot) -> Draft:
    return Draft(title=revision.title, body=revision.body, fields=dict(revision.fields))


def changed_fields(before: Draft | None, after: Draft) -> list[str]:
    """Return the names of the fields that differ, title and body first."""
    if before is None:
        return ["created"]
    names = []
    if before.title != after.title:
        names.append("title")
    if before.body != after.body:
        names.append("body")
    for name in after.fields:
        if before.fields.get(name) != after.fields.get(name):
            names.append(name)
    return names


def autosave(item: Text, person, draft: Draft, *, version: int) -> Snapshot:
    """Keep what the person typed in their own autosave of the text."""
    revision, _created = item.revisions.update_or_create(
        author=person,
        kind=Snapshot.Kind.AUTOSAVE,
        defaults={
            "title": draft.title,
            "body": draft.body,
            "fields": draft.fields,
            "version": version,
            "created_at": timezone.now(),
        },
    )
    return revision


def autosave_of(item: Text, person) -> Snapshot | None:
    return item.revisions.filter(author=person, kind=Snapshot.Kind.AUTOSAVE).first()


def newer_autosave(item: Text, person) -> Snapshot | None:
    """Return the person's autosave if it holds text the article or page does not."""
    revision = autosave_of(item, person)
    if revision is None:
        return None
    if not changed_fields(draft_of(item), draft_from_revision(revision)):
        return None
    return revision


def discard_autosave(item: Text, person) -> None:
    item.revisions.filter(author=person, kind=Snapshot.Kind.AUTOSAVE).delete()


def latest_saved(item: Text) -> Snapshot | None:
    return item.revisions.filter(kind=Snapshot.Kind.SAVED).first()


@transaction.atomic
def save_article(form, person, *, note: str = "") -> Snapshot:
    """Save a valid writing form unless the text moved on since it was opened.

    For an article's form or a page's. Raise EditConflict when the version
    the writer started from is no longer the text's: nobody's words are
    overwritten silently.
    """
    item: Text = form.instance
    model = type(item)
    base = form.cleaned_data["version"]
    before = None
    if item.pk is not None:
        moved = model.objects.filter(pk=item.pk, version=base).update(
            version=F("version") + 1
        )
        if not moved:
            raise EditConflict(model.objects.get(pk=item.pk))
        before = draft_of(model.objects.get(pk=item.pk))
        item.version = base + 1
    item = form.save(commit=False)
    item.save()
    if hasattr(form, "save_tags"):
        form.save_tags(item)
    return record_revision(item, person, note=note, before=before)


def record_revision(
    item: Text, person, *, note: str = "", before: Draft | None = None
) -> Snapshot:
    """Keep the article or page as it now is, and drop the person's autosave."""
    if before is None:
        previous = latest_saved(item)
        before = draft_from_revision(previous) if previous else None
    after = draft_of(item)
    revision = item.revisions.create(
        author=person,
        kind=Snapshot.Kind.SAVED,
        title=after.title,
        body=after.body,
        fields=after.fields,
        version=item.version,
        changed=changed_fields(before, after),
        note=note[:200],
    )
    discard_autosave(item, person)
    return revision
