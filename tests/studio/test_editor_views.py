"""The writing screen over HTTP: saving, autosave, conflicts and bad input."""

import pytest
from django.test import Client

from meridian.core.dependencies import EVERYTHING, versions
from meridian.journal.models import Post, Revision
from tests.factories import CategoryFactory, PostFactory

from .conftest import edit_url, form

pytestmark = pytest.mark.django_db(transaction=False)


@pytest.fixture
def draft(writer):
    return PostFactory(
        author=writer,
        title="Sleep and needles",
        slug="sleep-and-needles",
        body="First words.",
        status=Post.Status.DRAFT,
        published_at=None,
    )


def test_new_article_starts_a_draft_and_opens_the_writing_form(as_person, writer):
    client = as_person(writer)
    response = client.post("/studio/articles/new/")
    post = Post.objects.get(author=writer)
    assert response["Location"] == edit_url(post)
    assert post.status == Post.Status.DRAFT
    page = client.get(edit_url(post)).content.decode()
    assert 'name="title"' in page
    assert 'name="body"' in page
    assert "studio-editor.js" in page


def test_a_new_article_gets_its_address_from_its_title(as_person, writer):
    client = as_person(writer)
    client.post("/studio/articles/new/")
    post = Post.objects.get(author=writer)
    client.post(edit_url(post), form(post, title="Cupping, gently", body="Hi."))
    post.refresh_from_db()
    assert post.slug == "cupping-gently"
    assert post.title == "Cupping, gently"


def test_saving_keeps_a_revision_and_bumps_the_version(as_person, writer, draft):
    client = as_person(writer)
    category = CategoryFactory(name="Sleep")
    response = client.post(
        edit_url(draft),
        form(
            draft,
            body="New words.",
            category=category.pk,
            tags="Sleep, Rest",
            seo_title="Sleep better",
        ),
    )
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.body == "New words."
    assert draft.version == 2
    assert draft.seo_title == "Sleep better"
    assert sorted(draft.tags.values_list("name", flat=True)) == ["Rest", "Sleep"]
    revision = draft.revisions.get(kind=Revision.Kind.SAVED)
    assert revision.author == writer
    assert revision.body == "New words."
    assert "body" in revision.changed


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"title": "   "}, "Give the article a title"),
        ({"slug": "taken"}, "already used by the article “Someone else’s”"),
        ({"body": "x" * 200_001}, "the most an article may hold is 200,000"),
        ({"last_reviewed": "2025-02-31"}, "Enter a valid date"),
    ],
    ids=["empty-title", "slug-taken", "body-too-long", "impossible-date"],
)
def test_bad_input_is_explained_and_the_typed_text_kept(
    as_person, editor, draft, changes, message
):
    PostFactory(slug="taken", title="Someone else’s")
    typed = "Words I must not lose."
    data = form(draft, **{"body": typed, **changes})
    response = as_person(editor).post(edit_url(draft), data)
    assert response.status_code == 400
    page = response.content.decode()
    assert message in page
    assert (changes.get("body") or typed)[:200] in page
    assert "Your text is kept" in page
    draft.refresh_from_db()
    assert draft.body == "First words."


def test_an_impossible_schedule_date_is_explained(as_person, editor, draft):
    data = form(draft, action="schedule", publish_at="2025-02-30T10:00", body="Kept")
    response = as_person(editor).post(edit_url(draft), data)
    assert response.status_code == 400
    assert "not a date and time that exists" in response.content.decode()
    assert "Kept" in response.content.decode()


def test_raw_html_in_markdown_is_shown_as_text_in_the_preview(as_person, writer, draft):
    response = as_person(writer).post(
        edit_url(draft) + "preview/",
        {"title": "T", "body": "Hello <script>alert(1)</script> <b>bold</b>"},
    )
    html = response.json()["html"]
    assert "<script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "&lt;b&gt;bold&lt;/b&gt;" in html


def test_the_preview_is_the_readers_rendering_and_warns_of_foreign_images(
    as_person, writer, draft
):
    body = (
        "## Breathing\n\nSlowly.[^1]\n\n"
        "![A lake](https://elsewhere.example/a.jpg)\n\n[^1]: A note."
    )
    answer = (
        as_person(writer)
        .post(edit_url(draft) + "preview/", {"title": "Calm", "body": body})
        .json()
    )
    assert '<h2 id="breathing">Breathing</h2>' in answer["html"]
    assert 'class="article__title">Calm<' in answer["html"]
    assert "footnote" in answer["html"]
    assert answer["words"] >= 4
    assert answer["minutes"] == 1
    assert "https://elsewhere.example/a.jpg" in answer["warnings"][0]
    assert "another site" in answer["warnings"][0]


def test_the_preview_works_without_javascript(as_person, writer, draft):
    response = as_person(writer).post(
        edit_url(draft), form(draft, action="preview", body="## Seen first")
    )
    assert response.status_code == 200
    assert '<h2 id="seen-first">Seen first</h2>' in response.content.decode()
    draft.refresh_from_db()
    assert draft.body == "First words."


def test_autosave_keeps_the_text_without_touching_the_article(as_person, writer, draft):
    client = as_person(writer)
    version = versions([EVERYTHING])
    response = client.post(
        edit_url(draft) + "autosave/",
        {"title": draft.title, "body": "Typed, never saved.", "version": 1},
    )
    assert response.status_code == 200
    assert response.json()["state"] == "saved"
    draft.refresh_from_db()
    assert draft.body == "First words."
    autosave = Revision.objects.get(post=draft, kind=Revision.Kind.AUTOSAVE)
    assert autosave.body == "Typed, never saved."
    # A second autosave overwrites the first: one row per article and person.
    client.post(edit_url(draft) + "autosave/", {"body": "More", "version": 1})
    assert Revision.objects.filter(post=draft, kind="autosave").count() == 1
    assert versions([EVERYTHING]) == version


def test_reopening_offers_the_newer_autosaved_text(as_person, writer, draft):
    client = as_person(writer)
    client.post(
        edit_url(draft) + "autosave/",
        {"title": draft.title, "body": "Typed before the tab closed.", "version": 1},
    )
    page = client.get(edit_url(draft)).content.decode()
    assert "Typed before the tab closed." in page
    assert "Your unsaved changes from" in page
    client.post(edit_url(draft) + "discard/")
    page = client.get(edit_url(draft)).content.decode()
    assert "Typed before the tab closed." not in page


def test_a_published_article_autosaves_to_pending_and_readers_see_the_old_text(
    as_person, editor, writer
):
    post = PostFactory(author=writer, body="What readers read.")
    client = as_person(editor)
    client.post(
        edit_url(post) + "autosave/",
        {"title": post.title, "body": "Pending words.", "version": post.version},
    )
    assert (
        "What readers read." in Client().get(post.get_absolute_url()).content.decode()
    )
    assert "Pending words." in client.get(edit_url(post)).content.decode()
    client.post(edit_url(post), form(post, body="Pending words."))
    assert "Pending words." in Client().get(post.get_absolute_url()).content.decode()


def test_an_author_cannot_update_a_published_article_but_keeps_the_changes(
    as_person, writer
):
    post = PostFactory(author=writer, body="What readers read.")
    response = as_person(writer).post(edit_url(post), form(post, body="Mine."))
    assert response.status_code == 302
    post.refresh_from_db()
    assert post.body == "What readers read."
    assert Revision.objects.get(post=post, kind="autosave").body == "Mine."


def test_a_save_from_an_older_version_shows_both_texts(
    as_person, writer, editor, draft
):
    stale = form(draft, body="The author's words.")
    as_person(editor).post(edit_url(draft), form(draft, body="The editor's words."))
    client = as_person(writer)
    response = client.post(edit_url(draft), stale)
    assert response.status_code == 409
    page = response.content.decode()
    assert "The author&#x27;s words." in page
    assert "The editor&#x27;s words." in page
    assert "Samuel Okafor saved a newer version" in page
    draft.refresh_from_db()
    assert draft.body == "The editor's words."
    # Choosing "keep mine" sends the current version: the save goes through.
    response = client.post(edit_url(draft), form(draft, body="The author's words."))
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.body == "The author's words."


def test_two_people_editing_are_told_of_each_other(as_person, writer, editor, draft):
    as_person(writer).get(edit_url(draft))
    other = Client()
    other.force_login(editor)
    page = other.get(edit_url(draft)).content.decode()
    assert "Also editing this article: Mei Lin" in page
    answer = as_person(writer).post(edit_url(draft) + "autosave/", {"version": 1})
    assert answer.json()["others"] == ["Samuel Okafor"]


def test_an_expired_session_keeps_the_text_until_the_writer_signs_in_again(
    client, writer, draft
):
    client.force_login(writer)
    client.logout()
    typed = form(draft, body="Written while the session ran out.")
    response = client.post(edit_url(draft), typed)
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")
    assert client.post(edit_url(draft) + "autosave/", typed).status_code == 401
    client.force_login(writer)
    page = client.get(edit_url(draft)).content.decode()
    assert "Written while the session ran out." in page
    assert "You were signed out while writing" in page
    assert client.post(edit_url(draft), typed).status_code == 302
    draft.refresh_from_db()
    assert draft.body == "Written while the session ran out."
