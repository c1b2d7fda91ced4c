"""The old site's addresses answer with a 301 to where the content lives now."""

import pytest

from meridian.journal.models import Redirect
from meridian.wordpress.addresses import wp_nicename
from meridian.wordpress.importer import import_wxr

pytestmark = pytest.mark.django_db


@pytest.fixture
def imported(wxr_path):
    return import_wxr(wxr_path("clinic-1.2.xml"))


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("/?p=101", "/articles/resting-well/"),
        ("/2025/11/04/resting-well/", "/articles/resting-well/"),
        ("/2025/12/01/resting-well-2/", "/articles/resting-well-2/"),
        ("/resting-well/", "/articles/resting-well/"),
        ("/2025/11/04/resting-well/feed/", "/articles/resting-well/comments/feed/"),
        ("/2025/11/04/", "/2025/11/"),
        ("/?page_id=7", "/visiting-us/"),
        ("/category/care/sleep-care/", "/category/sleep-care/"),
        ("/?cat=5", "/category/sleep-care/"),
        ("/?tag=rest", "/tag/rest/"),
        ("/author/rosa-k/", "/author/rosa.k/"),
        ("/?author=2", "/author/rosa.k/"),
        ("/?feed=rss2", "/feed/"),
    ],
)
def test_old_addresses_answer_301(imported, client, old, new):
    response = client.get(old)
    assert response.status_code == 301
    assert response["Location"] == new


def test_addresses_that_did_not_move_answer_themselves(imported, client):
    assert client.get("/tag/rest/").status_code == 200
    assert client.get("/feed/").status_code == 200
    assert client.get("/visiting-us/").status_code == 200
    assert not Redirect.objects.filter(old_path="/tag/rest/").exists()


def test_a_second_run_keeps_one_row_per_address(imported, wxr_path):
    rows = Redirect.objects.count()
    import_wxr(wxr_path("clinic-1.2.xml"))
    assert Redirect.objects.count() == rows
    assert imported.redirects >= rows - 7  # the feed rows are shared


def test_author_slugs_follow_wordpress():
    assert wp_nicename("Rosa.K") == "rosa-k"
    assert wp_nicename("mei lin@clinic") == "mei-linclinic"
