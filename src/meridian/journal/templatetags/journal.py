from django import template

from ..structured_data import article_jsonld

register = template.Library()


@register.simple_tag
def post_jsonld(post) -> dict:
    return article_jsonld(post)
