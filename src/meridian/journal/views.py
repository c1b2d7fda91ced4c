"""Reader pages: the index, articles, archives and static pages."""

from datetime import datetime

from django.core.paginator import InvalidPage, Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from meridian.core.models import SiteSettings

from . import lookups, related
from .models import Category, Page, Post, Tag


class _CountedPaginator(Paginator):
    """A paginator told how many there are (kept between changes), not asking."""

    def __init__(self, object_list, per_page: int, count: int) -> None:
        super().__init__(object_list, per_page)
        self._told_count = count

    @cached_property
    def count(self) -> int:
        return self._told_count


def _paginate(request: HttpRequest, posts):
    paginator = _CountedPaginator(
        posts,
        SiteSettings.current().posts_per_page or 10,
        lookups.listing_count(request.path, posts),
    )
    try:
        return paginator.page(request.GET.get("page") or 1)
    except InvalidPage as error:
        raise Http404(_("There is no such page.")) from error


def _may_preview(request: HttpRequest, permission: str) -> bool:
    """Return whether an editor may see what readers cannot yet, where they will."""
    # The admin's "View on site" leads here for drafts too.
    return request.user.is_staff and request.user.has_perm(permission)


def _feeds(rss: str, atom: str, *args: str) -> dict[str, str]:
    return {"rss": reverse(rss, args=args), "atom": reverse(atom, args=args)}


def _listing(
    request, posts, *, title, heading=None, description="", feed=None, obj=None
):
    page = _paginate(request, posts)
    return render(
        request,
        "journal/post_list.html",
        {
            "page_obj": page,
            "posts": page.object_list,
            "title": title,
            "heading": heading or title,
            "description": description,
            "feed": feed,
            "archive_object": obj,
        },
    )


@require_safe
def index(request: HttpRequest) -> HttpResponse:
    site = SiteSettings.current()
    # No feed of its own: every page's head and footer link the site's feeds.
    return _listing(
        request,
        Post.objects.for_listing(),
        title=site.tagline or site.name,
        heading=_("Blog & Journal"),
    )


@require_safe
def category(request: HttpRequest, slug: str) -> HttpResponse:
    obj = get_object_or_404(Category, slug=slug)
    return _listing(
        request,
        Post.objects.for_listing().filter(category=obj),
        title=obj.name,
        description=obj.description,
        feed=_feeds("journal:category_feed", "journal:category_feed_atom", obj.slug),
        obj=obj,
    )


@require_safe
def tag(request: HttpRequest, slug: str) -> HttpResponse:
    obj = get_object_or_404(Tag, slug=slug)
    return _listing(
        request,
        Post.objects.for_listing().filter(tags=obj),
        title=_("Tagged “%(tag)s”") % {"tag": obj.name},
        feed=_feeds("journal:tag_feed", "journal:tag_feed_atom", obj.slug),
        obj=obj,
    )


@require_safe
def author(request: HttpRequest, username: str) -> HttpResponse:
    person = get_object_or_404(Post.objects.authors(), username=username)
    return _listing(
        request,
        Post.objects.for_listing().filter(author=person),
        title=_("Articles by %(name)s") % {"name": person.public_name},
        description=person.bio,
        feed=_feeds("journal:author_feed", "journal:author_feed_atom", person.username),
        obj=person,
    )


@require_safe
def month(request: HttpRequest, year: int, month: int) -> HttpResponse:
    # The end of December 9999 would be in year 10000, which datetime refuses.
    if not (1 <= month <= 12 and 1900 <= year < 9999):
        raise Http404(_("There is no such month."))
    tz = timezone.get_current_timezone()
    start = datetime(year, month, 1, tzinfo=tz)
    end = datetime(year + (month == 12), month % 12 + 1, 1, tzinfo=tz)
    posts = Post.objects.for_listing().filter(
        published_at__gte=start, published_at__lt=end
    )
    return _listing(
        request,
        posts,
        title=_("Articles from %(month)s")
        % {"month": date_format(start, "YEAR_MONTH_FORMAT")},
    )


@require_safe
def post_detail(request: HttpRequest, slug: str) -> HttpResponse:
    if _may_preview(request, "journal.view_post"):
        post = get_object_or_404(lookups.article_query(), slug=slug)
    else:
        # Kept in the worker between changes to what it carries (lookups.py).
        # Its picture's renditions are loaded only when a fragment showing it
        # is rendered (media.markup), not on every request.
        found = lookups.published_post(slug)
        if found is None:
            raise Http404(_("There is no such article."))
        post = found
    response = render(
        request,
        "journal/post_detail.html",
        {"post": post, "neighbours": related.Neighbours(post)},
    )
    if not post.is_public:
        response["X-Robots-Tag"] = "noindex"
    return response


@require_safe
def page_detail(request: HttpRequest, slug: str) -> HttpResponse:
    pages = Page.objects.all()
    if not _may_preview(request, "journal.view_page"):
        pages = pages.published()
    page = get_object_or_404(pages, slug=slug)
    response = render(request, "journal/page_detail.html", {"page": page})
    if not page.published:
        response["X-Robots-Tag"] = "noindex"
    return response
