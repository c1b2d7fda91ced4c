"""What journal contributes to the privacy registry: authors keep their articles.

An article's author is protected (Post.author is PROTECT): the clinic gives the
articles another author before the account can go.
"""

from django.utils.translation import gettext_lazy as _

from meridian.core import privacy

from .models import Post


def articles_hold_deletion(user) -> str | None:
    if not Post.objects.filter(author=user).exists():
        return None
    return str(
        _(
            "Articles on this site are signed with your account, so it cannot be "
            "deleted yet. Please ask the clinic to give them another author first."
        )
    )


def register() -> None:
    privacy.register_deletion_check("articles", articles_hold_deletion)
