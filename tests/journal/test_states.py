from datetime import timedelta

import pytest
from django.utils import timezone

from meridian.journal.models import Post
from tests.factories import PostFactory, UserFactory
from tests.helpers import configure_site

pytestmark = pytest.mark.django_db


def test_a_future_dated_article_is_scheduled_not_published():
    post = PostFactory(published_at=timezone.now() + timedelta(days=2))
    assert post.state == "scheduled"
    assert post.state_label.startswith("Scheduled for ")
    assert "Published" not in post.state_label
    assert list(Post.objects.scheduled()) == [post]
    assert not Post.objects.published().exists()


def test_each_state_has_its_label():
    assert PostFactory().state_label == "Published"
    assert PostFactory(status=Post.Status.DRAFT).state_label == "Draft"
    assert PostFactory(status=Post.Status.REVIEW).state_label == "In review"


def test_the_admin_lists_a_scheduled_article_as_scheduled(client):
    PostFactory(title="Coming soon", published_at=timezone.now() + timedelta(days=2))
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    configure_site(staff_require_2fa=False)
    page = client.get("/admin/journal/post/").content.decode()
    assert "Scheduled for" in page


def test_a_medical_review_is_due_when_old_or_when_the_text_changed_after_it():
    today = timezone.localdate()
    fresh = PostFactory(reviewed_by="Dr. A", last_reviewed=today)
    old = PostFactory(reviewed_by="Dr. A", last_reviewed=today - timedelta(days=400))
    changed = PostFactory(reviewed_by="Dr. A", last_reviewed=today - timedelta(days=3))
    PostFactory()  # never reviewed: not a health article
    Post.objects.filter(pk=fresh.pk).update(
        body_changed_at=timezone.now() - timedelta(days=1)
    )
    Post.objects.filter(pk=old.pk).update(
        body_changed_at=timezone.now() - timedelta(days=500)
    )
    assert set(Post.objects.review_due(12)) == {old, changed}
    assert set(Post.objects.review_due(24)) == {changed}


def test_sources_are_structured_references_read_as_numbered_list(client):
    post = PostFactory(
        sources=(
            "Acupuncture for chronic pain | Cochrane Library | 2020 | "
            "https://example.org/review\n"
            "Sleep hygiene | https://example.org/sleep\n"
            "A book without an address | Clinic Press | 1999\n"
        )
    )
    first, second, third = post.source_list()
    assert first.publisher == "Cochrane Library"
    assert first.year == "2020"
    assert second.url == "https://example.org/sleep"
    assert third.url == ""
    page = client.get(post.get_absolute_url()).content.decode()
    assert (
        '<a href="https://example.org/review" rel="noopener noreferrer">'
        "Acupuncture for chronic pain</a>. Cochrane Library, 2020.</li>"
    ) in page
    assert "A book without an address. Clinic Press, 1999.</li>" in page
