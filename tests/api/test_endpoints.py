"""The content API over HTTP: published content only, public fields only."""

from datetime import timedelta

import pytest
from django.utils import timezone

from meridian.journal.models import Post
from tests.factories import (
    CategoryFactory,
    PageFactory,
    PostFactory,
    TagFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


def get(client, path, **headers):
    response = client.get(f"/api/v1{path}", headers=headers)
    assert response["Content-Type"].startswith("application/json"), path
    return response


def test_article_list_shows_published_articles_newest_first(client, post, author):
    older = PostFactory(author=author, published_at=timezone.now() - timedelta(days=9))
    PostFactory(author=author, status=Post.Status.DRAFT, title="A draft")
    PostFactory(author=author, published_at=timezone.now() + timedelta(days=1))

    body = get(client, "/articles").json()

    assert body["count"] == 2
    assert [item["slug"] for item in body["items"]] == [post.slug, older.slug]
    first = body["items"][0]
    assert first["title"] == "Needles, explained"
    assert first["url"] == f"http://127.0.0.1:8000{post.get_absolute_url()}"
    assert first["author"] == {
        "username": author.username,
        "name": "Mei Lin",
        "credentials": "L.Ac., Dipl. OM",
        "url": f"http://127.0.0.1:8000/author/{author.username}/",
    }
    assert first["category"]["slug"] == "treatments"
    assert [tag["slug"] for tag in first["tags"]] == ["sleep"]
    assert "body_html" not in first


def test_article_detail_has_the_sanitized_body_and_sources(client, author):
    post = PostFactory(
        author=author,
        body="Hello <script>alert(1)</script> **world**",
        sources="Sleep and needles | Journal of Things | 2021 | https://example.org/a",
    )

    body = get(client, f"/articles/{post.slug}").json()

    assert "<strong>world</strong>" in body["body_html"]
    assert "<script" not in body["body_html"]
    assert body["sources"] == [
        {
            "title": "Sleep and needles",
            "url": "https://example.org/a",
            "publisher": "Journal of Things",
            "year": "2021",
        }
    ]


@pytest.mark.parametrize(
    "state",
    [
        {"status": Post.Status.DRAFT},
        {"status": Post.Status.REVIEW},
        {"published_at": timezone.now() + timedelta(days=3)},
    ],
)
def test_unpublished_article_is_a_json_404(client, author, state):
    post = PostFactory(author=author, **state)

    response = get(client, f"/articles/{post.slug}")

    assert response.status_code == 404
    assert response.json() == {"detail": "No published article has this slug."}


def test_article_filters(client, author):
    sleep = TagFactory(slug="sleep")
    pain = CategoryFactory(slug="pain")
    other = UserFactory(username="ravi")
    tagged = PostFactory(
        author=author, published_at=timezone.now() - timedelta(days=40)
    )
    tagged.tags.add(sleep)
    in_pain = PostFactory(author=author, category=pain)
    by_ravi = PostFactory(author=other)

    def slugs(query):
        return [
            item["slug"] for item in get(client, f"/articles?{query}").json()["items"]
        ]

    assert slugs("tag=sleep") == [tagged.slug]
    assert slugs("category=pain") == [in_pain.slug]
    assert slugs("author=ravi") == [by_ravi.slug]
    month_ago = (timezone.now() - timedelta(days=30)).date().isoformat()
    assert slugs(f"published_before={month_ago}") == [tagged.slug]
    assert tagged.slug not in slugs(f"published_after={month_ago}")
    assert slugs("category=no-such-category") == []


def test_pages_categories_tags_and_authors(client, post, author):
    PageFactory(slug="about", title="About")
    PageFactory(slug="hidden", title="Hidden", published=False)
    CategoryFactory(slug="empty", name="Empty")
    TagFactory(slug="unused")
    UserFactory(username="reader")  # no article: not an author

    pages = get(client, "/pages").json()
    assert [page["slug"] for page in pages["items"]] == ["about"]
    assert "body_html" in get(client, "/pages/about").json()
    assert get(client, "/pages/hidden").status_code == 404

    categories = {
        c["slug"]: c["article_count"]
        for c in get(client, "/categories").json()["items"]
    }
    assert categories == {"treatments": 1, "empty": 0}

    tags = get(client, "/tags").json()["items"]
    assert [(t["slug"], t["article_count"]) for t in tags] == [("sleep", 1)]

    authors = get(client, "/authors").json()["items"]
    assert [a["username"] for a in authors] == [author.username]
    assert get(client, f"/authors/{author.username}").json()["article_count"] == 1
    assert get(client, "/authors/reader").status_code == 404


def test_no_personal_data_anywhere(client, post, author):
    author.email = "mei.private@example.org"
    author.first_name = "Secret"
    author.save()
    from meridian.comments.models import Comment

    Comment.objects.create(
        post=post,
        guest_name="Held Person",
        guest_email="held@example.org",
        body="Please call me on 555-0100",
        status=Comment.Status.PENDING,
    )

    everything = "".join(
        get(client, path).content.decode()
        for path in (
            "/articles",
            f"/articles/{post.slug}",
            "/authors",
            f"/authors/{author.username}",
            "/openapi.json",
        )
    )

    for secret in (
        "mei.private",
        "@example.org",
        "555-0100",
        "Held Person",
        "password",
        "is_staff",
    ):
        assert secret not in everything


def test_pagination_links_and_bounds(client, author):
    PostFactory.create_batch(5, author=author)

    first = get(client, "/articles?page_size=2").json()
    assert (first["count"], first["pages"], first["previous"]) == (5, 3, None)
    assert first["next"] == "http://127.0.0.1:8000/api/v1/articles?page_size=2&page=2"
    last = get(client, "/articles?page_size=2&page=3").json()
    assert len(last["items"]) == 1
    assert last["next"] is None


@pytest.mark.parametrize(
    ("query", "words"),
    [
        ("page=0", "page"),
        ("page=-1", "page"),
        ("page=abc", "page"),
        ("page=99999999999999999999999", "page"),
        ("page=1.5", "page"),
        ("page_size=0", "page_size"),
        ("page_size=100000", "page_size"),
        ("published_after=yesterday", "published_after"),
        ("published_after=2024-02-30", "published_after"),
        ("categroy=sleep", "Unknown query parameter(s): categroy"),
        ("page=1&page=2", "once"),
        ("tag=" + "x" * 500, "tag"),
    ],
)
def test_bad_parameters_are_a_clear_400(client, post, query, words):
    response = get(client, f"/articles?{query}")

    assert response.status_code == 400
    assert words in response.json()["detail"]


def test_a_page_past_the_last_is_a_404_that_says_how_many(client, post):
    response = get(client, "/articles?page=50")

    assert response.status_code == 404
    assert response.json() == {"detail": "Page 50 does not exist: there are 1."}


@pytest.mark.parametrize(
    ("path", "detail"),
    [
        ("/articles/no-such-article", "No published article has this slug."),
        ("/articles/" + "é" * 300, "No published article has this slug."),
        ("/pages/nope", "No published page has this slug."),
        ("/authors/nobody", "No author with published articles has this username."),
        ("/nothing-here", "No such address in this API."),
        ("/articles/x/y", "No such address in this API."),
    ],
)
def test_unknown_addresses_are_json_404s(client, path, detail):
    response = client.get(f"/api/v1{path}")

    assert response.status_code == 404
    assert response.json() == {"detail": detail}


def test_a_nul_in_the_address_is_refused_before_the_api(client):
    # The site refuses NUL characters in any path (core.middleware), API or not.
    assert client.get("/api/v1/articles/%00").status_code == 400


def test_writes_are_refused(client, post):
    response = client.post("/api/v1/articles", data={"title": "x"})
    deletion = client.delete(f"/api/v1/articles/{post.slug}")

    assert response.status_code == deletion.status_code == 405
    assert response.json() == {"detail": "This API is read-only: use GET or HEAD."}
    assert set(response["Allow"].replace(" ", "").split(",")) == {"GET", "HEAD"}


def test_openapi_description_is_served(client):
    schema = get(client, "/openapi.json").json()

    operation_ids = [
        operation["operationId"]
        for operations in schema["paths"].values()
        for operation in operations.values()
    ]
    assert len(operation_ids) == len(set(operation_ids)) == 8

    assert schema["openapi"].startswith("3.")
    assert {"/api/v1/articles", "/api/v1/articles/{slug}", "/api/v1/authors"} <= set(
        schema["paths"]
    )


def test_head_answers_like_get_without_a_body(client, post):
    assert client.head("/api/v1/articles").status_code == 200
    assert client.head("/api/v1/articles/no-such-article").status_code == 404


def test_the_root_names_the_description_and_the_collections(client):
    body = get(client, "/").json()

    assert body["openapi"] == "http://127.0.0.1:8000/api/v1/openapi.json"
    assert body["articles"] == "http://127.0.0.1:8000/api/v1/articles"


def test_pictures_in_object_storage_keep_their_own_address(
    client, post, library_image, monkeypatch
):
    from django.db.models.fields.files import FieldFile

    post.featured_image = library_image()
    post.save()
    monkeypatch.setattr(
        FieldFile, "url", property(lambda f: f"https://cdn.example/{f.name}")
    )

    picture = get(client, f"/articles/{post.slug}").json()["featured_image"]

    assert picture["url"].startswith("https://cdn.example/")
