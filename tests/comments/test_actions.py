import pytest

from meridian.comments import actions
from meridian.comments.models import Comment

pytestmark = pytest.mark.django_db
Status = Comment.Status


def test_a_late_edit_does_not_undo_a_moderators_spam_verdict(post, reader, site):
    comment = Comment.objects.create(
        post=post, author=reader, body="Original", status=Status.APPROVED
    )
    type(post).objects.filter(pk=post.pk).update(comment_count=1)
    writer_copy = Comment.objects.get(pk=comment.pk)  # loaded before the verdict
    actions.mark_spam(comment.pk)
    actions.edit_comment(writer_copy, "Edited text")
    comment.refresh_from_db()
    post.refresh_from_db()
    assert comment.status == Status.SPAM
    assert comment.body == "Edited text"
    assert post.comment_count == 0


def test_an_edit_that_the_policy_would_hold_goes_back_to_moderation(post, reader, site):
    comment = Comment.objects.create(
        post=post, author=reader, body="Fine", status=Status.APPROVED
    )
    type(post).objects.filter(pk=post.pk).update(comment_count=1)
    notice = actions.edit_comment(comment, "Call me on 555-0100 123 4567 please")
    assert comment.status == Status.PENDING
    assert notice
    post.refresh_from_db()
    assert post.comment_count == 0


def test_spam_replies_do_not_keep_a_deleted_comments_place(post, reader, site):
    comment = Comment.objects.create(
        post=post, author=reader, body="Regret this.", status=Status.APPROVED
    )
    Comment.objects.create(
        post=post,
        parent=comment,
        guest_name="Bot",
        guest_email="bot@example.com",
        body="Cheap pills.",
        status=Status.SPAM,
    )
    actions.delete_comment(comment)
    assert not Comment.objects.filter(pk=comment.pk).exists()
