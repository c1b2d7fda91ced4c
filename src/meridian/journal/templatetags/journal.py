from django import template

from meridian.accounts.dependencies import PEOPLE
from meridian.core.dependencies import depends_on

from .. import dependencies
from ..structured_data import article_jsonld

register = template.Library()


@register.simple_tag
def post_jsonld(post) -> dict:
    return article_jsonld(post)


@register.simple_tag
def shows_card(post) -> str:
    """Declare what an article's card in a listing shows, its comment count included."""
    depends_on(dependencies.LISTINGS, PEOPLE, dependencies.discussion(post.pk))
    return ""


@register.filter
def card_loading(position: int) -> str:
    """Return how a listing's card at this position loads its picture.

    The first two are on the first screen of a phone and load at once.
    """
    return "eager" if position <= 2 else "lazy"


@register.simple_tag
def shows_post(post) -> str:
    """Declare that the page shows the article, its neighbours and its byline."""
    depends_on(dependencies.post(post.pk), dependencies.LISTINGS, PEOPLE)
    return ""


@register.simple_tag
def shows_listings() -> str:
    """Declare that the page lists articles, with their bylines."""
    depends_on(dependencies.LISTINGS, PEOPLE)
    return ""


@register.simple_tag
def shows_page(page) -> str:
    """Declare that the page shows a static page."""
    depends_on(dependencies.page(page.pk))
    return ""
