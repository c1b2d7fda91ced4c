from urllib.parse import urlsplit

from django.conf import settings
from django.contrib import sitemaps

from meridian.core.dependencies import depends_on

from . import dependencies
from .models import Category, Page, Post


class Sitemap(sitemaps.Sitemap):
    """A sitemap whose absolute URLs come from MERIDIAN_SITE_URL."""

    def get_protocol(self, protocol=None) -> str:
        return urlsplit(settings.SITE_URL).scheme

    def get_domain(self, site=None) -> str:
        return urlsplit(settings.SITE_URL).netloc


class PostSitemap(Sitemap):
    changefreq = "monthly"
    priority = 0.8

    def items(self):
        depends_on(dependencies.LISTINGS)
        return (
            Post.objects.published()
            .only("slug", "updated_at")
            .order_by("-published_at")
        )

    def lastmod(self, item: Post):
        return item.updated_at


class PageSitemap(Sitemap):
    changefreq = "yearly"
    priority = 0.4

    def items(self):
        depends_on(dependencies.PAGES)
        return Page.objects.published().only("slug", "updated_at")

    def lastmod(self, item: Page):
        return item.updated_at


class CategorySitemap(Sitemap):
    changefreq = "weekly"
    priority = 0.5

    def items(self):
        depends_on(dependencies.LISTINGS)
        return Category.objects.filter(posts__in=Post.objects.published()).distinct()


SITEMAPS = {"posts": PostSitemap, "pages": PageSitemap, "categories": CategorySitemap}
