"""Create approved comments on an article through the comments app's model."""

from django.apps import apps
from django.db import models


def create(article, count: int) -> int:
    """Save `count` public comments on `article`; return how many were stored."""
    comment = apps.get_app_config("comments").get_model("Comment")
    for number in range(1, count + 1):
        comment(**_fields(comment, article, number)).save()
    _refresh_count(article, comment)
    return comment.objects.filter(**{_post_field(comment): article}).count()


def _post_field(comment) -> str:
    post = apps.get_model("journal", "Post")
    for field in comment._meta.get_fields():
        if isinstance(field, models.ForeignKey) and field.related_model is post:
            return field.name
    raise LookupError("The Comment model has no foreign key to Post.")


def _fields(comment, article, number: int) -> dict:
    """Fill the fields a reader's comment has, recognised by name and kind."""
    text = (
        f"Thank you for this article. Comment {number}: the part about what to "
        "wear and eating beforehand was exactly what I needed before my visit."
    )
    values: dict = {_post_field(comment): article}
    for field in comment._meta.concrete_fields:
        name = field.name
        if name in values or field.primary_key or field.auto_created:
            continue
        if isinstance(field, models.ForeignKey):
            continue  # a signed-in author is optional; anonymous readers comment
        if field.choices and any(
            str(value) in ("approved", "published", "public", "visible")
            for value, _label in field.choices
        ):
            values[name] = next(
                value
                for value, _label in field.choices
                if str(value) in ("approved", "published", "public", "visible")
            )
        elif isinstance(field, models.BooleanField) and name in (
            "approved",
            "is_approved",
            "is_public",
            "public",
            "visible",
        ):
            values[name] = True
        elif isinstance(field, models.EmailField):
            values[name] = f"reader{number}@example.org"
        elif isinstance(field, models.TextField) and name in (
            "body",
            "text",
            "content",
            "comment",
        ):
            values[name] = text
        elif isinstance(field, models.CharField) and "name" in name:
            values[name] = f"Reader {number}"
    return values


def _refresh_count(article, comment) -> None:
    """Keep Post.comment_count right if saving comments did not already."""
    article.refresh_from_db()
    post_field = _post_field(comment)
    stored = comment.objects.filter(**{post_field: article}).count()
    if article.comment_count < stored:
        type(article).objects.filter(pk=article.pk).update(comment_count=stored)
