from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from meridian.journal.models import Post, Redirect
from meridian.journal.redirects import remember_move
from tests.factories import PageFactory, PostFactory

pytestmark = pytest.mark.django_db


def rename(item, slug):
    item.slug = slug
    item.save()


def test_a_published_article_keeps_its_old_address_after_a_rename():
    post = PostFactory(slug="needles-explained")
    rename(post, "needles-gently-explained")
    response = Client().get("/articles/needles-explained/")
    assert response.status_code == 301
    assert response["Location"] == "/articles/needles-gently-explained/"
    assert Client().get(response["Location"]).status_code == 200


def test_a_draft_or_scheduled_article_leaves_no_redirect():
    draft = PostFactory(slug="draft-one", status=Post.Status.DRAFT)
    scheduled = PostFactory(
        slug="later-one", published_at=timezone.now() + timedelta(days=1)
    )
    rename(draft, "draft-two")
    rename(scheduled, "later-two")
    assert not Redirect.objects.exists()
    assert Client().get("/articles/draft-one/").status_code == 404


def test_renaming_twice_leads_straight_to_the_newest_address():
    post = PostFactory(slug="first")
    rename(post, "second")
    rename(post, "third")
    assert Client().get("/articles/first/")["Location"] == "/articles/third/"
    assert Client().get("/articles/second/")["Location"] == "/articles/third/"


def test_renaming_back_takes_the_address_out_of_the_table():
    post = PostFactory(slug="first")
    rename(post, "second")
    rename(post, "first")
    assert Client().get("/articles/first/").status_code == 200
    assert Client().get("/articles/second/")["Location"] == "/articles/first/"
    assert not Redirect.objects.filter(old_path="/articles/first/").exists()


def test_a_published_page_keeps_its_old_address_after_a_rename():
    page = PageFactory(slug="about")
    rename(page, "about-us")
    assert Client().get("/about/")["Location"] == "/about-us/"


def test_an_old_address_with_a_query_string_is_redirected_before_the_view():
    # WordPress's /?p=12 would otherwise be the index page.
    post = PostFactory(slug="imported")
    remember_move("/?p=12", post.get_absolute_url())
    response = Client().get("/?p=12")
    assert response.status_code == 301
    assert response["Location"] == "/articles/imported/"
    assert Client().get("/?page=1").status_code == 200
    assert Client().get("/?p=13").status_code == 200


def test_a_live_address_is_never_redirected_away():
    PostFactory(slug="alive")
    Redirect.objects.create(old_path="/articles/alive/", new_path="/elsewhere/")
    assert Client().get("/articles/alive/").status_code == 200


def test_an_unknown_address_is_still_a_404():
    assert Client().get("/articles/nothing-here/").status_code == 404
    assert Client().get("/articles/nothing-here/?x=" + "y" * 3000).status_code == 404
