"""RSS and Atom feeds of an article's approved comments."""

from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import escape
from django.utils.translation import gettext as _

from meridian.accounts.dependencies import PEOPLE
from meridian.core.dependencies import depends_on
from meridian.core.feeds import XmlSafeFeed
from meridian.core.urlbuilding import absolute_url
from meridian.journal import dependencies
from meridian.journal.models import Post

from .models import Comment

FEED_LENGTH = 30


class CommentsFeed(XmlSafeFeed, Feed):
    def get_object(self, request, slug: str) -> Post:
        post = get_object_or_404(Post.objects.published(), slug=slug)
        depends_on(dependencies.post(post.pk), dependencies.discussion(post.pk), PEOPLE)
        return post

    def title(self, obj: Post) -> str:
        return _("Comments on “%(title)s”") % {"title": obj.title}

    def description(self, obj: Post) -> str:
        return escape(self.title(obj))  # RSS readers show it as HTML

    def subtitle(self, obj: Post) -> str:
        return self.title(obj)  # Atom's subtitle is type="text"

    def link(self, obj: Post) -> str:
        return absolute_url(obj.get_absolute_url() + "#comments")

    def items(self, obj: Post):
        return (
            Comment.objects.approved()
            .filter(post=obj)
            .select_related("author")
            .order_by("-created_at", "-id")[:FEED_LENGTH]
        )

    def item_title(self, item: Comment) -> str:
        return _("Comment by %(name)s") % {"name": item.name}

    def item_description(self, item: Comment) -> str:
        return item.body_html  # sanitized by core/sanitizing.py when saved

    def item_link(self, item: Comment) -> str:
        return absolute_url(item.get_absolute_url())

    def item_guid(self, item: Comment) -> str:
        return absolute_url(item.get_absolute_url())

    def item_author_name(self, item: Comment) -> str:
        return item.name

    def item_pubdate(self, item: Comment):
        return item.created_at

    def item_updateddate(self, item: Comment):
        return item.edited_at or item.created_at


class CommentsAtomFeed(CommentsFeed):
    feed_type = Atom1Feed
