"""Comments in the personal-data export and erasure of the core registry."""

import pytest

from meridian.comments.models import Comment
from meridian.core.privacy import erase_user_data, export_user_data
from meridian.journal.models import Post
from tests.factories import UserFactory
from tests.helpers import configure_site

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


def test_erase_deletes_and_keeps_the_thread_shape(conversation, reader, post):
    configure_site(comment_erasure="erase")
    erase_user_data(reader)
    left = {c.body: c for c in Comment.objects.all()}
    assert set(left) == {"", "An answer"}
    placeholder = left[""]
    assert placeholder.status == Status.REMOVED
    assert placeholder.author is None
    post.refresh_from_db()
    assert post.comment_count == 1


def test_anonymise_keeps_the_text_without_the_person(conversation, reader):
    configure_site(comment_erasure="anonymise")
    erase_user_data(reader)
    assert Comment.objects.filter(author=reader).count() == 0
    assert not Comment.objects.filter(guest_email__iexact=reader.email).exists()
    assert Comment.objects.filter(body="Mine, alone", author=None).exists()


@pytest.mark.parametrize(
    ("policy", "explanation"),
    [
        ("anonymise", "your name is removed from them"),
        ("erase", "Every comment you have written on this site is deleted."),
    ],
)
def test_the_data_page_explains_what_happens_to_comments(
    reader_client, policy, explanation
):
    configure_site(comment_erasure=policy)
    html = reader_client.get("/accounts/profile/delete/").content.decode()
    assert "Every comment you have written here" in html
    assert explanation in html
