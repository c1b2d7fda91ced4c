"""Import an item's comments with their threads and moderation state.

Each comment is written in its own transaction. Commenters' IP addresses and user
agents are never read: a clinic keeps no more personal data than it needs.
"""

import hashlib
import logging

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator, validate_email
from django.db import transaction

from meridian.comments.models import Comment
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


def import_comments(importer, item: WxrItem, post: Post) -> None:
    """Import the comments of one article; keep its approved-comment count right."""
    report = importer.report
    existing = {
        row.wp_id: row
        for row in ImportedComment.objects.filter(
            source=importer.source, comment__post=post
        ).select_related("comment")
    }
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
    if changed:
        Post.objects.filter(pk=post.pk).update(
            comment_count=Comment.objects.filter(
                post=post, status=Comment.Status.APPROVED
            ).count()
        )


def _write(importer, wxr, post, mapping, digest, written, label) -> Comment | None:
    report = importer.report
    # A Meridian export carries each comment's own Markdown.
    body = wxr.meta.get("_meridian_markdown") or convert_comment(wxr.content)
    if not body.strip():
        report.skip("comments", wxr.line, label, "the comment is empty")
        return None
    comment = mapping.comment if mapping else Comment(post=post)
    comment.body = body
    comment.status = STATUS.get(wxr.approved, Comment.Status.PENDING)
    comment.created_at = dates.best(wxr.date_gmt, wxr.date) or post.published_at
    if comment.created_at is None:
        report.note("comments", wxr.line, label, "no usable date: dated today")
        comment.created_at = post.created_at
    author = importer.authors.by_wp_id.get(wxr.user_id) if wxr.user_id else None
    comment.author = author
    comment.guest_name = "" if author else wxr.author_name[:100]
    comment.guest_email = "" if author else _valid(wxr.author_email, validate_email)
    comment.parent = None
    if wxr.parent_id:
        comment.parent = written.get(wxr.parent_id)
        if comment.parent is None:
            report.note(
                "comments",
                wxr.line,
                label,
                f"answers comment {wxr.parent_id}, which is not in the export:"
                " shown as a comment of its own",
            )
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
