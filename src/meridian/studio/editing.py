"""Saving what writers type: autosaves, saves with optimistic locking, restores.

An autosave is one revision row per article and person, overwritten as they
type; it never touches the article, so readers and the page cache never see
it. A save checks the version the writer started from, writes the article,
keeps an unchangeable revision of it, and drops the writer's autosave.
"""

from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.db.models import F
from django.http import QueryDict
from django.utils import timezone

from meridian.journal.models import Post, Revision

from .forms import EDITOR_FIELDS, WRITER_FIELDS, ArticleForm

# What a revision keeps besides the title and body: the form's own values, so
# reopening or restoring fills the same form back in.
KEPT_FIELDS = (*WRITER_FIELDS, "tags", *EDITOR_FIELDS)
FIELD_MAX = 2000


class EditConflict(Exception):
    """The article changed since the writer opened it."""

    def __init__(self, current: Post):
        super().__init__(f"Article {current.pk} is at version {current.version}")
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


def draft_from_request(data: QueryDict) -> Draft:
    """Return the typed values of the writing form, however incomplete."""
    fields: dict[str, Any] = {}
    for name in KEPT_FIELDS:
        if name == "comments_open":
            fields[name] = data.get(name) in ("on", "true", "1", "True")
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
        "image_alt": post.image_alt,
        "image_caption": post.image_caption,
        "reviewed_by": post.reviewed_by,
        "last_reviewed": post.last_reviewed.isoformat() if post.last_reviewed else "",
        "tags": ", ".join(tag.name for tag in post.tags.all()) if post.pk else "",
    }
    return Draft(title=post.title, body=post.body, fields=fields)


def draft_from_revision(revision: Revision) -> Draft:
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
    for name in KEPT_FIELDS:
        if name in after.fields and before.fields.get(name) != after.fields.get(name):
            names.append(name)
    return names


def autosave(post: Post, person, draft: Draft, *, version: int) -> Revision:
    """Keep what the person typed in their own autosave of the article."""
    revision, _created = Revision.objects.update_or_create(
        post=post,
        author=person,
        kind=Revision.Kind.AUTOSAVE,
        defaults={
            "title": draft.title,
            "body": draft.body,
            "fields": draft.fields,
            "version": version,
            "created_at": timezone.now(),
        },
    )
    return revision


def autosave_of(post: Post, person) -> Revision | None:
    return Revision.objects.filter(
        post=post, author=person, kind=Revision.Kind.AUTOSAVE
    ).first()


def newer_autosave(post: Post, person) -> Revision | None:
    """Return the person's autosave if it holds text the article does not."""
    revision = autosave_of(post, person)
    if revision is None:
        return None
    saved = draft_from_post(post)
    mine = draft_from_revision(revision)
    if not changed_fields(saved, mine):
        return None
    return revision


def discard_autosave(post: Post, person) -> None:
    Revision.objects.filter(
        post=post, author=person, kind=Revision.Kind.AUTOSAVE
    ).delete()


def latest_saved(post: Post) -> Revision | None:
    return post.revisions.filter(kind=Revision.Kind.SAVED).first()


@transaction.atomic
def save_article(form: ArticleForm, person, *, note: str = "") -> Revision:
    """Save a valid writing form unless the article moved on since it was opened.

    Raise EditConflict when the version the writer started from is no longer
    the article's: nobody's words are overwritten silently.
    """
    post: Post = form.instance
    base = form.cleaned_data["version"]
    before = None
    if post.pk is not None:
        moved = Post.objects.filter(pk=post.pk, version=base).update(
            version=F("version") + 1
        )
        if not moved:
            raise EditConflict(Post.objects.get(pk=post.pk))
        before = draft_from_post(Post.objects.get(pk=post.pk))
        post.version = base + 1
    post = form.save(commit=False)
    post.save()
    form.save_tags(post)
    return record_revision(post, person, note=note, before=before)


def record_revision(
    post: Post, person, *, note: str = "", before: Draft | None = None
) -> Revision:
    """Keep the article as it now is, and drop the person's autosave."""
    if before is None:
        previous = latest_saved(post)
        before = draft_from_revision(previous) if previous else None
    after = draft_from_post(post)
    revision = Revision.objects.create(
        post=post,
        author=person,
        kind=Revision.Kind.SAVED,
        title=after.title,
        body=after.body,
        fields=after.fields,
        version=post.version,
        changed=changed_fields(before, after),
        note=note[:200],
    )
    discard_autosave(post, person)
    return revision
