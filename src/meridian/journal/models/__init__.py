"""Articles, static pages, categories and tags, and their history.

One module per concept; everything is imported here, so `journal.models`
stays the one address the rest of the project (and Django) uses.
"""

from .pages import Page, PageQuerySet
from .posts import Post, PostQuerySet, Source, author_url
from .redirects import Redirect
from .rendered import Rendered
from .revisions import Revision
from .taxonomy import Category, Tag

__all__ = [
    "Category",
    "Page",
    "PageQuerySet",
    "Post",
    "PostQuerySet",
    "Redirect",
    "Rendered",
    "Revision",
    "Source",
    "Tag",
    "author_url",
]
