"""JSON Feed 1.1 (jsonfeed.org) for the site, each category, tag and author.

The same articles as the RSS and Atom feeds, in the same order, with the
whole sanitized article as content_html.
"""

from django.conf import settings
from django.http import Http404, HttpRequest, JsonResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import get_language
from django.views.decorators.http import require_safe

from meridian.core.models import SiteSettings
from meridian.core.urlbuilding import absolute_url, file_url
from meridian.journal.models import Category, Post, Tag

VERSION = "https://jsonfeed.org/version/1.1"
FEED_LENGTH = 20
CONTENT_TYPE = "application/feed+json"


def _item(post: Post) -> dict:
    url = absolute_url(post.get_absolute_url())
    item = {
        "id": url,
        "url": url,
        "title": post.title,
        "content_html": post.body_html,
        "summary": post.excerpt,
        "date_published": post.published_at.isoformat() if post.published_at else None,
        "date_modified": max(post.updated_at, post.published_at).isoformat()
        if post.published_at
        else post.updated_at.isoformat(),
        "authors": [
            {
                "name": post.author.public_name,
                "url": absolute_url(
                    reverse("journal:author", args=[post.author.username])
                ),
            }
        ],
        "tags": _tags(post),
    }
    if post.featured_image is not None:
        item["image"] = file_url(post.featured_image.file.url)
    return item


def _tags(post: Post) -> list[str]:
    """Return the category's name first, then the article's tags by name.

    Readers filter on what the article is about, and the tags say that more
    closely than the one category; the category stays first as the RSS and
    Atom feeds give it.
    """
    names = [post.category.name] if post.category else []
    # .all() reads the prefetched tags from _posts(): no query per article.
    names += [tag.name for tag in post.tags.all() if tag.name not in names]
    return names


def _language() -> str:
    """Return the language the site answers in for this request.

    LocaleMiddleware has activated it; a clinic writing in German or French
    must not have its feed say "en" to readers' apps.
    """
    return get_language() or settings.LANGUAGE_CODE


def _feed(request: HttpRequest, posts, *, title: str, home: str, description=""):
    site = SiteSettings.current()
    feed = {
        "version": VERSION,
        "title": title,
        "home_page_url": absolute_url(home),
        "feed_url": absolute_url(request.path),
        "description": description or site.tagline,
        "language": _language(),
        "items": [_item(post) for post in posts[:FEED_LENGTH]],
    }
    if site.logo:
        feed["icon"] = file_url(site.logo.url)
    return JsonResponse(
        feed, content_type=CONTENT_TYPE, json_dumps_params={"ensure_ascii": False}
    )


def _posts():
    return Post.objects.for_listing().defer(None).prefetch_related("tags")


@require_safe
def site_feed(request: HttpRequest) -> JsonResponse:
    name = SiteSettings.current().name
    return _feed(request, _posts(), title=name, home="/")


@require_safe
def category_feed(request: HttpRequest, slug: str) -> JsonResponse:
    category = get_object_or_404(Category, slug=slug)
    name = SiteSettings.current().name
    return _feed(
        request,
        _posts().filter(category=category),
        title=f"{name}: {category.name}",
        home=category.get_absolute_url(),
        description=category.description,
    )


@require_safe
def tag_feed(request: HttpRequest, slug: str) -> JsonResponse:
    tag = get_object_or_404(Tag, slug=slug)
    name = SiteSettings.current().name
    return _feed(
        request,
        _posts().filter(tags=tag),
        title=f"{name}: {tag.name}",
        home=tag.get_absolute_url(),
    )


@require_safe
def author_feed(request: HttpRequest, username: str) -> JsonResponse:
    person = Post.objects.authors().filter(username=username).first()
    if person is None:
        raise Http404
    name = SiteSettings.current().name
    return _feed(
        request,
        _posts().filter(author=person),
        title=f"{name}: {person.public_name}",
        home=reverse("journal:author", args=[person.username]),
        description=person.bio,
    )
