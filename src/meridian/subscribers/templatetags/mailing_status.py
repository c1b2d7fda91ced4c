"""{% mailing_status post as status %}: what the Studio shows of an article's emails."""

from dataclasses import dataclass

from django import template

from meridian.journal.models import Post

from ..mailings import audience
from ..models import Mailing

register = template.Library()


@dataclass(frozen=True)
class MailingStatus:
    audience: int
    latest: Mailing | None

    @property
    def emailed(self) -> bool:
        return self.latest is not None


@register.simple_tag
def mailing_status(post: Post) -> MailingStatus:
    """Return how many would get the article, and its latest mailing with counts."""
    latest = (
        Mailing.objects.with_counts()
        .filter(post=post, kind=Mailing.Kind.ARTICLE)
        .exclude(status=Mailing.Status.CANCELLED)
        .order_by("-created_at", "-id")
        .first()
    )
    return MailingStatus(audience=audience(post), latest=latest)
