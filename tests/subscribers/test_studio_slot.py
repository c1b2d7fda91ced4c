"""The Studio's editor offers emailing the article to those who may send it."""

import pytest
from django.contrib.auth.models import Group

from meridian.studio.roles import AUTHOR, EDITOR, set_role
from meridian.subscribers.mailings import email_article
from meridian.subscribers.models import Mailing
from tests.factories import PostFactory, UserFactory
from tests.helpers import configure_site

from .conftest import make_subscriber

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _no_two_factor(db):
    configure_site(staff_require_2fa=False)


def person(role):
    someone = UserFactory()
    set_role(someone, role)
    return someone


def editor_page(client, someone, post) -> str:
    client.force_login(someone)
    response = client.get(f"/studio/articles/{post.pk}/")
    assert response.status_code == 200
    return response.content.decode()


def test_the_migration_lets_editors_email_articles():
    permissions = Group.objects.get(name="Editor").permissions
    assert permissions.filter(codename="add_mailing").exists()
    assert (
        not Group.objects.get(name="Author")
        .permissions.filter(codename="add_mailing")
        .exists()
    )


def test_an_editor_is_offered_to_email_a_published_article(client):
    editor = person(EDITOR)
    post = PostFactory(author=editor)
    make_subscriber("a@example.org")
    make_subscriber("b@example.org")

    page = editor_page(client, editor, post)

    assert "Email subscribers" in page
    assert "Not emailed yet: 2 subscribers get new articles like this one." in page
    assert f'href="/subscribe/staff/articles/{post.pk}/"' in page
    assert "Email this article to subscribers" in page
    assert client.get(f"/subscribe/staff/articles/{post.pk}/").status_code == 200


def test_after_sending_the_editor_shows_the_send_log(
    client, django_capture_on_commit_callbacks
):
    editor = person(EDITOR)
    post = PostFactory(author=editor)
    make_subscriber("a@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        email_article(post, by=editor)
    assert Mailing.objects.get(post=post).status == Mailing.Status.DONE

    page = editor_page(client, editor, post)

    assert "0 queued, 1 sent, 0 failed" in page
    assert "Send log, preview and test" in page


def test_a_draft_offers_the_preview_only(client):
    editor = person(EDITOR)
    post = PostFactory(author=editor, status="draft", published_at=None)

    page = editor_page(client, editor, post)

    assert "Once published, the article can be emailed to 0 subscribers." in page
    assert "Preview the email and send a test" in page


def test_an_author_is_not_offered_to_email(client):
    author = person(AUTHOR)
    post = PostFactory(author=author, status="draft", published_at=None)

    page = editor_page(client, author, post)

    assert "Email subscribers" not in page
    assert "/subscribe/staff/" not in page


def draft_of(someone):
    return PostFactory(
        author=someone, status="draft", published_at=None, title="New", slug="new"
    )


def publish_form(post, **choices) -> dict:
    return {
        "title": post.title,
        "body": post.body,
        "slug": post.slug,
        "tags": "",
        "comments_open": "on",
        "version": post.version,
        **choices,
    }


def test_publishing_a_draft_offers_the_email_ticked(client):
    editor = person(EDITOR)
    page = editor_page(client, editor, draft_of(editor))
    assert 'name="email_subscribers"' in page
    assert "checked" in page.split('name="email_subscribers"')[1].split(">")[0]


def test_publishing_with_the_box_ticked_queues_the_email_once(client):
    editor = person(EDITOR)
    post = draft_of(editor)
    make_subscriber("a@example.org")
    client.force_login(editor)
    response = client.post(
        f"/studio/articles/{post.pk}/",
        publish_form(post, action="publish", email_subscribers="on"),
    )
    assert response.status_code == 302
    mailing = Mailing.objects.get(post=post)
    assert mailing.kind == Mailing.Kind.ARTICLE
    assert mailing.created_by == editor
    # Unpublished and published again: never a second email on its own.
    post.refresh_from_db()
    client.post(f"/studio/articles/{post.pk}/", {"action": "unpublish"})
    post.refresh_from_db()
    client.post(
        f"/studio/articles/{post.pk}/",
        publish_form(post, action="publish", email_subscribers="on"),
    )
    assert Mailing.objects.filter(post=post).count() == 1


def test_publishing_with_the_box_cleared_sends_nothing(client):
    editor = person(EDITOR)
    post = draft_of(editor)
    client.force_login(editor)
    client.post(f"/studio/articles/{post.pk}/", publish_form(post, action="publish"))
    post.refresh_from_db()
    assert post.status == "published"
    assert not Mailing.objects.filter(post=post).exists()


def test_the_box_sent_by_someone_without_the_permission_is_ignored(client):
    editor = person(EDITOR)
    Group.objects.get(name="Editor").permissions.remove(
        *Group.objects.get(name="Editor").permissions.filter(codename="add_mailing")
    )
    post = draft_of(editor)
    client.force_login(editor)
    client.post(
        f"/studio/articles/{post.pk}/",
        publish_form(post, action="publish", email_subscribers="on"),
    )
    post.refresh_from_db()
    assert post.status == "published"
    assert not Mailing.objects.filter(post=post).exists()
