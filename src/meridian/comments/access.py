"""Who may comment on an article, and whether its comments are still open."""

from datetime import timedelta
from enum import StrEnum

from allauth.account.utils import has_verified_email
from django.utils import timezone

from meridian.core.models import SiteSettings


class Access(StrEnum):
    MEMBER = "member"  # signed in with a confirmed email, or staff
    GUEST = "guest"  # not signed in, and the site lets guests comment
    CONFIRM_EMAIL = "confirm-email"  # signed in, email not confirmed yet
    SIGN_IN = "sign-in"  # not signed in, guests may not comment
    CLOSED = "closed"

    @property
    def may_comment(self) -> bool:
        return self in (Access.MEMBER, Access.GUEST)


def comments_closed(post, site: SiteSettings) -> bool:
    """Return whether the article no longer takes comments."""
    if not (site.comments_enabled and post.comments_open and post.is_public):
        return True
    days = site.comments_close_after_days
    return bool(days and post.published_at + timedelta(days=days) < timezone.now())


def access_for(post, user, site: SiteSettings) -> Access:
    """Return what the person may do in the article's comment section."""
    if comments_closed(post, site):
        return Access.CLOSED
    if user is not None and user.is_authenticated:
        if user.is_staff or has_verified_email(user):
            return Access.MEMBER
        return Access.CONFIRM_EMAIL
    return Access.GUEST if site.guest_comments else Access.SIGN_IN
