"""Import an item's comments with their threads and moderation state.

Each comment is written in its own transaction. Commenters' IP addresses and user
agents are never read: a clinic keeps no more personal data than it needs.
"""

import hashlib
import logging

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator, validate_email
from django.db import transaction
from django.db.models import Count, OuterRef, Subquery
from django.db.models.functions import Coalesce

from meridian.comments.models import Comment
from meridian.core.bulk import insert_rows
from meridian.core.dependencies import changed
from meridian.core.rendering import render_comment
from meridian.journal import dependencies
from meridian.journal.models import Post

from . import dates
from .content import convert_comment
from .models import ImportedComment
from .wxr import WxrComment, WxrItem

logger = logging.getLogger(__name__)

STATUS = {
    "1": Comment.Status.APPROVED,
    "approve": Comment.Status.APPROVED,
    "0": Comment.Status.PENDING,
    "hold": Comment.Status.PENDING,
    "spam": Comment.Status.SPAM,
    "trash": Comment.Status.REMOVED,
    "post-trashed": Comment.Status.REMOVED,
}
_url = URLValidator(schemes=["http", "https"])


def _digest(comment: WxrComment) -> str:
    fields = {k: v for k, v in vars(comment).items() if k != "line"}
    raw = repr(sorted(fields.items())).encode()
    return hashlib.blake2b(raw, digest_size=16).hexdigest()


def _threaded(comments: list[WxrComment]) -> list[WxrComment]:
    """Return the comments with every parent before its replies."""
    known = {c.wp_id: c for c in comments}
    ordered: list[WxrComment] = []
    placed: set[int] = set()

    def place(comment: WxrComment, seen: set[int]) -> None:
        if comment.wp_id in placed or comment.wp_id in seen:
            return
        parent = known.get(comment.parent_id)
        if parent is not None:
            place(parent, seen | {comment.wp_id})
        placed.add(comment.wp_id)
        ordered.append(comment)

    for comment in comments:
        place(comment, set())
    return ordered


def _valid(value: str, validator) -> str:
    try:
        validator(value)
    except ValidationError:
        return ""
    return value


def import_comments(
    importer, item: WxrItem, post: Post, existing: dict[int, ImportedComment]
) -> None:
    """Import the comments of one article; keep its approved-comment count right.

    `existing` holds the article's comments imported before, by WordPress ID.
    """
    if not existing:
        create_comments(importer, [(item, post)])
        return
    if _one_by_one(importer, item, post, existing):
        _recount([post.pk])


def create_comments(importer, threads: list[tuple[WxrItem, Post]]) -> None:
    """Import the comments of articles that have none yet, in bulk if all goes well."""
    threads = [(item, post) for item, post in threads if item.comments]
    if not threads:
        return
    report = importer.report
    mark = report.mark()
    try:
        with transaction.atomic():
            _create_all(importer, threads)
    except Exception:
        # Something in these threads is odd: take the articles one by one,
        # and a failing thread comment by comment, so the bad one fails alone.
        logger.info("Comments of %s articles one by one", len(threads), exc_info=True)
        report.reset(mark)
        if len(threads) > 1:
            for item, post in threads:
                create_comments(importer, [(item, post)])
        else:
            item, post = threads[0]
            if _one_by_one(importer, item, post, {}):
                _recount([post.pk])
        return
    _recount([post.pk for _item, post in threads])


def _recount(post_ids: list[int]) -> None:
    Post.objects.filter(pk__in=post_ids).update(
        comment_count=Coalesce(
            Subquery(
                Comment.objects.filter(
                    post=OuterRef("pk"), status=Comment.Status.APPROVED
                )
                .order_by()
                .values("post")
                .annotate(count=Count("pk"))
                .values("count")
            ),
            0,
        )
    )
    changed(*(dependencies.discussion(pk) for pk in post_ids))


def _fields(importer, wxr: WxrComment, post: Post, label: str) -> dict | None:
    """Return a comment's fields, or None (noted) when there is nothing to keep."""
    report = importer.report
    # A Meridian export carries each comment's own Markdown.
    body = wxr.meta.get("_meridian_markdown") or convert_comment(wxr.content)
    if not body.strip():
        report.skip("comments", wxr.line, label, "the comment is empty")
        return None
    created = dates.best(wxr.date_gmt, wxr.date) or post.published_at
    if created is None:
        report.note("comments", wxr.line, label, "no usable date: dated today")
        created = post.created_at
    author = importer.authors.by_wp_id.get(wxr.user_id) if wxr.user_id else None
    return {
        "body": body,
        "status": STATUS.get(wxr.approved, Comment.Status.PENDING),
        "created_at": created,
        "author": author,
        "guest_name": "" if author else wxr.author_name[:100],
        "guest_email": "" if author else _valid(wxr.author_email, validate_email),
    }


def _missing_parent(report, wxr: WxrComment, label: str) -> None:
    report.note(
        "comments",
        wxr.line,
        label,
        f"answers comment {wxr.parent_id}, which is not in the export:"
        " shown as a comment of its own",
    )


def _create_all(importer, threads: list[tuple[WxrItem, Post]]) -> None:
    """Insert new articles' comments in bulk, a generation of replies at a time."""
    report = importer.report
    # Keyed by (article, WordPress comment ID): IDs are unique within a site,
    # but a hand-made export may repeat them across articles.
    made: dict[tuple[int, int], Comment] = {}
    sources: dict[tuple[int, int], WxrComment] = {}
    generations: list[list[tuple[WxrComment, Comment]]] = []
    for item, post in threads:
        depth_of: dict[int, int] = {}
        for wxr in _threaded(item.comments):
            label = f"comment {wxr.wp_id} on “{post.title[:40]}”"
            if wxr.comment_type in ("pingback", "trackback"):
                report.count("comments", "skipped")
                continue
            fields = _fields(importer, wxr, post, label)
            if fields is None:
                continue
            depth = 0
            if wxr.parent_id:
                if wxr.parent_id in depth_of:
                    depth = depth_of[wxr.parent_id] + 1
                else:
                    _missing_parent(report, wxr, label)
            depth_of[wxr.wp_id] = depth
            comment = Comment(post=post, depth=depth, **fields)
            comment.body_html = render_comment(comment.body)
            while len(generations) <= depth:
                generations.append([])
            generations[depth].append((wxr, comment))
            sources[post.pk, wxr.wp_id] = wxr
    for generation in generations:
        for wxr, comment in generation:
            if wxr.parent_id:
                parent = made.get((comment.post_id, wxr.parent_id))
                if parent is not None:
                    comment.parent = parent
                    comment.thread_id = parent.thread_id or parent.pk
        insert_rows([comment for _wxr, comment in generation])
        for wxr, comment in generation:
            made[comment.post_id, wxr.wp_id] = comment
    insert_rows(
        [
            ImportedComment(
                source=importer.source,
                wp_id=wp_id,
                comment=comment,
                digest=_digest(sources[post_id, wp_id]),
                author_url=_valid(sources[post_id, wp_id].author_url[:500], _url),
            )
            for (post_id, wp_id), comment in made.items()
        ]
    )
    report.counts["comments"]["imported"] += len(made)


def _one_by_one(importer, item: WxrItem, post: Post, existing: dict) -> bool:
    report = importer.report
    written: dict[int, Comment] = {row.wp_id: row.comment for row in existing.values()}
    changed = False
    for wxr in _threaded(item.comments):
        label = f"comment {wxr.wp_id} on “{post.title[:40]}”"
        if wxr.comment_type in ("pingback", "trackback"):
            report.count("comments", "skipped")
            continue
        mapping = existing.get(wxr.wp_id)
        digest = _digest(wxr)
        if mapping is not None and mapping.digest == digest:
            report.count("comments", "skipped")
            continue
        try:
            with transaction.atomic():
                comment = _write(importer, wxr, post, mapping, digest, written, label)
        except Exception as error:
            logger.exception("WordPress comment at line %s", wxr.line)
            report.fail("comments", wxr.line, label, str(error))
            continue
        if comment is None:
            continue
        written[wxr.wp_id] = comment
        changed = True
        report.count("comments", "updated" if mapping else "imported")
    return changed


def _write(importer, wxr, post, mapping, digest, written, label) -> Comment | None:
    fields = _fields(importer, wxr, post, label)
    if fields is None:
        return None
    comment = mapping.comment if mapping else Comment(post=post)
    for name, value in fields.items():
        setattr(comment, name, value)
    comment.parent = None
    if wxr.parent_id:
        comment.parent = written.get(wxr.parent_id)
        if comment.parent is None:
            _missing_parent(importer.report, wxr, label)
    if comment.parent is None:
        comment.thread = None
        comment.depth = 0
    comment.save()
    if mapping is None:
        mapping = ImportedComment(source=importer.source, wp_id=wxr.wp_id)
    mapping.comment = comment
    mapping.digest = digest
    mapping.author_url = _valid(wxr.author_url[:500], _url)
    mapping.save()
    return comment
