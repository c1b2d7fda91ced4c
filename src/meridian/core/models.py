"""Site settings a clinic's administrator edits in the admin, without a restart."""

import datetime
from contextvars import ContextVar
from typing import Any
from urllib.parse import urlsplit

from django.core.cache import cache, caches
from django.core.exceptions import ValidationError
from django.core.signals import request_finished, request_started
from django.db import models
from django.utils.translation import gettext_lazy as _

from . import dependencies
from .rendering import render_article
from .worker_memory import reader_copy

CACHE_KEY = "core:site-settings:v1"
CACHE_SECONDS = 300
# Navigation links a menu may carry; never javascript: or data: ones.
SAFE_LINK_SCHEMES = ("", "http", "https", "mailto", "tel")


_C0_AND_SPACE = "".join(chr(code) for code in range(0x21))


def _safe_link(url: str) -> bool:
    # As browsers do: leading control characters and spaces go, and urlsplit
    # drops the tabs and line breaks inside a scheme.
    return urlsplit(url.lstrip(_C0_AND_SPACE)).scheme.lower() in SAFE_LINK_SCHEMES


# The settings read once per request: a page asks for them several times, and
# each ask would otherwise read the shared cache. Only while a request is served,
# so background work and shells always read fresh settings. A context variable,
# not a thread-local: under ASGI one thread serves many requests in turn, and
# each request (an asyncio task, or the thread a sync view runs in, which gets a
# copy of the task's context) sees only its own memo.
_request_memo: ContextVar[dict[str, Any] | None] = ContextVar(
    "site_settings_memo", default=None
)


def start_request_memo(**kwargs) -> None:
    _request_memo.set({})


def end_request_memo(**kwargs) -> None:
    _request_memo.set(None)


def forget_site_settings() -> None:
    """Drop the cached settings, so the next read loads the row."""
    memo = _request_memo.get()
    if memo is not None:
        memo.clear()
    cache.delete(CACHE_KEY)


request_started.connect(start_request_memo, dispatch_uid="site-settings-memo-start")
request_finished.connect(end_request_memo, dispatch_uid="site-settings-memo-end")

DEFAULT_DISCLAIMER = _(
    "The articles in this journal are for general information and are not a "
    "substitute for advice from your own practitioner. If you have a medical "
    "emergency, call your local emergency number."
)
DEFAULT_PRIVACY_POLICY = """\
## What this site keeps

- **If you register:** your email address, the name you choose to show, and what
  you add to your profile (a few words about you, a picture). Your password is kept
  only as a one-way hash.
- **If you comment:** your comment and the name shown with it; as a guest, also the
  email address you give, which is never shown. Approved comments are public.
- **To keep comments safe:** a keyed fingerprint of your network address, never the
  address itself, so that moderators can tell two comments came from one place. It
  is deleted after a set number of days.
- **While you are signed in:** a cookie that keeps you signed in, and a record of
  that session, deleted when you sign out or delete your account.
- **If you subscribe:** your email address and what you asked to hear about.

There are no advertising or tracking cookies, and your data is not sold or shared.

## Your choices

Once signed in, you can download everything the site holds about you, or delete
your account, from your profile ("Your data and deleting your account"). For any
other question about your data, please contact the clinic.
"""


def _default_privacy_policy_html() -> str:
    return render_article(DEFAULT_PRIVACY_POLICY).html


DEFAULT_PRIVATE_REPLY = _(
    "Thank you for your question. So that we can answer it properly and keep "
    "your health information private, please contact the clinic directly."
)


class SiteSettings(models.Model):
    """The one row of settings for this site."""

    class CommentErasure(models.TextChoices):
        ERASE = "erase", _("Erase the person's comments")
        ANONYMISE = "anonymise", _("Keep the comments, anonymised")

    class Weekday(models.IntegerChoices):
        MONDAY = 0, _("Monday")
        TUESDAY = 1, _("Tuesday")
        WEDNESDAY = 2, _("Wednesday")
        THURSDAY = 3, _("Thursday")
        FRIDAY = 4, _("Friday")
        SATURDAY = 5, _("Saturday")
        SUNDAY = 6, _("Sunday")

    class BlocklistAction(models.TextChoices):
        HOLD = "hold", _("Hold for moderation")
        REJECT = "reject", _("Reject")

    # Identity
    name = models.CharField(_("site name"), max_length=100, default="Meridian Journal")
    tagline = models.CharField(
        _("tagline"),
        max_length=200,
        blank=True,
        default="Notes on acupuncture, herbs and everyday health",
    )
    logo = models.ImageField(_("logo"), upload_to="site/", blank=True)
    navigation = models.TextField(
        _("navigation"),
        blank=True,
        default="Journal = /\nAbout = /about/\nContact = /contact/",
        help_text=_('One link per line, as "Label = /path/".'),
    )
    footer_text = models.TextField(_("footer text"), blank=True, default="")
    medical_disclaimer = models.TextField(
        _("medical disclaimer"),
        blank=True,
        default=DEFAULT_DISCLAIMER,
        help_text=_("Shown under every article."),
    )
    posts_per_page = models.PositiveSmallIntegerField(
        _("articles per page"), default=10
    )
    medical_review_months = models.PositiveSmallIntegerField(
        _("medical review is due after (months)"),
        default=12,
        help_text=_(
            "Reviewed articles are listed as due in the Studio once their review "
            "is this old, or as soon as their text changes after it."
        ),
    )

    # Accounts
    registration_open = models.BooleanField(_("registration open"), default=True)
    staff_require_2fa = models.BooleanField(
        _("staff must use two-factor sign-in"),
        default=True,
        help_text=_(
            "Always required when the site's address (MERIDIAN_SITE_URL) is not "
            "a loopback one: only a local try-out may switch it off."
        ),
    )
    comment_erasure = models.CharField(
        _("when a person deletes their account"),
        max_length=10,
        choices=CommentErasure.choices,
        default=CommentErasure.ANONYMISE,
    )

    # Comments
    comments_enabled = models.BooleanField(_("comments enabled"), default=True)
    guest_comments = models.BooleanField(
        _("guests may comment with a name and email"), default=False
    )
    comment_depth = models.PositiveSmallIntegerField(_("reply depth limit"), default=3)
    comments_close_after_days = models.PositiveIntegerField(
        _("close comments after N days"),
        default=0,
        help_text=_("0 keeps comments open."),
    )
    hold_first_comment = models.BooleanField(
        _("hold a person's first comment"), default=True
    )
    hold_link_threshold = models.PositiveSmallIntegerField(
        _("hold comments with more links than"), default=2
    )
    hold_personal_details = models.BooleanField(
        _("hold comments that look like they carry personal details"), default=True
    )
    blocklist_words = models.TextField(_("blocked words"), blank=True, default="")
    blocklist_emails = models.TextField(_("blocked emails"), blank=True, default="")
    blocklist_ips = models.TextField(_("blocked IP addresses"), blank=True, default="")
    blocklist_action = models.CharField(
        _("blocked comments are"),
        max_length=10,
        choices=BlocklistAction.choices,
        default=BlocklistAction.HOLD,
    )
    comment_min_seconds = models.PositiveSmallIntegerField(
        _("minimum seconds to fill the comment form"), default=3
    )
    comment_rate_limit = models.CharField(
        _("comment rate limit"),
        max_length=20,
        default="5/10m",
        help_text=_('Comments per person and per IP, e.g. "5/10m".'),
    )
    staff_private_reply = models.TextField(
        _("ready reply for staff"), blank=True, default=DEFAULT_PRIVATE_REPLY
    )

    # Privacy
    privacy_policy = models.TextField(
        _("privacy notice"),
        blank=True,
        default=DEFAULT_PRIVACY_POLICY,
        help_text=_(
            "Shown at /privacy/, linked from every page's footer, the "
            "registration form and the comment form. Markdown."
        ),
    )
    privacy_policy_html = models.TextField(
        editable=False, blank=True, default=_default_privacy_policy_html
    )
    fingerprint_retention_days = models.PositiveSmallIntegerField(
        _("keep address fingerprints for (days)"),
        default=30,
        help_text=_(
            "A comment's fingerprint of the writer's network address (never the "
            "address itself) is deleted after this many days."
        ),
    )

    # Articles by email
    digest_weekday = models.PositiveSmallIntegerField(
        _("weekly digest day"), choices=Weekday.choices, default=Weekday.MONDAY
    )
    digest_time = models.TimeField(
        _("weekly digest time"),
        default=datetime.time(8, 0),
        help_text=_(
            "In the site's time zone. Nothing is sent in a week without new articles."
        ),
    )

    # Security contact (/.well-known/security.txt, RFC 9116)
    security_contact = models.CharField(
        _("security contact"),
        max_length=200,
        blank=True,
        default="",
        help_text=_(
            "Where people report a security problem: an email address or an "
            "https:// page. Published in /.well-known/security.txt; while empty, "
            "that file is not served."
        ),
    )
    security_contact_expires = models.DateField(
        _("security contact valid until"),
        null=True,
        blank=True,
        help_text=_(
            "After this date the contact should no longer be trusted (Expires). "
            "Empty: always a year from today."
        ),
    )

    class Meta:
        verbose_name = _("site settings")
        verbose_name_plural = _("site settings")

    def __str__(self) -> str:
        return str(self.name)

    def save(self, *args, **kwargs) -> None:
        # One row; core/signals.py forgets cached copies once a change commits.
        self.pk = 1
        self.privacy_policy_html = render_article(self.privacy_policy).html
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "privacy_policy_html"}
        super().save(*args, **kwargs)

    @classmethod
    def current(cls) -> "SiteSettings":
        """Return the site's settings, from memory or the shared cache when possible.

        In a request, from the worker's own copy while the settings have not
        changed (the SITE tag, core/dependencies.py: a change bumps it once it
        commits, after the shared copy is forgotten), each request getting its
        own shallow copy, which a form may change.
        """
        memo = _request_memo.get()
        if memo is None:
            return cls._shared()
        if "settings" not in memo:
            kept, _versions = dependencies.kept(
                caches["template_fragments"],
                CACHE_KEY,
                cls._shared,
                timeout=CACHE_SECONDS,
                site_wide=True,
            )
            memo["settings"] = reader_copy(kept)
        return memo["settings"]

    @classmethod
    def _shared(cls) -> "SiteSettings":
        settings = cache.get(CACHE_KEY)
        if settings is None:
            # Created without save(): a first read must not flush the page cache.
            SiteSettings.objects.bulk_create(
                [SiteSettings(pk=1)], ignore_conflicts=True
            )
            settings = SiteSettings.objects.get(pk=1)
            cache.set(CACHE_KEY, settings, CACHE_SECONDS)
        return settings

    def navigation_links(self) -> list[tuple[str, str]]:
        """Return (label, url) pairs from the navigation text, safe links only."""
        links = []
        for line in self.navigation.splitlines():
            label, sep, url = line.partition("=")
            if sep and label.strip() and url.strip() and _safe_link(url.strip()):
                links.append((label.strip(), url.strip()))
        return links

    def security_contact_uri(self) -> str:
        """Return the contact as a URI: mailto: for an address, else as given."""
        contact = self.security_contact.strip()
        if "@" in contact and ":" not in contact:
            return f"mailto:{contact}"
        return contact

    def clean(self) -> None:
        contact = self.security_contact_uri()
        if contact and not contact.startswith(("mailto:", "https://", "tel:")):
            raise ValidationError(
                {"security_contact": _("Give an email address or an https:// address.")}
            )
        bad = [
            url.strip()
            for line in self.navigation.splitlines()
            for _label, sep, url in [line.partition("=")]
            if sep and url.strip() and not _safe_link(url.strip())
        ]
        if bad:
            raise ValidationError(
                {
                    "navigation": _(
                        "Links must be web addresses or paths on this site: %(links)s"
                    )
                    % {"links": ", ".join(bad)}
                }
            )
