"""Keep the search index in step with the journal, after each commit.

The journal knows nothing of search: this module listens to its models'
signals and updates search_document once the change is committed, so a
rolled-back edit never reaches the index. Deleting an article or a page
deletes its row in the same transaction (the foreign key cascades).
"""

import itertools
import logging
import re
from collections.abc import Hashable, Iterator, Sequence

from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete

from meridian.core.batching import after_commit
from meridian.core.bulk import insert_rows
from meridian.journal.models import Page, Post, Tag
from meridian.journal.signals import bodies_rendered

from .backends.base import CONTROL_CHARACTERS, MAX_BODY_CHARS
from .models import Document
from .query import backend

logger = logging.getLogger(__name__)

_CONTROL = re.compile(f"[{re.escape(CONTROL_CHARACTERS)}]")
BATCH = 1000
# What post_document() reads: not the Markdown body, its HTML or the table of
# contents, each as long as the text, which PostgreSQL would decompress and
# send for nothing (half of a 100,000-article rebuild).
_POST_FIELDS = [
    "status",
    "published_at",
    "title",
    "slug",
    "summary",
    "body_text",
    "author_id",
    "category_id",
]


def _clean(text: str, limit: int | None = None) -> str:
    return _CONTROL.sub(" ", text or "")[:limit]


def post_document(post: Post) -> Document | None:
    """Return an article's unsaved index row, or None if it is not published."""
    if post.status != Post.Status.PUBLISHED or post.published_at is None:
        return None
    return Document(
        kind=Document.Kind.POST,
        post_id=post.pk,
        title=_clean(post.title),
        tags=_clean(" ".join(tag.name for tag in post.tags.all())),
        summary=_clean(post.summary),
        body=_clean(post.body_text, MAX_BODY_CHARS),
        url=post.get_absolute_url(),
        published_at=post.published_at,
        author_id=post.author_id,
        category_id=post.category_id,
    )


def page_document(page: Page) -> Document | None:
    """Return the unsaved index row for a page, or None if it is unpublished."""
    if not page.published:
        return None
    return Document(
        kind=Document.Kind.PAGE,
        page_id=page.pk,
        title=_clean(page.title),
        body=_clean(page.body_text, MAX_BODY_CHARS),
        url=page.get_absolute_url(),
    )


def _store(document: Document | None, **source) -> None:
    if document is None:
        Document.objects.filter(**source).delete()
        return
    Document.objects.update_or_create(**source, defaults=_values(document))


def _values(document: Document) -> dict:
    return {name: getattr(document, name) for name in _FIELDS}


_FIELDS = [f.attname for f in Document._meta.concrete_fields if not f.primary_key]


def index_post(post_id: int) -> None:
    """Bring one article's row up to date: stored if public or scheduled, else gone."""
    index_posts([post_id])


def index_posts(post_ids: Sequence[int]) -> None:
    """Bring these articles' rows up to date, a thousand at a time."""
    ids = list(post_ids)
    for start in range(0, len(ids), BATCH):
        _index_posts(ids[start : start + BATCH])


@transaction.atomic
def _index_posts(post_ids: list[int]) -> None:
    posts = (
        Post.objects.filter(pk__in=post_ids)
        .only(*_POST_FIELDS)
        .prefetch_related("tags")
    )
    # New rows in publication order: the SQLite backend ranks the latest
    # matches of a very common word, taken in index order.
    documents = sorted(
        filter(None, map(post_document, posts)),
        key=lambda d: (d.published_at, d.post_id),
    )
    stored = dict(
        Document.objects.filter(post_id__in=post_ids).values_list("post_id", "pk")
    )
    kept = {document.post_id for document in documents}
    gone = [post_id for post_id in stored if post_id not in kept]
    if gone:
        Document.objects.filter(post_id__in=gone).delete()
    new = []
    for document in documents:
        if document.post_id in stored:
            Document.objects.filter(pk=stored[document.post_id]).update(
                **_values(document)
            )
        else:
            new.append(document)
    insert_rows(new)


def index_page(page_id: int) -> None:
    """Bring one page's row up to date."""
    page = Page.objects.filter(pk=page_id).first()
    _store(page_document(page) if page else None, page_id=page_id)


def index_pages(page_ids: Sequence[int]) -> None:
    """Bring these pages' rows up to date."""
    for page_id in page_ids:
        index_page(page_id)


@transaction.atomic
def rebuild_index() -> int:
    """Index every published article and page from scratch; return the count."""
    engine = backend()
    # PostgreSQL makes the articles' rows itself, before it empties the index
    # (postgres.py); SQLite is given them.
    staged = engine.stage_posts(_published_addresses())
    documents: Iterator[Document | None]
    with engine.bulk_load():
        if staged:
            count = engine.insert_staged()
            documents = map(page_document, Page.objects.order_by("pk"))
        else:
            count = 0
            documents = (
                post_document(item) if isinstance(item, Post) else page_document(item)
                for item in itertools.chain(
                    _published()
                    .only(*_POST_FIELDS)
                    .prefetch_related("tags")
                    .iterator(chunk_size=BATCH),
                    Page.objects.order_by("pk"),
                )
            )
        while chunk := list(itertools.islice(documents, BATCH)):
            kept = [document for document in chunk if document is not None]
            insert_rows(kept)
            count += len(kept)
    return count


def _published():
    # In publication order: the SQLite backend ranks the latest matches of a
    # very common word, taken in index order.
    return Post.objects.filter(
        status=Post.Status.PUBLISHED, published_at__isnull=False
    ).order_by("published_at", "pk")


def _published_addresses() -> Iterator[tuple[int, str]]:
    """Yield the published articles as (id, address), in publication order."""
    rows = _published().values_list("pk", "slug").iterator(chunk_size=10 * BATCH)
    while chunk := list(itertools.islice(rows, 10 * BATCH)):
        ids, slugs = zip(*chunk, strict=True)
        yield from zip(ids, Post.addresses(slugs), strict=True)


def _logged(function):
    def run(ids: Sequence[Hashable]) -> None:
        try:
            function(ids)
        except Exception:
            # The edit is committed; a failed index update must not turn it
            # into an error page. `meridian search-rebuild` repairs the index.
            logger.exception("Search index update failed: %s%s", function.__name__, ids)

    run.__name__ = function.__name__
    return run


# After the commit, or once per gathered bulk change (core/batching.py).
_reindex_posts = _logged(index_posts)
_reindex_pages = _logged(index_pages)


def _post_saved(sender, instance: Post, raw: bool = False, **kwargs) -> None:
    if not raw:
        after_commit(_reindex_posts, instance.pk)


def _post_deleted(sender, instance: Post, **kwargs) -> None:
    after_commit(_reindex_posts, instance.pk)


def _post_tags_changed(sender, instance, action: str, reverse: bool, pk_set, **kwargs):
    if not action.startswith("post_"):
        return
    if not reverse:
        after_commit(_reindex_posts, instance.pk)
    else:  # tags added to or removed from a tag's side: every post touched
        for post_id in pk_set or ():
            after_commit(_reindex_posts, post_id)


def _tag_saved(sender, instance: Tag, raw: bool = False, **kwargs) -> None:
    if not raw:
        _reindex_tagged(instance)


def _tag_deleting(sender, instance: Tag, **kwargs) -> None:
    _reindex_tagged(instance)


def _reindex_tagged(tag: Tag) -> None:
    for post_id in tag.posts.values_list("pk", flat=True):
        after_commit(_reindex_posts, post_id)


def _page_saved(sender, instance: Page, raw: bool = False, **kwargs) -> None:
    if not raw:
        after_commit(_reindex_pages, instance.pk)


def _page_deleted(sender, instance: Page, **kwargs) -> None:
    after_commit(_reindex_pages, instance.pk)


def _bodies_rendered(sender, pks: list[int], **kwargs) -> None:
    # A changed library image: new text (captions, alt) without a save.
    after_commit(_reindex_posts if sender is Post else _reindex_pages, *pks)


def connect() -> None:
    """Listen to the journal's models (called from SearchConfig.ready)."""
    uid = "meridian.search"
    post_save.connect(_post_saved, sender=Post, dispatch_uid=f"{uid}.post_saved")
    post_delete.connect(_post_deleted, sender=Post, dispatch_uid=f"{uid}.post_del")
    m2m_changed.connect(
        _post_tags_changed, sender=Post.tags.through, dispatch_uid=f"{uid}.tags"
    )
    post_save.connect(_tag_saved, sender=Tag, dispatch_uid=f"{uid}.tag_saved")
    pre_delete.connect(_tag_deleting, sender=Tag, dispatch_uid=f"{uid}.tag_del")
    post_save.connect(_page_saved, sender=Page, dispatch_uid=f"{uid}.page_saved")
    post_delete.connect(_page_deleted, sender=Page, dispatch_uid=f"{uid}.page_del")
    bodies_rendered.connect(_bodies_rendered, dispatch_uid=f"{uid}.rendered")
