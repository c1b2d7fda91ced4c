"""Comments in the personal-data export and erasure of the core registry."""

import pytest

from meridian.comments.models import Comment
from meridian.core.privacy import erase_user_data, export_user_data
from meridian.journal.models import Post
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db
Status = Comment.Status


@pytest.fixture
def conversation(post, reader):
    mine = Comment.objects.create(
        post=post, author=reader, body="Mine, answered", status=Status.APPROVED
    )
    Comment.objects.create(
        post=post,
        author=UserFactory(),
        body="An answer",
        status=Status.APPROVED,
        parent=mine,
    )
    Comment.objects.create(
        post=post, author=reader, body="Mine, alone", status=Status.APPROVED
    )
    Comment.objects.create(
        post=post,
        guest_name="Ada",
        guest_email=reader.email.upper(),
        body="Mine as a guest",
        status=Status.PENDING,
    )
    Post.objects.filter(pk=post.pk).update(comment_count=3)
    return mine


def test_export_lists_the_persons_comments(conversation, reader):
    exported = export_user_data(reader)["comments"]
    assert [c["text"] for c in exported] == [
        "Mine, answered",
        "Mine, alone",
        "Mine as a guest",
    ]
    assert exported[0]["article"] == "Needles, explained"


def test_export_holds_names_guest_comments_and_address_fingerprints(
    conversation, reader
):
    Comment.objects.filter(body="Mine as a guest").update(ip_hash="a1b2c3")
    exported = {c["text"]: c for c in export_user_data(reader)["comments"]}
    guest = exported["Mine as a guest"]
    assert guest["name"] == "Ada"
    assert guest["guest_email"] == reader.email.upper()
    assert guest["address_fingerprint"] == "a1b2c3"
    assert exported["Mine, alone"]["name"] == reader.public_name


def test_erase_deletes_and_keeps_the_thread_shape(conversation, reader, post):
    erase_user_data(reader, "erase")
    left = {c.body: c for c in Comment.objects.all()}
    assert set(left) == {"", "An answer"}
    placeholder = left[""]
    assert placeholder.status == Status.REMOVED
    assert placeholder.author is None
    post.refresh_from_db()
    assert post.comment_count == 1


def test_anonymise_keeps_the_text_without_the_person(conversation, reader):
    erase_user_data(reader, "anonymise")
    assert Comment.objects.filter(author=reader).count() == 0
    assert not Comment.objects.filter(guest_email__iexact=reader.email).exists()
    kept = Comment.objects.get(body="Mine, alone", author=None)
    # As the account page promises: not "Anonymous".
    assert kept.name == "A former reader"


def test_a_deleted_accounts_held_comments_leave_the_moderation_queue(
    client, conversation, reader, post
):
    from tests.comments.conftest import configure_site

    configure_site(staff_require_2fa=False)
    Comment.objects.create(
        post=post, author=reader, body="Call me on 0412 345 678", status=Status.PENDING
    )
    erase_user_data(reader, "anonymise")
    assert not Comment.objects.filter(body__startswith="Call me").exists()
    assert not Comment.objects.filter(body="Mine as a guest").exists()
    moderator = UserFactory(is_staff=True, is_superuser=True)
    client.force_login(moderator)
    queue = client.get("/comments/moderation/").content.decode()
    assert "Call me" not in queue
    assert "Mine as a guest" not in queue


def test_fingerprints_older_than_the_sites_retention_are_dropped(post, reader):
    from datetime import timedelta

    from django.utils import timezone

    from meridian.core.retention import prune_now
    from tests.comments.conftest import configure_site

    now = timezone.now()
    for days, body in ((40, "old"), (10, "recent")):
        Comment.objects.create(
            post=post,
            author=reader,
            body=body,
            ip_hash=f"hash-{body}",
            created_at=now - timedelta(days=days),
        )
    assert prune_now()["address_fingerprints"] == 1
    assert dict(Comment.objects.values_list("body", "ip_hash")) == {
        "old": "",
        "recent": "hash-recent",
    }
    configure_site(fingerprint_retention_days=7)
    prune_now()
    assert not Comment.objects.exclude(ip_hash="").exists()
