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
def shows_discussion(post) -> str:
    """Declare that the page shows the article's comment count."""
    depends_on(dependencies.discussion(post.pk))
    return ""


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
