"""The old site's addresses, kept alive as 301s to where the content lives now.

Search engines and other sites link to `/?p=123`, `/2021/09/28/slug/`, `/slug/`,
`/category/x/`, `/tag/y/`, `/author/z/` and `/feed/`. Each becomes a row of the
journal's redirect table, the one the Studio writes when a slug changes.
"""

import re
from urllib.parse import unquote, urlsplit

from django.urls import reverse

from meridian.journal.models import Category, Page, Post, Redirect, Tag
from meridian.journal.redirects import MAX_PATH

from .wxr import WxrItem

_NICENAME_DROP = re.compile(r"[^a-z0-9 _-]")


def wp_nicename(login: str) -> str:
    """Return the author slug WordPress makes from a login (sanitize_title)."""
    name = _NICENAME_DROP.sub("", login.lower().replace(".", "-").replace("@", ""))
    return re.sub(r"-+", "-", re.sub(r"\s+", "-", name)).strip("-")


def old_path(url: str) -> str:
    """Return the path (and query) of an address of the old site."""
    parts = urlsplit(url.strip())
    path = parts.path or "/"
    if parts.query:
        return f"{path}?{parts.query}"
    # Without a query, the middleware compares with Django's decoded path.
    return unquote(path)


def remember(pairs: list[tuple[str, str]]) -> int:
    """Make each old path answer with a 301 to its new one; the last pair wins."""
    # One upsert for all of them: remember_move()'s care for chains of
    # renames is not needed for addresses of the old site, which nothing here
    # points to. Each old path once: PostgreSQL refuses to update a row twice
    # in one statement.
    rows = [
        Redirect(old_path=old, new_path=new)
        for old, new in dict(pairs).items()
        if old and old != new and len(old) <= MAX_PATH
    ]
    Redirect.objects.bulk_create(
        rows,
        update_conflicts=True,
        unique_fields=["old_path"],
        update_fields=["new_path"],
    )
    return len(rows)


def post_addresses(item: WxrItem, post: Post) -> list[tuple[str, str]]:
    """Return a post's WordPress addresses, each with the article's own."""
    new = post.get_absolute_url()
    pairs = [(f"/?p={item.wp_id}", new)]
    if item.link:
        link = old_path(item.link)
        pairs.append((link, new))
        if "?" not in link:
            feed = reverse("comments:feed", kwargs={"slug": post.slug})
            pairs.append((link.rstrip("/") + "/feed/", feed))
    if item.slug and unquote(item.slug).lower() == post.slug:
        # Only the article that kept the name: a renamed duplicate has its own.
        pairs.append((f"/{post.slug}/", new))
    if post.published_at:
        day = post.published_at
        month = reverse("journal:month", kwargs={"year": day.year, "month": day.month})
        pairs.append((f"/{day:%Y/%m/%d}/", month))
    return pairs


def page_addresses(item: WxrItem, page: Page) -> list[tuple[str, str]]:
    """Return a page's WordPress addresses (`/?page_id=7`, `/parent/child/`)."""
    new = page.get_absolute_url()
    pairs = [(f"/?page_id={item.wp_id}", new), (f"/?p={item.wp_id}", new)]
    if item.link:
        pairs.append((old_path(item.link), new))
    return pairs


def remember_term(
    taxonomy: str, wp_slug: str, wp_id: int | None, obj: Category | Tag, parents: str
) -> int:
    """Point `/category/parent/child/`, `/?cat=4`, `/tag/x/` and `/?tag=x` here."""
    new = obj.get_absolute_url()
    slug = unquote(wp_slug)
    if taxonomy == "category":
        pairs = [(f"/category/{parents}{slug}/", new)]
        if wp_id:
            pairs.append((f"/?cat={wp_id}", new))
    else:
        pairs = [(f"/tag/{slug}/", new), (f"/?tag={wp_slug}", new)]
    feed_name = (
        "journal:category_feed" if taxonomy == "category" else "journal:tag_feed"
    )
    feed = reverse(feed_name, kwargs={"slug": obj.slug})
    pairs += [(old.rstrip("/") + "/feed/", feed) for old, _new in pairs[:1]]
    return remember(pairs)


def remember_author(login: str, wp_id: int | None, user) -> int:
    """Point `/author/nicename/` and `/?author=2` at the author's page."""
    new = reverse("journal:author", kwargs={"username": user.username})
    feed = reverse("journal:author_feed", kwargs={"username": user.username})
    nicename = wp_nicename(login)
    pairs = []
    if nicename:
        pairs += [(f"/author/{nicename}/", new), (f"/author/{nicename}/feed/", feed)]
    if wp_id:
        pairs.append((f"/?author={wp_id}", new))
    return remember(pairs)


def remember_feeds() -> int:
    """Point WordPress's feed addresses at the site's feeds."""
    rss = reverse("journal:feed")
    atom = reverse("journal:feed_atom")
    return remember(
        [
            ("/?feed=rss2", rss),
            ("/?feed=rss", rss),
            ("/?feed=atom", atom),
            ("/feed/rss2/", rss),
            ("/feed/rss/", rss),
            ("/feed/rdf/", rss),
            ("/rss/", rss),
        ]
    )
