"""RSS 2.0 and Atom feeds for the site, each category, tag and author."""

from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed, SyndicationFeed
from django.utils.html import escape

from meridian.accounts.dependencies import PEOPLE
from meridian.accounts.models import User
from meridian.core.dependencies import depends_on
from meridian.core.feeds import XmlSafeFeed
from meridian.core.models import SiteSettings
from meridian.core.urlbuilding import absolute_url

from . import dependencies
from .models import Category, Post, Tag, author_url

FEED_LENGTH = 20


class FullContentRssFeed(Rss201rev2Feed):
    """RSS with the whole article in content:encoded, as feed readers expect."""

    def rss_attributes(self):
        attrs = super().rss_attributes()
        attrs["xmlns:content"] = "http://purl.org/rss/1.0/modules/content/"
        return attrs

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, item)
        handler.addQuickElement("content:encoded", item["content_encoded"])


class FullContentAtomFeed(Atom1Feed):
    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, item)
        handler.addQuickElement("content", item["content_encoded"], {"type": "html"})


class LatestPostsFeed(XmlSafeFeed, Feed):
    feed_type: type[SyndicationFeed] = FullContentRssFeed

    def title(self, obj=None) -> str:
        return SiteSettings.current().name

    def description(self, obj=None) -> str:
        # RSS readers show a description as HTML: the tagline is text.
        return escape(SiteSettings.current().tagline)

    def subtitle(self, obj=None) -> str:
        return SiteSettings.current().tagline  # Atom's subtitle is type="text"

    def link(self, obj=None) -> str:
        return absolute_url(obj.get_absolute_url() if obj else "/")

    def items(self, obj=None):
        depends_on(dependencies.LISTINGS, PEOPLE)
        return self.filter(Post.objects.for_listing().defer(None), obj)[:FEED_LENGTH]

    def filter(self, posts, obj):
        return posts

    def item_title(self, item: Post) -> str:
        return item.title

    def item_description(self, item: Post) -> str:
        # RSS <description> and Atom <summary type="html"> are HTML, and the
        # summary is text that the article page shows as text.
        return escape(item.excerpt)

    def item_link(self, item: Post) -> str:
        return absolute_url(item.get_absolute_url())

    def item_guid(self, item: Post) -> str:
        return absolute_url(item.get_absolute_url())

    def item_author_name(self, item: Post) -> str:
        return item.author.public_name

    def item_pubdate(self, item: Post):
        return item.published_at

    def item_updateddate(self, item: Post):
        return max(item.updated_at, item.published_at or item.updated_at)

    def item_categories(self, item: Post):
        return [item.category.name] if item.category else []

    def item_extra_kwargs(self, item: Post) -> dict:
        return {"content_encoded": item.body_html}


class LatestPostsAtomFeed(LatestPostsFeed):
    feed_type = FullContentAtomFeed


class CategoryFeed(LatestPostsFeed):
    def get_object(self, request, slug: str) -> Category:
        return get_object_or_404(Category, slug=slug)

    def title(self, obj=None) -> str:
        return f"{SiteSettings.current().name}: {obj.name}"

    def filter(self, posts, obj):
        return posts.filter(category=obj)


class CategoryAtomFeed(CategoryFeed):
    feed_type = FullContentAtomFeed


class TagFeed(LatestPostsFeed):
    def get_object(self, request, slug: str) -> Tag:
        return get_object_or_404(Tag, slug=slug)

    def title(self, obj=None) -> str:
        return f"{SiteSettings.current().name}: {obj.name}"

    def filter(self, posts, obj):
        return posts.filter(tags=obj)


class TagAtomFeed(TagFeed):
    feed_type = FullContentAtomFeed


class AuthorFeed(LatestPostsFeed):
    def get_object(self, request, username: str) -> User:
        return get_object_or_404(Post.objects.authors(), username=username)

    def title(self, obj=None) -> str:
        return f"{SiteSettings.current().name}: {obj.public_name}"

    def link(self, obj=None) -> str:
        return absolute_url(author_url(obj))

    def filter(self, posts, obj):
        return posts.filter(author=obj)


class AuthorAtomFeed(AuthorFeed):
    feed_type = FullContentAtomFeed
