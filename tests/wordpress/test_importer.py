"""Importing an export: what readers then see, idempotency, dry runs, bad items."""

from datetime import UTC, datetime

import pytest
from django.contrib.auth.models import Group

from meridian.accounts.models import User
from meridian.comments.models import Comment
from meridian.journal.models import Category, Page, Post, Tag
from meridian.wordpress.importer import import_wxr
from meridian.wordpress.models import ImportedComment, ImportedPost, ImportedTerm
from meridian.wordpress.wxr import WxrError
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def clinic(wxr_path):
    return wxr_path("clinic-1.2.xml")


def test_articles_read_as_they_did(clinic, client):
    report = import_wxr(clinic)
    assert report.rows()[0][:2] == ("authors", 2)
    post = Post.objects.get(slug="resting-well")
    assert post.title == "Resting well after a session"
    assert post.status == Post.Status.PUBLISHED
    assert post.published_at == datetime(2025, 11, 4, 9, 30, tzinfo=UTC)
    assert post.updated_at == datetime(2025, 11, 6, 9, 30, tzinfo=UTC)
    assert post.summary == "What to do after your visit."
    assert post.category.name == "Sleep care"
    assert list(post.tags.values_list("slug", flat=True)) == ["rest"]
    assert post.author.public_name == "Rosa Kell"
    page = client.get(post.get_absolute_url())
    assert page.status_code == 200
    text = page.content.decode()
    assert "<p>After a visit, most people feel calm.<br>" in text
    assert "if a ]]&gt; b then rest" in text
    assert "[contact-form-7 id=" in text
    assert report.unknown_shortcodes == {"contact-form-7": 1}


def test_authors_get_the_author_role_and_no_password(clinic):
    import_wxr(clinic)
    rosa = User.objects.get(email="rosa@harbour.example")
    assert not rosa.has_usable_password()
    assert rosa.is_staff
    assert not rosa.is_superuser
    assert rosa.groups.filter(name="Author").exists()
    assert Group.objects.filter(name="Author").count() == 1


def test_author_map_sends_logins_to_existing_people(clinic):
    me = UserFactory(username="rk", email="different@clinic.example")
    import_wxr(clinic, author_map={"rosa.k": me})
    assert Post.objects.get(slug="resting-well").author == me
    assert me.has_usable_password()
    assert not User.objects.filter(email="rosa@harbour.example").exists()


def test_categories_keep_their_description_and_hierarchy(clinic):
    import_wxr(clinic)
    care = Category.objects.get(slug="care")
    assert care.description == "How we look after people"
    assert ImportedTerm.objects.get(slug="sleep-care").parent_slug == "care"
    assert Tag.objects.filter(slug="rest").exists()


def test_pages_drafts_and_other_types(clinic):
    report = import_wxr(clinic)
    assert Page.objects.get(slug="visiting-us").published
    draft = Post.objects.get(title="Unfinished thoughts")
    assert draft.status == Post.Status.DRAFT
    assert draft.published_at is None
    assert draft.slug == "unfinished-thoughts"
    assert not Post.objects.filter(title="Gift voucher").exists()
    assert any("product" in str(note) for note in report.notes)


def test_each_wordpress_status_finds_its_place(wxr_path):
    report = import_wxr(wxr_path("statuses-1.2.xml"))
    assert report.failed == 0, str(report)
    posts = {post.title: post for post in Post.objects.all()}
    assert posts["Open every weekday"].status == Post.Status.PUBLISHED
    assert posts["Open every weekday"].is_public
    assert posts["Half-written notes"].status == Post.Status.DRAFT
    pending = posts["Waiting for the doctor"]
    assert pending.status == Post.Status.REVIEW
    assert Post.objects.in_review().get() == pending
    scheduled = posts["Winter hours"]
    assert scheduled.status == Post.Status.PUBLISHED
    assert scheduled.published_at == datetime(2099, 1, 5, 8, 0, tzinfo=UTC)
    assert Post.objects.scheduled().get() == scheduled
    assert not scheduled.is_public
    private = posts["Staff rota"]
    assert private.status == Post.Status.DRAFT
    notes = [note for note in report.notes if "Staff rota" in note.label]
    assert [note.reason for note in notes] == ["was private: kept as a draft"]
    assert len(report.notes) == 1  # the other statuses need no word
    assert set(Post.objects.published().values_list("title", flat=True)) == {
        "Open every weekday"
    }


def test_yoast_seo_titles_and_descriptions_come_along(wxr_path):
    import_wxr(wxr_path("statuses-1.2.xml"))
    # Yoast's own default title ("%%title%% %%sep%% %%sitename%%") is Meridian's.
    hours = Post.objects.get(title="Open every weekday")
    assert hours.seo_title == ""
    assert hours.seo_description == "Our hours, and how to reach Harbour Clinic by bus."
    pending = Post.objects.get(title="Waiting for the doctor")
    assert pending.seo_title == "Before your first visit"
    assert pending.seo_description == "What to bring & what to expect on the day."
    assert Post.objects.get(title="Staff rota").seo_title == ""


def test_a_duplicate_slug_gets_a_free_one_and_is_reported(clinic):
    report = import_wxr(clinic)
    again = Post.objects.get(title="Resting well, again")
    assert again.slug == "resting-well-2"
    assert again.comments_open is False
    assert any("resting-well-2" in str(note) for note in report.notes)


def test_comments_keep_threads_states_and_guests_but_no_addresses(clinic):
    import_wxr(clinic)
    post = Post.objects.get(slug="resting-well")
    comments = {c.guest_name or c.author.username: c for c in post.comments.all()}
    assert comments["Jun"].status == Comment.Status.APPROVED
    assert comments["Jun"].guest_email == "jun@mail.example"
    assert comments["Jun"].created_at == datetime(2025, 11, 5, 7, 0, tzinfo=UTC)
    reply = comments["rosa.k"]
    assert reply.parent == comments["Jun"]
    assert reply.depth == 1
    assert reply.author.email == "rosa@harbour.example"
    assert comments["Waiting Walt"].status == Comment.Status.PENDING
    assert comments["Cheap Pills"].status == Comment.Status.SPAM
    assert comments["Old Note"].status == Comment.Status.REMOVED
    assert comments["Lost Thread"].parent is None
    assert "Another Blog" not in comments  # pingbacks are not comments
    assert ImportedComment.objects.get(wp_id=11).author_url == "https://jun.example"
    assert not Comment.objects.filter(ip_hash__gt="").exists()
    post.refresh_from_db()
    assert post.comment_count == 3


def test_a_second_run_updates_and_never_duplicates(clinic, tmp_path):
    import_wxr(clinic)
    counts = (Post.objects.count(), Comment.objects.count(), User.objects.count())
    again = import_wxr(clinic)
    assert (
        Post.objects.count(),
        Comment.objects.count(),
        User.objects.count(),
    ) == counts
    assert {row[0]: row[1] for row in again.rows()}["posts"] == 0
    assert dict(again.counts["posts"]) == {"skipped": 3}

    changed = tmp_path / "changed.xml"
    changed.write_text(
        clinic.read_text().replace("most people feel calm", "most people feel light")
    )
    third = import_wxr(changed)
    assert third.counts["posts"]["updated"] == 1
    assert Post.objects.count() == counts[0]
    assert "feel light" in Post.objects.get(slug="resting-well").body


def test_dry_run_reports_and_writes_nothing(clinic):
    report = import_wxr(clinic, dry_run=True)
    assert report.counts["posts"]["imported"] == 3
    assert report.counts["comments"]["imported"] == 6
    assert not Post.objects.exists()
    assert not User.objects.exists()
    assert not ImportedPost.objects.exists()
    assert "Dry run" in str(report)


def test_a_file_that_is_not_wxr_is_refused_before_anything_is_written(wxr_path):
    for name in ("not-wxr.html", "not-wxr-feed.xml", "truncated.xml", "malformed.xml"):
        with pytest.raises(WxrError):
            import_wxr(wxr_path(name))
    assert not Post.objects.exists()
    assert not User.objects.exists()


def test_one_bad_item_leaves_nothing_half_written(clinic, tmp_path, monkeypatch):
    from meridian.wordpress import items

    real = items.ItemImporter._fill_post

    def failing(self, post, item, body, label):
        real(self, post, item, body, label)
        if item.wp_id == 102:
            raise RuntimeError("disk on fire")

    monkeypatch.setattr(items.ItemImporter, "_fill_post", failing)
    report = import_wxr(clinic)
    assert report.counts["posts"]["failed"] == 1
    assert "line " in str(report)
    assert "disk on fire" in str(report)
    assert not Post.objects.filter(title="Resting well, again").exists()
    assert not ImportedPost.objects.filter(wp_id=102).exists()
    assert Post.objects.filter(slug="resting-well").exists()


@pytest.mark.parametrize("name", ["classic-1.0.xml", "classic-1.1.xml"])
def test_older_exports_import_with_their_authors(wxr_path, name):
    report = import_wxr(wxr_path(name))
    post = Post.objects.get()
    assert post.category.slug == "herbs"
    assert post.tags.get().slug == "tea"
    assert post.author.username == "agnes"
    assert post.comments.get().guest_name == "Bea"
    assert report.failed == 0


@pytest.fixture
def generated(tmp_path):
    """Return a generated export: a few articles with threads of comments."""
    from bench import wordpress_export

    def write(posts: int, comments: int):
        path = tmp_path / "generated.xml"
        wordpress_export.write(path, posts, comments)
        return path

    return write


def test_one_bad_comment_fails_alone_among_the_batchs_threads(generated, monkeypatch):
    from meridian.wordpress import discussion

    real = discussion._fields

    def failing(importer, wxr, post, label):
        if wxr.wp_id == 7:
            raise RuntimeError("unreadable comment")
        return real(importer, wxr, post, label)

    monkeypatch.setattr(discussion, "_fields", failing)
    path = generated(6, 60)
    report = import_wxr(path)
    assert report.counts["comments"]["failed"] == 1
    assert "unreadable comment" in str(report)
    stored = ImportedComment.objects.count()
    assert stored == report.counts["comments"]["imported"]
    assert stored + report.counts["comments"]["skipped"] == 59
    for post in Post.objects.all():
        approved = post.comments.filter(status=Comment.Status.APPROVED).count()
        assert post.comment_count == approved


def test_imported_articles_are_searchable_and_cached_pages_forgotten(
    generated, django_capture_on_commit_callbacks
):
    from meridian.core.dependencies import EVERYTHING, versions
    from meridian.journal.dependencies import LISTINGS
    from meridian.search.models import Document
    from meridian.search.query import search

    before = versions([LISTINGS, EVERYTHING])
    with django_capture_on_commit_callbacks(execute=True):
        import_wxr(generated(12, 24))
    published = Post.objects.filter(status=Post.Status.PUBLISHED)
    assert published.exists()
    assert Document.objects.filter(post__in=published).count() == published.count()
    post = published.first()
    assert post.pk in [r.document.post_id for r in search(f'"{post.title}"').results]
    after = versions([LISTINGS, EVERYTHING])
    assert after[LISTINGS] != before[LISTINGS]
    assert after[EVERYTHING] != before[EVERYTHING]
