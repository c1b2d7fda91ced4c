"""The results page and the OpenSearch description."""

from django.core.cache import cache
from django.db.models import Exists, OuterRef
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from meridian.accounts.dependencies import PEOPLE
from meridian.core import dependencies
from meridian.core.models import SiteSettings
from meridian.journal.dependencies import LISTINGS
from meridian.journal.models import Category, Post, Tag

from . import links
from .filters import Filters
from .query import search

LATEST = 5


@require_safe
def results(request: HttpRequest) -> HttpResponse:
    text = request.GET.get("q", "")
    filters = Filters.from_query(request.GET)
    page = search(text, links.page_number(request.GET), filters)
    context = {
        "search": page,
        "search_text": page.text,
        "filters": filters,
        "choices": _filter_choices(),
        "removable": [
            (name, value, "?" + links.query_string(text, filters.without(name)))
            for name, value in filters.items()
        ],
    }
    if page.has_previous:
        context["previous_url"] = "?" + links.query_string(
            text, filters, page.previous_page_number
        )
    if page.has_next:
        context["next_url"] = "?" + links.query_string(
            text, filters, page.next_page_number
        )
    if page.total and not page.results:  # a page past the last
        context["first_page_query"] = links.query_string(text, filters)
    if not page.results:
        context["latest"] = list(Post.objects.for_listing()[:LATEST])
    if page.busy:
        # Rebuilt by `meridian search-rebuild`: a minute or two.
        response = render(request, "search/results.html", context, status=503)
        response["Retry-After"] = "60"
        return response
    return render(request, "search/results.html", context)


def _filter_choices() -> dict[str, list]:
    """Return what each filter offers, computed once per change to the lists."""
    shown = dependencies.versions([LISTINGS, PEOPLE])
    key = f"search:choices:{shown[LISTINGS]}:{shown[PEOPLE]}"
    choices = cache.get(key)
    if choices is None:
        published = Post.objects.published()
        choices = {
            "categories": list(
                Category.objects.filter(
                    Exists(published.filter(category=OuterRef("pk")))
                ).values_list("slug", "name")
            ),
            "tags": list(
                Tag.objects.filter(
                    Exists(published.filter(tags=OuterRef("pk")))
                ).values_list("slug", "name")
            ),
            "authors": [
                (person.username, person.public_name)
                for person in Post.objects.authors().order_by("display_name")
            ],
            "years": [
                day.year
                for day in published.dates("published_at", "year", order="DESC")
            ],
        }
        # A minute, like the page cache: a scheduled article's year or
        # category appears soon after it goes live.
        cache.set(key, choices, 60)
    return choices


@require_safe
def opensearch(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "search/opensearch.xml",
        {"site": SiteSettings.current()},
        content_type="application/opensearchdescription+xml",
    )
