"""The journal's tags for cached pages (core/dependencies.py).

- `LISTINGS`: which articles are public, in what order, and what they show
  wherever more than one appears: index and archive pages, feeds, the
  sitemap, each article's neighbours and related reading, category and tag
  names. Any change to an article, a category or a tag bumps it.
- `post(pk)`: one article as its own page shows it.
- `discussion(pk)`: an article's approved comments and their count, shown on
  its page, in its comment feeds and on the cards of listings. The comments
  app bumps it; it names a journal field (`Post.comment_count`), so it is
  named here.
- `PAGES` and `page(pk)`: the static pages, together (sitemap) and one by one.
"""

LISTINGS = "listings"
PAGES = "pages"


def post(pk: int) -> str:
    return f"post:{pk}"


def discussion(pk: int) -> str:
    return f"discussion:{pk}"


def page(pk: int) -> str:
    return f"page:{pk}"
