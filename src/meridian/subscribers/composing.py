"""A mailing's message, rendered once and filled in per recipient.

Rendering a template per recipient would cost more than the send itself, so
the bodies are rendered once with placeholders where each reader's own links
go, then filled in by string replacement. A digest differs by the reader's
categories, so it is rendered once per distinct choice of categories.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from email.utils import parseaddr

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db.models import Q
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from meridian.core.urlbuilding import absolute_url, file_url
from meridian.journal.models import Post
from meridian.media.markup import best_rendition

from . import emails
from .links import link_for_key
from .models import CONFIRM_DAYS, Mailing

MANAGE = "MERIDIAN-PLACEHOLDER-MANAGE"
UNSUBSCRIBE = "MERIDIAN-PLACEHOLDER-UNSUBSCRIBE"
CONFIRM = "MERIDIAN-PLACEHOLDER-CONFIRM"


@dataclass(frozen=True)
class Recipient:
    delivery_id: int
    email: str
    key: str
    all_categories: bool = True
    category_ids: frozenset[int] = frozenset()


@dataclass(frozen=True)
class Rendered:
    subject: str
    text: str
    html: str


def mail_domain() -> str:
    """Return the domain of the site's sender, for Message-IDs."""
    address = parseaddr(settings.DEFAULT_FROM_EMAIL)[1]
    return address.rpartition("@")[2] or "localhost"


def digest_posts(mailing: Mailing):
    return (
        Post.objects.published()
        .filter(
            published_at__gte=mailing.period_start, published_at__lt=mailing.period_end
        )
        .select_related("category", "author", "featured_image")
        .prefetch_related("featured_image__renditions")
        .order_by("published_at", "id")
    )


def _image_url(post: Post) -> str:
    """Return the featured picture's address in a format every mail client shows."""
    if post.featured_image is None:
        return ""
    return file_url(best_rendition(post.featured_image)[0])


def article_context(post: Post) -> dict:
    return {
        "post": post,
        "post_url": absolute_url(post.get_absolute_url()),
        "image_url": _image_url(post),
        "published": formats.date_format(
            timezone.localtime(post.published_at), "DATE_FORMAT"
        )
        if post.published_at
        else "",
    }


class Composer:
    """Build each recipient's message of one mailing."""

    def __init__(self, mailing: Mailing, *, test: bool = False) -> None:
        self.mailing = mailing
        self.test = test
        self.domain = mail_domain()
        self._rendered: dict[object, Rendered] = {}
        self._posts: list[Post] = []
        if mailing.kind == Mailing.Kind.DIGEST:
            self._posts = list(digest_posts(mailing))

    # Rendering, once per variant -------------------------------------------

    def _render(self, variant) -> Rendered:
        if variant in self._rendered:
            return self._rendered[variant]
        mailing = self.mailing
        context = {
            **emails.site_context(),
            "manage_url": MANAGE,
            "unsubscribe_url": UNSUBSCRIBE,
            "confirm_url": CONFIRM,
            "all_categories": variant is None,
            "test": self.test,
        }
        site_name = context["site"].name
        if mailing.post is not None:  # an article
            post = mailing.post
            context.update(article_context(post))
            name, subject = "article", post.title
        elif mailing.kind == Mailing.Kind.DIGEST:
            posts = self.posts_for(variant)
            context["articles"] = [article_context(p) for p in posts]
            name = "digest"
            subject = _("This week at %(site)s") % {"site": site_name}
        else:
            context["confirm_days"] = CONFIRM_DAYS
            context["imported"] = True
            name = "confirm"
            subject = emails.SUBJECTS["confirm"] % {"site": site_name}
        text, html = emails.render(name, context)
        if self.test:
            subject = _("[Test] %(subject)s") % {"subject": subject}
        rendered = Rendered(emails.one_line(subject), text, html)
        self._rendered[variant] = rendered
        return rendered

    def posts_for(self, variant) -> list[Post]:
        """Return the digest's articles for a choice of categories (None: all)."""
        if variant is None:
            return self._posts
        return [p for p in self._posts if p.category_id in variant]

    def variant(self, recipient: Recipient):
        if self.mailing.kind != Mailing.Kind.DIGEST or recipient.all_categories:
            return None
        return recipient.category_ids

    # One recipient's message -------------------------------------------------

    def message(self, recipient: Recipient) -> EmailMultiAlternatives:
        rendered = self._render(self.variant(recipient))
        urls = {
            MANAGE: link_for_key(recipient.key, "manage"),
            UNSUBSCRIBE: link_for_key(recipient.key, "unsubscribe"),
            CONFIRM: link_for_key(recipient.key, "confirm"),
        }
        text, html = rendered.text, rendered.html
        for placeholder, url in urls.items():
            text = text.replace(placeholder, url)
            html = html.replace(placeholder, url)
        headers = {
            # The same id on a resend after a crash: mail systems keep one copy.
            "Message-ID": f"<mailing-{self.mailing.pk}.{recipient.delivery_id}"
            f"@{self.domain}>",
        }
        if self.mailing.kind != Mailing.Kind.CONFIRMATION:
            headers["List-Unsubscribe"] = f"<{urls[UNSUBSCRIBE]}>"
            headers["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
            headers["List-Id"] = f"<articles.{self.domain}>"
        message = EmailMultiAlternatives(
            rendered.subject, text, to=[recipient.email], headers=headers
        )
        message.attach_alternative(html, "text/html")
        return message

    def preview(self) -> Rendered:
        """Return the message as a reader of all categories gets it, links blank."""
        rendered = self._render(None)
        fill = {
            MANAGE: absolute_url(reverse("subscribers:manage_request")),
            UNSUBSCRIBE: absolute_url(reverse("subscribers:manage_request")),
            CONFIRM: absolute_url(reverse("subscribers:subscribe")),
        }
        text, html = rendered.text, rendered.html
        for placeholder, url in fill.items():
            text = text.replace(placeholder, url)
            html = html.replace(placeholder, url)
        return Rendered(rendered.subject, text, html)


def recipients_matching_categories(queryset, category_ids: Iterable[int]):
    """Narrow subscribers to those who want any of these categories."""
    return queryset.filter(
        Q(all_categories=True) | Q(categories__in=list(category_ids))
    ).distinct()
