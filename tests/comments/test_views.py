"""Readers' flows at the HTTP level: comment, reply, edit, delete, permalink."""

from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone

from meridian.comments.models import Comment
from meridian.journal.models import Post
from tests.comments.conftest import approved, confirmed_reader, form_fields
from tests.factories import PostFactory, UserFactory
from tests.helpers import configure_site

pytestmark = pytest.mark.django_db
Status = Comment.Status


def test_anonymous_reader_gets_the_doors_and_no_form(client, post, site):
    html = client.get(post.get_absolute_url()).content.decode()
    assert "Leave a Comment" in html
    assert "Login to your account" in html
    assert "comment-form" not in html
    assert "csrfmiddlewaretoken" not in html  # so the page stays cacheable


def test_confirmed_reader_sees_the_form_that_says_comments_are_public(
    reader_client, post, site
):
    html = reader_client.get(post.get_absolute_url()).content.decode()
    assert 'id="comment-form"' in html
    assert "Comments are public" in html
    assert "personal health details" in html
    assert "Email me when someone replies" in html


def test_unconfirmed_reader_is_asked_to_confirm_and_cannot_post(client, post, site):
    client.force_login(UserFactory())
    html = client.get(post.get_absolute_url()).content.decode()
    assert "Please confirm your email address" in html
    response = client.post(f"/comments/post/{post.pk}/", {"body": "Hello"})
    assert response.status_code == 403
    assert Comment.objects.count() == 0


def test_first_comment_is_held_then_shown_to_its_writer_only(
    reader_client, client, post, site, send
):
    response = send(reader_client, post, "My very first comment.")
    assert response.status_code == 200
    assert "awaiting moderation" in response.content.decode()
    comment = Comment.objects.get()
    assert comment.status == Status.PENDING
    assert comment.held_reason == "first comment"
    own = reader_client.get(post.get_absolute_url()).content.decode()
    assert "My very first comment." in own
    assert "only you can see this comment" in own
    reader_client.logout()
    assert (
        "My very first comment."
        not in client.get(post.get_absolute_url()).content.decode()
    )


def test_known_reader_is_published_at_once_with_a_permalink(
    reader_client, reader, post, site, send
):
    approved(post, reader)
    response = send(reader_client, post, "Second thoughts, *emphasised*.")
    comment = Comment.objects.latest("id")
    assert comment.status == Status.APPROVED
    assert response.status_code == 302
    assert response["Location"] == f"{post.get_absolute_url()}#comment-{comment.pk}"
    html = reader_client.get(post.get_absolute_url()).content.decode()
    assert f'id="comment-{comment.pk}"' in html
    assert "<em>emphasised</em>" in html
    assert "2 comments" in html
    post.refresh_from_db()
    assert post.comment_count == 2
    assert "2 comments" in reader_client.get("/").content.decode()


def test_staff_comments_are_approved(client, post, site, send):
    staff = UserFactory(is_staff=True)
    client.force_login(staff)
    send(client, post, "From the clinic.")
    assert Comment.objects.get().status == Status.APPROVED


def test_reply_is_threaded_under_its_parent(reader_client, reader, post, site, send):
    parent = approved(post, UserFactory(display_name="Bea"), "Question?")
    approved(post, reader)
    page = reader_client.get(post.get_absolute_url()).content.decode()
    assert f'href="/comments/{parent.pk}/reply/"' in page
    reply_page = reader_client.get(f"/comments/{parent.pk}/reply/").content.decode()
    assert "Reply to Bea" in reply_page
    data = form_fields(reply_page)
    assert data["parent"] == str(parent.pk)
    response = send(reader_client, post, "An answer.", parent=parent.pk)
    assert response.status_code == 302
    reply = Comment.objects.get(body="An answer.")
    assert (reply.parent, reply.thread, reply.depth) == (parent, parent, 1)
    html = reader_client.get(post.get_absolute_url()).content.decode()
    replies = html.index('class="comment-list comment-list--replies"')
    assert html.index("Question?") < replies < html.index("An answer.")


def test_depth_limit_stops_replies_at_the_deepest_level(
    reader_client, reader, post, site, send
):
    top = approved(post, reader, "Level one")
    middle = approved(post, reader, "Level two", parent=top)
    deepest = approved(post, reader, "Level three", parent=middle)
    html = reader_client.get(post.get_absolute_url()).content.decode()
    assert f"/comments/{middle.pk}/reply/" in html
    assert f"/comments/{deepest.pk}/reply/" not in html
    response = send(reader_client, post, "Level four", parent=deepest.pk)
    assert response.status_code == 400
    assert "cannot go any deeper" in response.content.decode()
    assert "Level four" in response.content.decode()  # the text is kept


@pytest.mark.parametrize("target", ["other-article", "removed", "spam", "missing"])
def test_replies_to_unavailable_comments_are_refused_clearly(
    reader_client, reader, post, site, send, target
):
    other = PostFactory()
    parent = {
        "other-article": lambda: approved(other, reader),
        "removed": lambda: approved(post, reader, status=Status.REMOVED),
        "spam": lambda: approved(post, reader, status=Status.SPAM),
        "missing": lambda: None,
    }[target]()
    response = send(
        reader_client, post, "A reply", parent=parent.pk if parent else 999999
    )
    assert response.status_code == 400
    assert "not available on this article" in response.content.decode()
    assert not Comment.objects.filter(body="A reply").exists()


def test_comments_on_a_draft_are_not_found(reader_client, author, site):
    draft = PostFactory(author=author, status=Post.Status.DRAFT)
    response = reader_client.post(f"/comments/post/{draft.pk}/", {"body": "x"})
    assert response.status_code == 404
    assert Comment.objects.count() == 0


@pytest.mark.parametrize("how", ["article", "site", "age"])
def test_comments_close_per_article_site_or_age(
    reader_client, reader, post, site, send, how
):
    if how == "article":
        Post.objects.filter(pk=post.pk).update(comments_open=False)
    elif how == "site":
        configure_site(comments_enabled=False, comment_min_seconds=0)
    else:
        configure_site(comments_close_after_days=30, comment_min_seconds=0)
        Post.objects.filter(pk=post.pk).update(
            published_at=timezone.now() - timedelta(days=31)
        )
    post.refresh_from_db()
    html = reader_client.get(post.get_absolute_url()).content.decode()
    assert "Comments are closed on this article." in html
    assert 'id="comment-form"' not in html
    response = reader_client.post(
        f"/comments/post/{post.pk}/",
        {"body": "Late", "token": "t" * 32, "started": "x"},
    )
    assert response.status_code == 403
    assert Comment.objects.count() == 0


def test_comments_stay_open_within_the_days_allowed(reader_client, post, send):
    configure_site(comments_close_after_days=30, comment_min_seconds=0)
    send(reader_client, post, "Still open.")
    assert Comment.objects.filter(body="Still open.").exists()


def test_guests_may_comment_only_when_the_site_allows(client, post, site, send):
    response = client.post(f"/comments/post/{post.pk}/", {"body": "hi"})
    assert response.status_code == 403
    configure_site(guest_comments=True, comment_min_seconds=0)
    html = client.get(post.get_absolute_url()).content.decode()
    assert 'name="name"' in html
    assert 'name="email"' in html
    response = send(
        client, post, "A guest speaks.", name="Gus", email="gus@example.org"
    )
    assert response.status_code == 200
    comment = Comment.objects.get()
    assert (comment.guest_name, comment.status) == ("Gus", Status.PENDING)
    missing = send(client, post, "No name.", name="  ", email="")
    assert missing.status_code == 400
    assert "No name." in missing.content.decode()


def test_writer_edits_within_fifteen_minutes_only(reader_client, reader, post, site):
    comment = approved(post, reader, "Typo here.")
    response = reader_client.post(f"/comments/{comment.pk}/edit/", {"body": "Fixed."})
    assert response.status_code == 302
    comment.refresh_from_db()
    assert comment.body == "Fixed."
    assert comment.edited_at is not None
    assert "(edited)" in reader_client.get(post.get_absolute_url()).content.decode()
    with time_machine.travel(timezone.now() + timedelta(minutes=16)):
        late = reader_client.post(f"/comments/{comment.pk}/edit/", {"body": "Again"})
        assert late.status_code == 403
        assert "15 minutes" in late.content.decode()
    comment.refresh_from_db()
    assert comment.body == "Fixed."


def test_a_writer_cannot_edit_a_comment_marked_as_spam(
    reader_client, reader, post, site
):
    comment = approved(post, reader, "Cheap pills here.", status=Status.SPAM)
    assert reader_client.get(f"/comments/{comment.pk}/edit/").status_code == 403
    response = reader_client.post(
        f"/comments/{comment.pk}/edit/", {"body": "Harmless now, honest."}
    )
    assert response.status_code == 403
    comment.refresh_from_db()
    assert comment.body == "Cheap pills here."
    assert comment.status == Status.SPAM


def test_nobody_edits_or_deletes_someone_elses_comment(reader_client, post, site):
    theirs = approved(post, UserFactory())
    assert (
        reader_client.post(f"/comments/{theirs.pk}/edit/", {"body": "x"}).status_code
        == 404
    )
    assert reader_client.post(f"/comments/{theirs.pk}/delete/").status_code == 404
    assert Comment.objects.get(pk=theirs.pk).body == "Earlier words."


def test_deleting_a_comment_without_replies_removes_it(
    reader_client, reader, post, site, django_capture_on_commit_callbacks
):
    comment = approved(post, reader, "Regret this.")
    assert reader_client.get(f"/comments/{comment.pk}/delete/").status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        reader_client.post(f"/comments/{comment.pk}/delete/")
    assert not Comment.objects.filter(pk=comment.pk).exists()
    post.refresh_from_db()
    assert post.comment_count == 0


def test_deleting_a_comment_with_replies_leaves_comment_removed(
    reader_client, reader, post, site
):
    comment = approved(post, reader, "Regret this.")
    approved(post, UserFactory(), "A reply that stays.", parent=comment)
    reader_client.post(f"/comments/{comment.pk}/delete/")
    comment.refresh_from_db()
    assert comment.status == Status.REMOVED
    assert comment.body == ""
    html = reader_client.get(post.get_absolute_url()).content.decode()
    assert "Comment removed." in html
    assert "Regret this." not in html
    assert "A reply that stays." in html
    post.refresh_from_db()
    assert post.comment_count == 1


def test_permalink_finds_the_page_of_the_thread(reader_client, reader, post, site):
    comments = [approved(post, reader, f"Number {n}") for n in range(55)]
    late_reply = approved(post, reader, "Late reply", parent=comments[52])
    response = reader_client.get(f"/comments/{late_reply.pk}/")
    assert response["Location"] == (
        f"{post.get_absolute_url()}?comments-page=2#comment-{late_reply.pk}"
    )
    first = reader_client.get(post.get_absolute_url()).content.decode()
    assert "Number 49<" in first
    assert "Number 50<" not in first
    assert "Page 1 of 2" in first
    second = reader_client.get(response["Location"]).content.decode()
    assert "Number 50<" in second
    assert "Late reply" in second
    assert (
        reader_client.get(post.get_absolute_url() + "?comments-page=abc").status_code
        == 200
    )


def test_a_removed_comment_without_replies_is_not_shown(
    reader_client, reader, post, site
):
    approved(post, reader, "Gone for good.", status=Status.REMOVED)
    html = reader_client.get(post.get_absolute_url()).content.decode()
    assert "Comment removed." not in html


def test_staff_are_reminded_and_offered_the_private_reply(client, post, site):
    staff = UserFactory(is_staff=True)
    client.force_login(staff)
    html = client.get(post.get_absolute_url()).content.decode()
    assert "Do not confirm, even indirectly, that someone is or was a patient" in html
    assert "data-private-reply=" in html
    assert "?template=private#respond" in html
    prefilled = client.get(
        post.get_absolute_url() + "?template=private"
    ).content.decode()
    assert "please contact the clinic directly" in prefilled.split("<textarea")[1]
    reader = confirmed_reader()
    client.force_login(reader)
    html = client.get(post.get_absolute_url() + "?template=private").content.decode()
    assert "data-private-reply" not in html
    assert "please contact the clinic directly" not in html.split("<textarea")[1]


def test_staff_replying_to_a_comment_get_the_private_reply_too(
    client, post, reader, site
):
    comment = approved(post, reader, "Was I treated at your clinic?")
    client.force_login(UserFactory(is_staff=True))
    page = client.get(f"/comments/{comment.pk}/reply/?template=private")
    assert page.status_code == 200
    textarea = page.content.decode().split("<textarea")[1]
    assert "please contact the clinic directly" in textarea


def test_edits_and_deletions_share_the_limits_of_new_comments(
    reader_client, reader, post, site, send
):
    configure_site(comment_rate_limit="3/10m", comment_min_seconds=0)
    approved(post, reader)  # known, so the next one is published
    assert send(reader_client, post, "One.").status_code == 302
    comment = Comment.objects.get(body="One.")
    edit = f"/comments/{comment.pk}/edit/"
    assert reader_client.post(edit, {"body": "One, fixed."}).status_code == 302
    assert reader_client.post(edit, {"body": "One, again."}).status_code == 302
    refused = reader_client.post(edit, {"body": "One, once more."})
    assert refused.status_code == 429
    html = refused.content.decode()
    assert "faster than this site allows" in html
    assert "One, once more." in html  # what was typed is kept
    deleted = reader_client.post(f"/comments/{comment.pk}/delete/")
    assert deleted.status_code == 429
    assert "faster than this site allows" in deleted.content.decode()
    comment.refresh_from_db()
    assert comment.body == "One, again."
    # New comments count the edits too.
    assert send(reader_client, post, "Two.").status_code == 429
