"""Articles, static pages, categories and tags, and their history.

One module per concept; everything is imported here, so `journal.models`
stays the one address the rest of the project (and Django) uses.
"""

from .pages import Page, PageQuerySet
from .posts import Post, PostQuerySet, Source, author_url
from .redirects import Redirect
from .rendered import Rendered
from .revisions import PageRevision, Revision, Snapshot
from .taxonomy import Category, Tag

__all__ = [
    "Category",
    "Page",
    "PageQuerySet",
    "PageRevision",
    "Post",
    "PostQuerySet",
    "Redirect",
    "Rendered",
    "Revision",
    "Snapshot",
    "Source",
    "Tag",
    "author_url",
]
