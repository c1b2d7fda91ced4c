"""Emailing an article to its subscribers: check, then queue; previews and tests."""

from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from meridian.core.email import send_email
from meridian.journal.models import Post

from .composing import Composer, Rendered
from .models import Mailing, Subscriber
from .sending import queue_mailing


class MailingRefused(Exception):
    """The article cannot be emailed now; the message says why."""


def was_emailed(post: Post) -> bool:
    """Return whether the article has gone, or is going, to subscribers."""
    return (
        Mailing.objects.filter(post=post, kind=Mailing.Kind.ARTICLE)
        .exclude(status=Mailing.Status.CANCELLED)
        .exists()
    )


def check_email_article(post: Post) -> None:
    """Raise MailingRefused if the article may not be emailed now."""
    if post.status != Post.Status.PUBLISHED or post.published_at is None:
        raise MailingRefused(_("Publish the article first."))
    if Mailing.objects.unfinished().filter(post=post).exists():
        raise MailingRefused(_("This article is already being emailed."))


@transaction.atomic
def email_article(post: Post, *, by=None) -> Mailing:
    """Email the article to its subscribers, when it is public."""
    check_email_article(post)
    mailing = Mailing.objects.create(
        kind=Mailing.Kind.ARTICLE, post=post, created_by=by
    )
    when = post.published_at
    later = when if when and when > timezone.now() else None
    queue_mailing(mailing, run_after=later)
    return mailing


def preview_article(post: Post) -> Rendered:
    return Composer(Mailing(kind=Mailing.Kind.ARTICLE, post=post)).preview()


def send_article_test(post: Post, to: str) -> None:
    """Send the article's email to one address (staff), marked as a test."""
    rendered = Composer(
        Mailing(kind=Mailing.Kind.ARTICLE, post=post), test=True
    ).preview()
    message = EmailMultiAlternatives(rendered.subject, rendered.text, to=[to])
    message.attach_alternative(rendered.html, "text/html")
    send_email(message)


def audience(post: Post) -> int:
    """Return how many confirmed subscribers would get the article now."""
    return Subscriber.objects.wanting_article(post).count()
