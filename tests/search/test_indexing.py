"""The index follows the journal: every save and delete, after the commit."""

import contextlib
import io
import threading

import pytest
from django.core.management import call_command
from django.db import connection, connections, transaction
from django.test.utils import CaptureQueriesContext

from meridian.journal.publishing import publish_post, unpublish_post
from meridian.search.indexing import rebuild_index
from meridian.search.models import Document
from meridian.search.query import search
from tests.factories import PageFactory, PostFactory, TagFactory

pytestmark = pytest.mark.django_db


def found(text):
    return [result.document.title for result in search(text).results]


def test_publishing_indexes_and_unpublishing_removes_at_once(indexed):
    with indexed():
        post = PostFactory(title="Cupping explained", status="draft")
    assert found("cupping") == []
    with indexed():
        publish_post(post)
    assert found("cupping") == ["Cupping explained"]
    with indexed():
        unpublish_post(post)
    assert found("cupping") == []
    assert not Document.objects.exists()


def test_deleting_an_article_or_page_removes_it(indexed):
    with indexed():
        post = PostFactory(title="Moxibustion")
        page = PageFactory(title="Moxibustion page", slug="moxa")
    assert len(found("moxibustion")) == 2
    with indexed():
        post.delete()
        page.delete()
    assert found("moxibustion") == []


def test_edits_are_searchable_under_the_new_words(indexed):
    with indexed():
        post = PostFactory(title="Old title", body="Old words.")
    with indexed():
        post.title = "Gua sha"
        post.body = "Scraping the skin."
        post.save()
    assert found("scraping") == ["Gua sha"]
    assert found("old") == []


def test_tags_added_renamed_and_deleted_follow(indexed):
    with indexed():
        post = PostFactory(title="An article")
        tag = TagFactory(name="Insomnia", slug="insomnia")
        post.tags.add(tag)
    assert found("insomnia") == ["An article"]
    with indexed():
        tag.name = "Sleeplessness"
        tag.save()
    assert found("sleeplessness") == ["An article"]
    assert found("insomnia") == []
    with indexed():
        tag.delete()
    assert found("sleeplessness") == []


@transaction.atomic
def _save_then_fail(post, **changes):
    for name, value in changes.items():
        setattr(post, name, value)
    post.save()
    raise RuntimeError


def test_a_rolled_back_change_never_reaches_the_index(indexed):
    with indexed():
        post = PostFactory(title="Herbs")
    with indexed(), contextlib.suppress(RuntimeError):
        _save_then_fail(post, title="Rolled back")
    assert found("rolled") == []
    assert found("herbs") == ["Herbs"]


def test_control_characters_never_reach_the_index(indexed):
    with indexed():
        PostFactory(title="Odd\x02 \x03title\x07", body="Text \x02 marked")
    document = Document.objects.get()
    assert "\x02" not in document.title + document.body
    assert "\x03" not in document.title


def test_rebuild_command_indexes_what_is_published(capsys):
    # Created without the commit hooks running: the index starts empty.
    PostFactory(title="Herbal medicine")
    PostFactory(title="Herbal draft", status="draft")
    PageFactory(title="Herbal page", slug="herbal")
    assert found("herbal") == []
    call_command("search-rebuild")
    assert "Indexed 2 articles and pages" in capsys.readouterr().out
    assert sorted(found("herbal")) == ["Herbal medicine", "Herbal page"]


def test_a_rebuild_reads_articles_in_batches_not_one_by_one():
    # It reads only the columns an index row needs; a field missing from that
    # list would be loaded by a query per article.
    def queries_to_rebuild():
        with CaptureQueriesContext(connection) as captured:
            rebuild_index()
        return len(captured)

    PostFactory(title="Herbal one").tags.add(TagFactory())
    one = queries_to_rebuild()
    for number in range(5):
        PostFactory(title=f"Herbal {number}").tags.add(TagFactory())
    assert queries_to_rebuild() == one
    assert len(found("herbal")) == 6


def _rows() -> list[dict]:
    return list(
        Document.objects.order_by("pk").values(
            "kind",
            "post_id",
            "page_id",
            "url",
            "published_at",
            "author_id",
            "category_id",
            "title",
            "tags",
            "summary",
            "body",
        )
    )


def test_a_rebuild_stores_what_edits_store(indexed):
    # PostgreSQL's rebuild makes its rows in the database; they must read as
    # the rows an edit stores, address, tags and cleaned text included.
    with indexed():
        older = PostFactory(
            title="Odd\x02 title\x07",
            slug="über-schlaf",
            summary="Sleep\x1f well",
            body="Text \x02 marked\tand tabbed",
        )
        older.tags.add(TagFactory(name="Sleep"), TagFactory(name="Rest"))
        PostFactory(title="Untagged", summary="")
        PageFactory(title="About us", slug="about-us")
        PostFactory(title="Draft", status="draft")
    edited = _rows()
    assert [row["title"] for row in edited] == ["Odd  title ", "Untagged", "About us"]
    assert edited[0]["tags"] == "Rest Sleep"
    assert edited[0]["url"] == "/articles/%C3%BCber-schlaf/"
    vectors = _vectors()
    rebuild_index()
    assert _rows() == edited
    assert _vectors() == vectors


def _vectors() -> list[str]:
    """Return PostgreSQL's tsvectors in the table's order (none on SQLite)."""
    if connection.vendor != "postgresql":
        return []
    with connection.cursor() as cursor:
        cursor.execute("SELECT vector::text FROM search_document ORDER BY id")
        return [row[0] for row in cursor.fetchall()]


def test_after_a_rebuild_edits_are_indexed_again(indexed):
    post = PostFactory(title="Ginger tea")
    call_command("search-rebuild", stdout=io.StringIO())
    call_command("search-rebuild", stdout=io.StringIO())  # twice: same result
    assert found("ginger") == ["Ginger tea"]
    with indexed():
        post.title = "Mint tea"
        post.save()
    assert found("ginger") == []
    assert found("mint") == ["Mint tea"]


def test_a_changed_image_credit_is_found_in_the_articles_that_show_it(
    indexed, library_image
):
    from meridian.media.library import update_details
    from tests.media import pictures

    photo = library_image(pictures.phone_photo((900, 600), orientation=1))
    with indexed():
        PostFactory(title="The quiet room", body=f"![Room]({photo.reference_url})")
    assert found("marigold") == []
    with indexed():
        update_details(photo, alt="Room", caption="", credit="Photo: Marigold Lin")
    assert found("marigold") == ["The quiet room"]


@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="PostgreSQL works out a rebuild's vectors before it empties the index",
)
@pytest.mark.django_db(transaction=True)
def test_an_article_edited_during_a_rebuild_is_found_by_its_new_words(monkeypatch):
    from meridian.search.backends import postgres

    post = PostFactory(title="Ginger tea")  # committed: the index updates run
    staged, go_on = threading.Event(), threading.Event()
    stage_posts = postgres.stage_posts

    def paused(posts) -> int:  # the vectors are worked out, the index still whole
        count = stage_posts(posts)
        staged.set()
        go_on.wait(10)
        return count

    monkeypatch.setattr(postgres, "stage_posts", paused)

    def in_thread(work):
        def run():
            try:
                work()
            finally:
                connections.close_all()

        thread = threading.Thread(target=run)
        thread.start()
        return thread

    rebuild = in_thread(rebuild_index)
    assert staged.wait(10)
    assert found("ginger") == ["Ginger tea"]  # searches go on meanwhile

    post.title = "Mint tea"
    post.save()  # indexed at once, in the table the rebuild will empty
    go_on.set()
    rebuild.join(10)
    assert found("mint") == ["Mint tea"]
    assert found("ginger") == []  # its vector made again from its new text
